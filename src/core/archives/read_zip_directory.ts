/**
 * The one reader of a zip's central directory, over bytes, for both the
 * renderer's preview (which holds the whole archive) and the service (which
 * reads the tail and the directory from disk). It finds the end record (zip64
 * too), lists the entries with their sizes and where their data starts, and
 * decodes names the way the writer meant them: UTF-8 when the entry says so
 * (general-purpose flag bit 11), otherwise the writer's code page, which for
 * the Chinese Windows tools shapefiles come from is GBK.
 *
 * It also says whether an entry is too big to unpack (zip_entry_caps.ts):
 * a reader must not trust a small archive to stay small once inflated.
 */

export class ZipProblem extends Error {
  /** The entry the problem is in, when it is one entry's. */
  readonly entry: string | undefined;
  /** True when the entry is refused for its size (a possible zip bomb), not for damage. */
  readonly tooLarge: boolean;

  constructor(message: string, entry?: string, tooLarge = false) {
    super(message);
    this.name = 'ZipProblem';
    this.entry = entry;
    this.tooLarge = tooLarge;
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; others are not unpacked here. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

/** Where the central directory is, read from the archive's last bytes. */
export interface ZipDirectoryLocation {
  offset: number;
  size: number;
  count: number;
}

/** Decodes a name's bytes; the caller brings TextDecoder (Node and the renderer both have it). */
export type DecodeName = (bytes: Uint8Array, encoding: 'utf-8' | 'gbk') => string;

const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_RECORD_LENGTH = 22;
/** The end record plus the longest comment it can carry: how much of the tail a reader must look at. */
export const ZIP_TAIL_LENGTH = END_RECORD_LENGTH + 0xffff;
/** A local header's fixed part; its name and extra field follow. */
export const LOCAL_HEADER_LENGTH = 30;
const UTF8_NAME_FLAG = 0x800;
const ENCRYPTED_FLAG = 0x1;
const ZIP64_EXTRA = 0x0001;
const MISSING32 = 0xffffffff;

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function uint64(view: DataView, at: number): number {
  // Sizes above 2^53 are not real archives; Number is exact below that.
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x100000000;
}

/**
 * The central directory's place, from the archive's tail (its last
 * ZIP_TAIL_LENGTH bytes, or all of a shorter file) and the archive's size.
 * Every zip ends with the end record, zip64 ones too: without it the file is
 * not a zip, or was cut short.
 */
export function locateZipDirectory(tail: Uint8Array, archiveSize: number): ZipDirectoryLocation {
  const view = viewOf(tail);
  let end = -1;
  for (let index = tail.length - END_RECORD_LENGTH; index >= 0; index--) {
    if (view.getUint32(index, true) === END_SIGNATURE) { end = index; break; }
  }
  if (end < 0) throw new ZipProblem('not a readable zip archive: it has no end-of-central-directory record (damaged, cut short, or not a zip)');
  let count = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  if (offset === MISSING32 || size === MISSING32 || count === 0xffff) {
    // Zip64: a locator sits just before the end record and points at the zip64 end record.
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) throw new ZipProblem('damaged zip64 archive: no zip64 locator');
    const tailStart = archiveSize - tail.length;
    const record = uint64(view, locator + 8) - tailStart;
    if (record < 0 || record + 56 > tail.length || view.getUint32(record, true) !== ZIP64_END_SIGNATURE) {
      throw new ZipProblem('zip64 archive whose directory record is not where its locator says');
    }
    count = uint64(view, record + 32);
    size = uint64(view, record + 40);
    offset = uint64(view, record + 48);
  }
  if (offset + size > archiveSize) throw new ZipProblem('damaged zip archive: its central directory lies beyond the end of the file');
  return { offset, size, count };
}

/** The entries of a central directory (its bytes, as located). */
export function readZipDirectory(directory: Uint8Array, count: number, decode: DecodeName): ZipEntry[] {
  const view = viewOf(directory);
  const entries: ZipEntry[] = [];
  let position = 0;
  for (let index = 0; index < count; index++) {
    if (position + 46 > directory.length || view.getUint32(position, true) !== CENTRAL_SIGNATURE) throw new ZipProblem('damaged zip archive: its central directory does not add up');
    const flags = view.getUint16(position + 8, true);
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const nameBytes = directory.subarray(position + 46, position + 46 + nameLength);
    const name = decode(nameBytes, (flags & UTF8_NAME_FLAG) !== 0 ? 'utf-8' : 'gbk');
    const entry: ZipEntry = {
      name,
      method: view.getUint16(position + 10, true),
      compressedSize: view.getUint32(position + 20, true),
      size: view.getUint32(position + 24, true),
      localHeaderOffset: view.getUint32(position + 42, true),
      encrypted: (flags & ENCRYPTED_FLAG) !== 0,
    };
    readZip64Extra(directory.subarray(position + 46 + nameLength, position + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Zip64 keeps the sizes and offset that did not fit 32 bits in an extra field, in this order. */
function readZip64Extra(extra: Uint8Array, entry: ZipEntry): void {
  const view = viewOf(extra);
  for (let at = 0; at + 4 <= extra.length;) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = (): number | null => {
        if (field + 8 > at + 4 + length) return null;
        const value = uint64(view, field);
        field += 8;
        return value;
      };
      if (entry.size === MISSING32) entry.size = next() ?? entry.size;
      if (entry.compressedSize === MISSING32) entry.compressedSize = next() ?? entry.compressedSize;
      if (entry.localHeaderOffset === MISSING32) entry.localHeaderOffset = next() ?? entry.localHeaderOffset;
      return;
    }
    at += 4 + length;
  }
}

/**
 * Where an entry's data starts, from its local header's first
 * LOCAL_HEADER_LENGTH bytes (whose name and extra lengths may differ from the
 * directory's).
 */
export function entryDataOffset(entry: ZipEntry, localHeader: Uint8Array): number {
  const view = viewOf(localHeader);
  if (localHeader.length < LOCAL_HEADER_LENGTH || view.getUint32(0, true) !== LOCAL_SIGNATURE) throw new ZipProblem(`damaged entry ${entry.name}: no local header where the directory says`, entry.name);
  return entry.localHeaderOffset + LOCAL_HEADER_LENGTH + view.getUint16(26, true) + view.getUint16(28, true);
}
