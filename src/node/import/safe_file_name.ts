/**
 * The name an uploaded file is staged under: the last path segment only,
 * without control characters, never `.`/`..` or empty, and short enough for
 * the file system. File systems count a name's length in bytes (255 on ext4),
 * and a Chinese character takes three in UTF-8, so a 90-character name is
 * already too long: the stem is cut, at a character boundary, to a fixed byte
 * budget, and the extension kept, so the parts of one shapefile cut alike
 * (`长名字….shp`, `长名字….dbf`) still sit together under one stem.
 */
import { CityGridError } from '../../core/api/errors.js';

const MAX_NAME_BYTES = 255;
/** The longest extension kept whole; stems are cut to what leaves room for it. */
const MAX_EXTENSION_BYTES = 16;
const STEM_BUDGET_BYTES = MAX_NAME_BYTES - MAX_EXTENSION_BYTES;
/** Sidecars GDAL looks for under two extensions. */
const DOUBLE_EXTENSION = /\.(shp|aux)\.xml$/i;
const EXTENSION = /\.[^.]{1,15}$/;

export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') {
    throw new CityGridError('INVALID_REQUEST', `not a usable file name: ${JSON.stringify(name.slice(0, 80))}`);
  }
  const extension = (DOUBLE_EXTENSION.exec(cleaned) ?? EXTENSION.exec(cleaned))?.[0] ?? '';
  const stem = cleaned.slice(0, cleaned.length - extension.length);
  if (Buffer.byteLength(stem) <= STEM_BUDGET_BYTES && Buffer.byteLength(extension) <= MAX_EXTENSION_BYTES) return cleaned;
  return `${cutToBytes(stem, STEM_BUDGET_BYTES)}${cutToBytes(extension, MAX_EXTENSION_BYTES)}`;
}

/** The longest prefix of whole characters within `budget` UTF-8 bytes. */
function cutToBytes(text: string, budget: number): string {
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character);
    if (bytes + size > budget) break;
    bytes += size;
    end += character.length;
  }
  return text.slice(0, end);
}
