/**
 * Guesses whether text bytes are UTF-8 or GBK/GB18030, the two encodings
 * Chinese attribute tables come in when no .cpg says which. UTF-8 is
 * self-checking: GBK text is almost never valid UTF-8, so valid UTF-8 with
 * multi-byte sequences wins. Otherwise every high byte must pair up as GBK,
 * and most pairs must fall where Chinese characters and punctuation live
 * (GB 2312's rows), because Western code pages also pair up by accident.
 * The answer carries a confidence and sample values decoded each way, so a
 * person can see which reads right and switch.
 *
 * Decoding is passed in (TextDecoder in Node and in the renderer) to keep
 * this module free of any platform API.
 */

export const TEXT_ENCODINGS = ['UTF-8', 'GBK', 'GB18030'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export type DecodeText = (bytes: Uint8Array, encoding: TextEncoding) => string;

export interface EncodingCandidate {
  encoding: TextEncoding;
  /** Every value is well-formed in this encoding. */
  fits: boolean;
  samples: string[];
}

export interface EncodingGuess {
  /** null: neither fits well; the reader's default applies and the user should choose. */
  encoding: TextEncoding | null;
  /** 0…1 */
  confidence: number;
  reason: string;
  /** Values holding bytes ≥ 0x80, the only ones that tell encodings apart. */
  nonAsciiValues: number;
  candidates: EncodingCandidate[];
}

/** Accepts the spellings people type (utf8, gbk, cp936, gb18030); null when unknown. */
export function parseTextEncoding(text: string): TextEncoding | null {
  const key = text.trim().toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (key === 'UTF8') return 'UTF-8';
  if (key === 'GBK' || key === 'CP936' || key === '936' || key === 'GB2312') return 'GBK';
  if (key === 'GB18030') return 'GB18030';
  return null;
}

interface Utf8Tally { sequences: number; invalid: number }

function tallyUtf8(value: Uint8Array, tally: Utf8Tally): void {
  for (let index = 0; index < value.length;) {
    const lead = value[index]!;
    if (lead < 0x80) { index++; continue; }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) { tally.invalid++; index++; continue; }
    let end = index + 1;
    while (end < index + length && end < value.length && (value[end]! & 0xc0) === 0x80) end++;
    // A sequence cut off by the end of a fixed-width field is truncation, not a wrong encoding.
    if (end === index + length) tally.sequences++;
    else if (end < value.length) tally.invalid++;
    index = end;
  }
}

interface GbTally { pairs: number; chinesePairs: number; fourByte: number; invalid: number }

function tallyGb(value: Uint8Array, tally: GbTally): void {
  for (let index = 0; index < value.length;) {
    const lead = value[index]!;
    if (lead < 0x80) { index++; continue; }
    if (lead === 0x80 || lead === 0xff) { tally.invalid++; index++; continue; }
    if (index + 1 >= value.length) { index++; continue; } // lead byte cut off at the field's end
    const second = value[index + 1]!;
    if (second >= 0x30 && second <= 0x39) {
      const third = value[index + 2];
      const fourth = value[index + 3];
      if (third !== undefined && fourth !== undefined && third >= 0x81 && third <= 0xfe && fourth >= 0x30 && fourth <= 0x39) {
        tally.fourByte++;
        index += 4;
      } else if (third === undefined || fourth === undefined) {
        index = value.length;
      } else {
        tally.invalid++;
        index++;
      }
      continue;
    }
    if ((second >= 0x40 && second <= 0x7e) || (second >= 0x80 && second <= 0xfe)) {
      tally.pairs++;
      // GB 2312's rows: punctuation and symbols (A1–A9) and hanzi (B0–F7), trail A1–FE.
      if (second >= 0xa1 && ((lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xf7))) tally.chinesePairs++;
      index += 2;
      continue;
    }
    tally.invalid++;
    index++;
  }
}

function hasHighByte(value: Uint8Array): boolean {
  for (const byte of value) if (byte >= 0x80) return true;
  return false;
}

export function detectTextEncoding(values: Uint8Array[], decode: DecodeText, sampleCount = 3): EncodingGuess {
  const nonAscii = values.filter(hasHighByte);
  const utf8: Utf8Tally = { sequences: 0, invalid: 0 };
  const gb: GbTally = { pairs: 0, chinesePairs: 0, fourByte: 0, invalid: 0 };
  for (const value of nonAscii) {
    tallyUtf8(value, utf8);
    tallyGb(value, gb);
  }
  const samples = distinctSamples(nonAscii, sampleCount);
  const utf8Fits = utf8.invalid === 0;
  const gbFits = gb.invalid === 0;
  const candidates: EncodingCandidate[] = [
    { encoding: 'UTF-8', fits: utf8Fits, samples: samples.map((value) => decode(value, 'UTF-8')) },
    { encoding: 'GBK', fits: gbFits && gb.fourByte === 0, samples: samples.map((value) => decode(value, 'GBK')) },
  ];
  if (gb.fourByte > 0) candidates.push({ encoding: 'GB18030', fits: gbFits, samples: samples.map((value) => decode(value, 'GB18030')) });
  const result = (encoding: TextEncoding | null, confidence: number, reason: string): EncodingGuess => ({
    encoding, confidence: Math.round(confidence * 100) / 100, reason, nonAsciiValues: nonAscii.length, candidates,
  });

  if (nonAscii.length === 0) {
    return result('UTF-8', 1, 'all text is ASCII, which every candidate encoding reads the same');
  }
  if (utf8Fits && utf8.sequences > 0) {
    // Short runs of UTF-8 can also be valid GBK; each further sequence makes that less likely.
    const confidence = gbFits ? Math.min(0.98, 0.6 + 0.04 * utf8.sequences) : 0.99;
    return result('UTF-8', confidence, `${utf8.sequences} multi-byte sequences, all valid UTF-8`);
  }
  const chineseShare = gb.pairs > 0 ? gb.chinesePairs / gb.pairs : 0;
  if (gbFits && gb.pairs + gb.fourByte > 0 && chineseShare >= 0.5) {
    const encoding: TextEncoding = gb.fourByte > 0 ? 'GB18030' : 'GBK';
    const confidence = Math.min(0.99, 0.5 + 0.49 * chineseShare) * (gb.pairs >= 3 ? 1 : 0.8);
    const fourByteNote = gb.fourByte > 0 ? `, ${gb.fourByte} four-byte GB18030 sequences` : '';
    return result(encoding, confidence, `not UTF-8; ${gb.pairs} double-byte pairs, ${Math.round(chineseShare * 100)}% of them Chinese characters or punctuation${fourByteNote}`);
  }
  if (gbFits) {
    return result(null, 0.3, `not UTF-8, and the bytes pair up as GBK but only ${Math.round(chineseShare * 100)}% as Chinese text: probably a Western code page`);
  }
  return result(null, 0.2, `neither UTF-8 (${utf8.invalid} invalid sequences) nor GBK (${gb.invalid} invalid bytes) fits`);
}

function distinctSamples(values: Uint8Array[], count: number): Uint8Array[] {
  const seen = new Set<string>();
  const samples: Uint8Array[] = [];
  for (const value of values) {
    const key = Array.from(value).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    samples.push(value);
    if (samples.length >= count) break;
  }
  return samples;
}
