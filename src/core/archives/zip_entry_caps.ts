/**
 * How big an archive may get once unpacked. A 2 MB zip can hold 2 GiB of
 * whitespace (deflate packs repeated bytes about 1000:1); GDAL unpacks what
 * it reads, so without a cap such a zip costs minutes and gigabytes and, read
 * as a layer, "imports" nothing over real data. The caps use the sizes the
 * central directory declares; GDAL's /vsizip/ and the renderer's inflater stop
 * at the declared size, so an entry cannot unpack to more than it declares.
 */
import { ZipProblem, type ZipEntry } from './read_zip_directory.js';

/**
 * The most one entry may unpack to. A full city's 976,000 components make a
 * .dbf of about 400 MB; ten times that is still a delivery, more is not.
 */
export const MAX_ENTRY_BYTES = 4 * 1024 ** 3;

/** The most all entries together may unpack to: several layers of a full city, with room to spare. */
export const MAX_ARCHIVE_BYTES = 16 * 1024 ** 3;

/**
 * The most an entry may shrink by when packed. Real GIS files pack 2–40:1
 * (a .dbf's space-padded text packs best, a full city's about 12:1); deflate's
 * ceiling is about 1030:1, reached only by repeated bytes, i.e. padding built to
 * inflate.
 */
export const MAX_ENTRY_RATIO = 200;

/** Entries smaller than this unpacked may pack as well as they like: a small file of repeated text is harmless. */
export const RATIO_FLOOR_BYTES = 64 * 1024 ** 2;

const MIB = 1024 ** 2;
const inMib = (bytes: number): string => `${Math.round(bytes / MIB).toLocaleString('en-US')} MiB`;

/** Throws a ZipProblem naming the first entry (or the archive) that would unpack beyond the caps. */
export function checkZipEntrySizes(entries: readonly ZipEntry[]): void {
  let total = 0;
  for (const entry of entries) {
    if (entry.size > MAX_ENTRY_BYTES) {
      throw new ZipProblem(`entry ${entry.name} would unpack to ${inMib(entry.size)}, more than the ${inMib(MAX_ENTRY_BYTES)} one entry may hold; unpack it yourself if it is real data`, entry.name, true);
    }
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (entry.size > RATIO_FLOOR_BYTES && ratio > MAX_ENTRY_RATIO) {
      throw new ZipProblem(`entry ${entry.name} would unpack from ${inMib(entry.compressedSize)} to ${inMib(entry.size)} (${Math.round(ratio)}:1, more than the ${MAX_ENTRY_RATIO}:1 real data packs to): refused as a possible zip bomb`, entry.name, true);
    }
    total += entry.size;
  }
  if (total > MAX_ARCHIVE_BYTES) throw new ZipProblem(`the archive would unpack to ${inMib(total)}, more than the ${inMib(MAX_ARCHIVE_BYTES)} an import unpacks`, undefined, true);
}
