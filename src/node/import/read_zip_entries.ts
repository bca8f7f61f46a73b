/**
 * Just enough of the zip format to look inside a zipped shapefile before
 * GDAL opens it: the entry list (from the central directory at the end) and
 * the first bytes of one entry, inflated as a stream and stopped early, so a
 * large .dbf is never read or unpacked whole. GDAL's /vsizip/ reads the
 * geometry and attributes; this only feeds encoding detection, and answers
 * null for anything it does not understand (zip64, encryption), leaving GDAL
 * to decide.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { CityGridError } from '../../core/api/errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function readAt(descriptor: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(descriptor, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** The entries of a zip file, or null when it is a zip this reader does not understand (zip64, encryption); refused when it is no zip at all. */
export function listZipEntries(path: string): ZipEntry[] | null {
  const descriptor = openSync(path, 'r');
  try {
    const size = fstatSync(descriptor).size;
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = readAt(descriptor, size - tailLength, tailLength);
    let end = -1;
    for (let index = tail.length - 22; index >= 0; index--) {
      if (tail.readUInt32LE(index) === END_SIGNATURE) { end = index; break; }
    }
    // Every zip ends with this record, zip64 ones too: without it the file is
    // not a zip (or was cut short), and GDAL would only say "does not exist".
    if (end < 0) throw new CityGridError('FILE_CORRUPT', 'not a readable zip archive: it has no end-of-central-directory record (damaged, cut short, or not a zip)', path);
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset === 0xffffffff || directoryOffset + directorySize > size) return null;
    const directory = readAt(descriptor, directoryOffset, directorySize);
    const entries: ZipEntry[] = [];
    for (let position = 0, index = 0; index < count && position + 46 <= directory.length; index++) {
      if (directory.readUInt32LE(position) !== CENTRAL_SIGNATURE) return null;
      const flags = directory.readUInt16LE(position + 8);
      const nameLength = directory.readUInt16LE(position + 28);
      const extraLength = directory.readUInt16LE(position + 30);
      const commentLength = directory.readUInt16LE(position + 32);
      const nameBytes = directory.subarray(position + 46, position + 46 + nameLength);
      // Bit 11: the name is UTF-8; otherwise it is in the writer's code page, which for
      // Chinese Windows is GBK (names only locate the entry here, so GBK is the fallback).
      const name = new TextDecoder((flags & 0x800) !== 0 ? 'utf-8' : 'gbk').decode(nameBytes);
      if ((flags & 0x1) === 0) {
        entries.push({
          name,
          method: directory.readUInt16LE(position + 10),
          compressedSize: directory.readUInt32LE(position + 20),
          size: directory.readUInt32LE(position + 24),
          localHeaderOffset: directory.readUInt32LE(position + 42),
        });
      }
      position += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    closeSync(descriptor);
  }
}

/** Up to `maxBytes` of an entry's content from its start, or null when it cannot be read here. */
export async function readZipEntryPrefix(path: string, entry: ZipEntry, maxBytes: number): Promise<Buffer | null> {
  const descriptor = openSync(path, 'r');
  let compressed: Buffer;
  try {
    const local = readAt(descriptor, entry.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) return null;
    const dataOffset = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    // Deflate rarely expands text; a bounded slice of the compressed data is enough for maxBytes.
    const wanted = entry.method === 0 ? maxBytes : Math.min(entry.compressedSize, maxBytes + 64 * 1024);
    compressed = readAt(descriptor, dataOffset, Math.min(wanted, entry.compressedSize));
  } finally {
    closeSync(descriptor);
  }
  if (entry.method === 0) return compressed.subarray(0, maxBytes);
  if (entry.method !== 8) return null;
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
