/**
 * A zip on disk, read through the one central-directory reader
 * (core/archives/read_zip_directory.ts): the entry list, checked against the
 * unpacking caps, and the first bytes of one entry, inflated as a stream and
 * stopped early, so a large .dbf is never read or unpacked whole. GDAL's
 * /vsizip/ reads the geometry and attributes; this feeds encoding detection
 * and refuses archives that would unpack beyond the caps before GDAL starts.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { CityGridError } from '../../core/api/errors.js';
import {
  entryDataOffset, LOCAL_HEADER_LENGTH, locateZipDirectory, readZipDirectory, ZIP_TAIL_LENGTH, ZipProblem, type ZipEntry,
} from '../../core/archives/read_zip_directory.js';
import { checkZipEntrySizes } from '../../core/archives/zip_entry_caps.js';

export type { ZipEntry } from '../../core/archives/read_zip_directory.js';

function readAt(descriptor: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(descriptor, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

const decodeName = (bytes: Uint8Array, encoding: 'utf-8' | 'gbk'): string => new TextDecoder(encoding).decode(bytes);

/** A zip problem as the error a user sees, naming the archive (and the entry, when it is one entry's). */
export function zipError(problem: ZipProblem, path: string): CityGridError {
  return new CityGridError(problem.tooLarge ? 'FILE_TOO_LARGE' : 'FILE_CORRUPT', problem.message, problem.entry ? `${path}/${problem.entry}` : path);
}

/** The entries of a zip file; refused when it is no zip, is damaged, or would unpack beyond the caps. */
export function listZipEntries(path: string): ZipEntry[] {
  const descriptor = openSync(path, 'r');
  try {
    const size = fstatSync(descriptor).size;
    const tailLength = Math.min(size, ZIP_TAIL_LENGTH);
    const location = locateZipDirectory(readAt(descriptor, size - tailLength, tailLength), size);
    const entries = readZipDirectory(readAt(descriptor, location.offset, location.size), location.count, decodeName);
    checkZipEntrySizes(entries);
    return entries;
  } catch (thrown) {
    if (thrown instanceof ZipProblem) throw zipError(thrown, path);
    throw thrown;
  } finally {
    closeSync(descriptor);
  }
}

/** Up to `maxBytes` of an entry's content from its start, or null when it cannot be read here. */
export async function readZipEntryPrefix(path: string, entry: ZipEntry, maxBytes: number): Promise<Buffer | null> {
  if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) return null;
  const descriptor = openSync(path, 'r');
  let compressed: Buffer;
  try {
    let dataOffset: number;
    try {
      dataOffset = entryDataOffset(entry, readAt(descriptor, entry.localHeaderOffset, LOCAL_HEADER_LENGTH));
    } catch {
      return null;
    }
    // Deflate rarely expands text; a bounded slice of the compressed data is enough for maxBytes.
    const wanted = entry.method === 0 ? maxBytes : Math.min(entry.compressedSize, maxBytes + 64 * 1024);
    compressed = readAt(descriptor, dataOffset, Math.min(wanted, entry.compressedSize));
  } finally {
    closeSync(descriptor);
  }
  if (entry.method === 0) return compressed.subarray(0, maxBytes);
  return inflatePrefix(compressed, maxBytes);
}

function inflatePrefix(compressed: Buffer, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw();
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (value: Buffer | null): void => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      resolve(value);
    };
    inflater.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= maxBytes) finish(Buffer.concat(chunks).subarray(0, maxBytes));
    });
    // A slice cut mid-stream ends without the final block: what was inflated still counts.
    inflater.on('error', () => finish(total > 0 ? Buffer.concat(chunks) : null));
    inflater.on('end', () => finish(Buffer.concat(chunks)));
    inflater.end(compressed);
  });
}
