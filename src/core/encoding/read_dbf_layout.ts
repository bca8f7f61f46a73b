/**
 * The layout of a dBASE (.dbf) attribute table, read from its header bytes:
 * record count and length, and where each character field sits in a record.
 * Import uses it to sample the text bytes for encoding detection without
 * reading the whole file, and to refuse a table whose header contradicts
 * itself (GDAL would otherwise read shifted garbage or no attributes at all).
 */

export interface DbfField {
  /** Raw name bytes (field names are in the table's code page too). */
  nameBytes: Uint8Array;
  type: string;
  /** Byte offset inside a record (the deletion flag is byte 0). */
  offset: number;
  length: number;
}

export interface DbfLayout {
  recordCount: number;
  headerLength: number;
  recordLength: number;
  /** Language driver id (byte 29): the code page some writers declare; 0 when unset. */
  languageDriver: number;
  fields: DbfField[];
}

export type DbfLayoutResult = { ok: true; layout: DbfLayout } | { ok: false; problem: string };

const HEADER_SIZE = 32;
const DESCRIPTOR_SIZE = 32;
const DESCRIPTOR_END = 0x0d;

/**
 * `header` holds at least the first `headerLength` bytes of the file (the
 * whole header is at most 64 KiB); `fileSize` is the file's size on disk.
 */
export function readDbfLayout(header: Uint8Array, fileSize: number): DbfLayoutResult {
  if (header.length < HEADER_SIZE) return { ok: false, problem: `only ${header.length} bytes, shorter than a dBASE header (32 bytes)` };
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const recordCount = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  const languageDriver = header[29]!;
  if (headerLength < HEADER_SIZE + 1) return { ok: false, problem: `the header length (${headerLength} bytes) is too short for any field` };
  if (headerLength > header.length) return { ok: false, problem: `the header claims ${headerLength} bytes but only ${header.length} are there` };
  const fields: DbfField[] = [];
  let offset = 1;
  for (let position = HEADER_SIZE; position + DESCRIPTOR_SIZE <= headerLength && header[position] !== DESCRIPTOR_END; position += DESCRIPTOR_SIZE) {
    const nameEnd = header.subarray(position, position + 11).indexOf(0);
    const length = header[position + 16]!;
    fields.push({
      nameBytes: header.slice(position, position + (nameEnd < 0 ? 11 : nameEnd)),
      type: String.fromCharCode(header[position + 11]!),
      offset,
      length,
    });
    offset += length;
  }
  if (fields.length === 0) return { ok: false, problem: 'the header describes no field' };
  // Some writers leave unused bytes at the end of each record; fields that
  // run past the record are damage.
  if (offset > recordLength) {
    return { ok: false, problem: `the header says each record is ${recordLength} bytes, but its ${fields.length} fields need ${offset} (with the deletion flag); the attribute table is damaged` };
  }
  const needed = headerLength + recordCount * recordLength;
  if (fileSize < needed) {
    return { ok: false, problem: `the header declares ${recordCount} records (${needed} bytes) but the file holds only ${fileSize} bytes; it is truncated` };
  }
  return { ok: true, layout: { recordCount, headerLength, recordLength, languageDriver, fields } };
}

/**
 * Byte ranges of whole records to sample, spread over the table so that text
 * that only appears late is still seen, within `budget` bytes in all.
 */
export function planRecordWindows(layout: DbfLayout, budget: number, windows = 8): Array<{ offset: number; length: number }> {
  const total = layout.recordCount * layout.recordLength;
  if (total <= budget) return total > 0 ? [{ offset: layout.headerLength, length: total }] : [];
  const recordsPerWindow = Math.max(1, Math.floor(budget / windows / layout.recordLength));
  const step = layout.recordCount / windows;
  const ranges: Array<{ offset: number; length: number }> = [];
  for (let index = 0; index < windows; index++) {
    const firstRecord = Math.min(Math.floor(index * step), layout.recordCount - recordsPerWindow);
    ranges.push({ offset: layout.headerLength + firstRecord * layout.recordLength, length: recordsPerWindow * layout.recordLength });
  }
  return ranges;
}

/**
 * The character-field values of the whole records in `chunk` (which starts
 * on a record boundary), without their space/NUL padding; deleted records
 * are skipped. Field names come first, since they are text too.
 */
export function collectTextValues(layout: DbfLayout, chunks: Uint8Array[]): Uint8Array[] {
  const values: Uint8Array[] = layout.fields.map((field) => field.nameBytes);
  const textFields = layout.fields.filter((field) => field.type === 'C');
  for (const chunk of chunks) {
    for (let start = 0; start + layout.recordLength <= chunk.length; start += layout.recordLength) {
      if (chunk[start] === 0x2a) continue;
      for (const field of textFields) {
        const value = trimPadding(chunk.subarray(start + field.offset, start + field.offset + field.length));
        if (value.length > 0) values.push(value);
      }
    }
  }
  return values;
}

function trimPadding(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  let start = 0;
  while (start < end && bytes[start] === 0x20) start++;
  return bytes.subarray(start, end);
}
