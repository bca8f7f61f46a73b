/**
 * GDAL reads CSV as UTF-8, but Excel on Chinese Windows saves "CSV" in GBK.
 * The first 512 KiB are run through the encoding detector (or the user says
 * --encoding); a GBK/GB18030 file is then re-encoded as UTF-8 into a
 * temporary copy, chunk by chunk (memory stays flat whatever the size), with
 * the .csvt/.prj side files GDAL's CSV driver reads beside it.
 */
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { detectTextEncoding, type TextEncoding } from '../../core/encoding/detect_text_encoding.js';
import { stagingPathIn, temporaryStagingFolder } from '../staging/staging_folder.js';
import type { SourceEncoding } from './detect_source_encoding.js';

export interface CsvText {
  /** What GDAL should open: the file itself, or its UTF-8 copy. */
  gdalPath: string;
  encoding: SourceEncoding;
  /** Removes the copy, if one was made. */
  cleanup(): void;
}

const SAMPLE_BYTES = 512 * 1024;
const CHUNK_BYTES = 1024 * 1024;

const decodeText = (bytes: Uint8Array, encoding: TextEncoding): string => new TextDecoder(encoding === 'UTF-8' ? 'utf-8' : encoding.toLowerCase()).decode(bytes);

export function prepareCsvText(path: string, requested: TextEncoding | undefined): CsvText {
  const sample = readPrefix(path, SAMPLE_BYTES);
  const guess = detectTextEncoding(splitCells(sample), decodeText);
  const chosen = requested ?? (guess.encoding === 'GBK' || guess.encoding === 'GB18030' ? guess.encoding : null);
  const origin: SourceEncoding['origin'] = requested ? 'option' : guess.nonAsciiValues > 0 ? 'detected' : 'default';
  if (!chosen || chosen === 'UTF-8') {
    const warning = guess.encoding === null && guess.nonAsciiValues > 0 ? `the text is not valid UTF-8 and not GBK (${guess.reason}); choose with --encoding` : null;
    const readAs = requested ? 'UTF-8 (--encoding)' : guess.nonAsciiValues > 0 && guess.encoding === 'UTF-8' ? `UTF-8 (detected, confidence ${guess.confidence})` : 'UTF-8 (CSV default)';
    return { gdalPath: path, encoding: { openOption: null, origin, readAs, guess, warning }, cleanup: () => {} };
  }
  // In the product's temporary staging folder, under this process's id, so a killed import's copy is swept at the next start.
  const folder = stagingPathIn(temporaryStagingFolder(), 'csv', '');
  mkdirSync(folder);
  const copy = join(folder, basename(path));
  transcode(path, copy, chosen);
  const base = path.slice(0, path.length - extname(path).length);
  for (const side of ['.csvt', '.prj']) if (existsSync(`${base}${side}`)) copyFileSync(`${base}${side}`, join(folder, `${basename(base)}${side}`));
  const readAs = requested ? `${chosen} (--encoding)` : `${chosen} (detected, confidence ${guess.confidence})`;
  const utf8 = guess.candidates.find((candidate) => candidate.encoding === 'UTF-8');
  const warning = requested && guess.encoding === 'UTF-8' && utf8?.fits ? `--encoding says ${chosen} but the text is valid UTF-8 (try --encoding UTF-8)` : null;
  return {
    gdalPath: copy,
    encoding: { openOption: chosen, origin, readAs, guess, warning },
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}

function readPrefix(path: string, length: number): Buffer {
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(descriptor, buffer, 0, length, 0));
  } finally {
    closeSync(descriptor);
  }
}

/** The cells of the sampled lines (split at commas, quotes dropped): samples a person can read. */
function splitCells(bytes: Uint8Array): Uint8Array[] {
  const text = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const cells: Uint8Array[] = [];
  let start = 0;
  for (let index = 0; index <= text.length; index++) {
    const byte = text[index];
    if (index === text.length || byte === 0x0a || byte === 0x0d || byte === 0x2c) {
      let from = start;
      let to = index;
      if (text[from] === 0x22) from++;
      if (to > from && text[to - 1] === 0x22) to--;
      if (to > from) cells.push(text.subarray(from, to));
      start = index + 1;
    }
  }
  return cells;
}

function transcode(source: string, target: string, encoding: TextEncoding): void {
  const decoder = new TextDecoder(encoding.toLowerCase());
  const input = openSync(source, 'r');
  const output = openSync(target, 'w');
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      const read = readSync(input, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      writeSync(output, Buffer.from(decoder.decode(chunk.subarray(0, read), { stream: true }), 'utf8'));
    }
    writeSync(output, Buffer.from(decoder.decode(), 'utf8'));
  } finally {
    closeSync(input);
    closeSync(output);
  }
}
