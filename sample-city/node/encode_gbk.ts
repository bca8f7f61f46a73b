/**
 * GBK (CP936) text for the shapefile deliverables. GDAL can recode while it
 * writes a shapefile, but it opens an iconv converter for every string field
 * of every record, which doubles the time of the 950 000-component file; the
 * sample instead writes its shapefile sources already in GBK and lets GDAL
 * copy the bytes. The table is the inverse of the runtime's own GBK decoder
 * (WHATWG "gbk", part of Node's ICU), built once.
 */
import { TextDecoder } from 'node:util';

let table: Uint16Array | null | undefined;

/** Unicode code unit → GBK double-byte code (lead << 8 | trail), 0 where GBK has none; null without a GBK decoder. */
function gbkTable(): Uint16Array | null {
  if (table !== undefined) return table;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder('gbk', { fatal: true });
  } catch {
    return (table = null);
  }
  const built = new Uint16Array(65536);
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let text: string;
      try {
        text = decoder.decode(pair);
      } catch {
        continue;
      }
      const unit = text.charCodeAt(0);
      if (text.length === 1 && built[unit] === 0) built[unit] = (lead << 8) | trail;
    }
  }
  return (table = built);
}

/** True when this runtime can encode GBK (Node built with full ICU, the default). */
export function canEncodeGbk(): boolean {
  return gbkTable() !== null;
}

/**
 * Writes the text in GBK into `target` from `offset` (which needs room for two bytes a
 * character) and returns the new offset; characters GBK lacks become "?", as GDAL's own
 * recoding does.
 */
export function encodeGbkInto(text: string, target: Buffer, offset: number): number {
  return encodeGbkField(text, target, offset, Number.POSITIVE_INFINITY);
}

/**
 * Like encodeGbkInto, but at most `width` bytes (a DBF field): the text stops before a
 * character that would not fit whole, as a double-byte character cut in two would decode
 * as garbage.
 */
export function encodeGbkField(text: string, target: Buffer, offset: number, width: number): number {
  const codes = gbkTable();
  if (!codes) throw new Error('this Node.js has no GBK decoder (built without full ICU)');
  const end = offset + width;
  let length = offset;
  for (let index = 0; index < text.length && length < end; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) {
      target[length++] = unit;
      continue;
    }
    const code = codes[unit];
    if (code === 0) {
      if (unit >= 0xd800 && unit <= 0xdbff) index++;
      target[length++] = 0x3f;
      continue;
    }
    if (length + 2 > end) break;
    target[length++] = code >> 8;
    target[length++] = code & 0xff;
  }
  return length;
}
