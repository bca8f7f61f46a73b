/**
 * Which encoding a shapefile's attribute text is read in, and why. In order:
 * the user's --encoding; the .cpg file (GDAL honours it); the DBF header's
 * language-driver byte (GDAL honours it too); otherwise a guess from the
 * bytes themselves (src/core/encoding), passed to GDAL as the ENCODING open
 * option. The guess is made in every case so the user sees the samples and,
 * where a .cpg contradicts the bytes, a warning. Only bounded pieces of the
 * .dbf are read (header plus up to 512 KiB of records), whatever its size.
 */
import { CityGridError } from '../../core/api/errors.js';
import { detectTextEncoding, type EncodingGuess, type TextEncoding } from '../../core/encoding/detect_text_encoding.js';
import { collectTextValues, planRecordWindows, readDbfLayout } from '../../core/encoding/read_dbf_layout.js';
import { findShapefilePart, type ResolvedSource, type SourcePart } from './resolve_source.js';

export interface SourceEncoding {
  /** The ENCODING open option to give GDAL, or null to leave GDAL's own choice. */
  openOption: TextEncoding | null;
  origin: 'option' | 'cpg' | 'language-driver' | 'detected' | 'default';
  /** What the text is read as, in words. */
  readAs: string;
  guess: EncodingGuess | null;
  warning: string | null;
}

const HEADER_BYTES = 65536;
const SAMPLE_BUDGET = 512 * 1024;

/** Language-driver ids GDAL maps to the code pages met in Chinese data. */
const LANGUAGE_DRIVERS: Record<number, string> = { 0x4d: 'GBK (code page 936)', 0x7a: 'GBK (code page 936)', 0x57: 'Windows-1252', 0x03: 'Windows-1252', 0x01: 'DOS 437' };

const decodeText = (bytes: Uint8Array, encoding: TextEncoding): string => new TextDecoder(encoding === 'UTF-8' ? 'utf-8' : encoding.toLowerCase()).decode(bytes);

export async function detectSourceEncoding(source: ResolvedSource, layerName: string, requested: TextEncoding | undefined): Promise<SourceEncoding> {
  const dbf = findShapefilePart(source, layerName, 'dbf');
  const cpg = findShapefilePart(source, layerName, 'cpg');
  const sampled = dbf ? await sampleDbf(dbf) : null;
  const guess = sampled?.guess ?? null;
  const declared = cpg ? cpgText(await cpg.read(0, Math.min(cpg.size, 200))) : null;
  if (requested) {
    return { openOption: requested, origin: 'option', readAs: `${requested} (--encoding)`, guess, warning: contradiction(guess, requested, '--encoding') };
  }
  if (declared !== null) {
    return { openOption: null, origin: 'cpg', readAs: `${declared} (.cpg)`, guess, warning: contradiction(guess, declared, 'the .cpg file') };
  }
  const languageDriver = sampled?.languageDriver ?? 0;
  if (languageDriver !== 0) {
    const name = LANGUAGE_DRIVERS[languageDriver] ?? `code page of language driver 0x${languageDriver.toString(16)}`;
    return { openOption: null, origin: 'language-driver', readAs: `${name} (DBF language driver)`, guess, warning: contradiction(guess, name, 'the DBF language driver') };
  }
  if (guess?.encoding && guess.nonAsciiValues === 0) {
    return { openOption: guess.encoding, origin: 'detected', readAs: 'ASCII only (sampled), read as UTF-8', guess, warning: null };
  }
  if (guess?.encoding) {
    return { openOption: guess.encoding, origin: 'detected', readAs: `${guess.encoding} (detected, confidence ${guess.confidence})`, guess, warning: null };
  }
  return {
    openOption: null, origin: 'default', readAs: 'ISO-8859-1 (GDAL default; no .cpg, no language driver)', guess,
    warning: guess && guess.nonAsciiValues > 0 ? `the encoding could not be told (${guess.reason}); choose one with --encoding` : null,
  };
}

async function sampleDbf(dbf: SourcePart): Promise<{ guess: EncodingGuess; languageDriver: number } | null> {
  const header = await dbf.read(0, Math.min(dbf.size, HEADER_BYTES));
  if (!header) return null;
  const layout = readDbfLayout(header, dbf.size);
  if (!layout.ok) throw new CityGridError('FILE_CORRUPT', layout.problem, dbf.place);
  const windows = planRecordWindows(layout.layout, SAMPLE_BUDGET, dbf.randomAccess ? 8 : 1);
  const chunks: Uint8Array[] = [];
  for (const window of windows) {
    const chunk = await dbf.read(window.offset, window.length);
    if (chunk) chunks.push(chunk);
  }
  return { guess: detectTextEncoding(collectTextValues(layout.layout, chunks), decodeText), languageDriver: layout.layout.languageDriver };
}

function cpgText(bytes: Uint8Array | null): string | null {
  if (!bytes) return null;
  const text = new TextDecoder('utf-8').decode(bytes).trim();
  return text.length > 40 || /[<>\n]/.test(text) ? `unreadable .cpg ("${text.slice(0, 20).replace(/\s+/g, ' ')}…")` : text;
}

/** A declared encoding the bytes plainly contradict: UTF-8 declared but not valid UTF-8, or GBK declared over valid UTF-8 text. */
function contradiction(guess: EncodingGuess | null, declared: string, by: string): string | null {
  if (!guess || guess.nonAsciiValues === 0) return null;
  const saysUtf8 = /utf-?8/i.test(declared);
  const saysGb = /gbk|gb2312|gb18030|936/i.test(declared);
  const utf8 = guess.candidates.find((candidate) => candidate.encoding === 'UTF-8');
  if (saysUtf8 && utf8 && !utf8.fits) return `${by} says UTF-8 but the text is not valid UTF-8${guess.encoding ? `; it reads as ${guess.encoding} (try --encoding ${guess.encoding})` : ''}`;
  if (saysGb && guess.encoding === 'UTF-8' && guess.confidence >= 0.9) return `${by} says ${declared} but the text is valid UTF-8 (try --encoding UTF-8)`;
  return null;
}
