/**
 * Reads the entries of a .zip in the renderer through the one central-directory
 * reader (core/archives/read_zip_directory.ts: UTF-8 and GBK names, zip64,
 * the unpacking caps), inflating stored or deflated entries with the
 * browser's DecompressionStream, so the preview can hand shpjs the raw .shp
 * and .dbf bytes and re-decode the table in another encoding without reading
 * the archive again. Anything that does not add up is refused with the reason.
 */
import { entryDataOffset, LOCAL_HEADER_LENGTH, locateZipDirectory, readZipDirectory, ZIP_TAIL_LENGTH, ZipProblem } from '../../core/archives/read_zip_directory.js';
import { checkZipEntrySizes } from '../../core/archives/zip_entry_caps.js';

export { ZipProblem } from '../../core/archives/read_zip_directory.js';

const decodeName = (bytes: Uint8Array, encoding: 'utf-8' | 'gbk'): string => new TextDecoder(encoding).decode(bytes);

export async function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean): Promise<Map<string, Uint8Array>> {
  const tail = bytes.subarray(Math.max(0, bytes.length - ZIP_TAIL_LENGTH));
  const location = locateZipDirectory(tail, bytes.length);
  const directory = readZipDirectory(bytes.subarray(location.offset, location.offset + location.size), location.count, decodeName);
  checkZipEntrySizes(directory);
  const entries = new Map<string, Uint8Array>();
  for (const entry of directory) {
    if (!wanted(entry.name)) continue;
    if (entry.encrypted) throw new ZipProblem(`entry ${entry.name} is encrypted`, entry.name);
    const dataStart = entryDataOffset(entry, bytes.subarray(entry.localHeaderOffset, entry.localHeaderOffset + LOCAL_HEADER_LENGTH));
    if (dataStart + entry.compressedSize > bytes.length) throw new ZipProblem(`entry ${entry.name} is cut off`, entry.name);
    const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
    if (entry.method === 0) entries.set(entry.name, data);
    else if (entry.method === 8) entries.set(entry.name, await inflate(data, entry.name, entry.size));
    else throw new ZipProblem(`entry ${entry.name} uses compression method ${entry.method}`, entry.name);
  }
  return entries;
}

/** Inflates at most `size` bytes (the declared size): an entry lying about its size cannot unpack beyond it. */
async function inflate(data: Uint8Array, name: string, size: number): Promise<Uint8Array> {
  try {
    const reader = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const out = new Uint8Array(size);
    let filled = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (filled + value.length > size) {
        await reader.cancel();
        throw new ZipProblem(`entry ${name} unpacks to more than the ${size} bytes it declares`, name, true);
      }
      out.set(value, filled);
      filled += value.length;
    }
    return out.subarray(0, filled);
  } catch (thrown) {
    if (thrown instanceof ZipProblem) throw thrown;
    throw new ZipProblem(`entry ${name} does not decompress`, name);
  }
}
