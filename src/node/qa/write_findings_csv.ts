/**
 * The full list of findings as CSV (UTF-8 with a byte-order mark, so that
 * spreadsheet programs read the Chinese text): one line per finding, also
 * those the report only counts. Lines are buffered and written in blocks;
 * a million findings make some hundred megabytes, never held at once.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { QaFinding } from '../../core/qa/qa_finding.js';

const COLUMNS = ['rule', 'severity', 'layer', 'fid', 'code', 'x', 'y', 'field', 'value', 'message_zh', 'message_en'];
const BLOCK_CHARACTERS = 1 << 20;

export interface FindingsCsvWriter {
  write(finding: QaFinding): void;
  /** Writes what is buffered and puts the file in place (written beside it, renamed when complete). */
  finish(): void;
  /** Removes the partial file (after a failure or a cancel). */
  abandon(): void;
}

export function createFindingsCsvWriter(path: string): FindingsCsvWriter {
  const partial = `${path}.partial`;
  const descriptor = openSync(partial, 'w');
  let buffer = `\ufeff${COLUMNS.join(',')}\r\n`;
  let open = true;
  const flush = () => {
    writeSync(descriptor, buffer);
    buffer = '';
  };
  return {
    write(finding) {
      const value = finding.details.value;
      buffer += [
        finding.ruleId, finding.severity, finding.layer, finding.fid, finding.code, finding.x, finding.y,
        finding.field ?? '', value === undefined || value === null ? '' : value, finding.message.zh, finding.message.en,
      ].map(csvField).join(',') + '\r\n';
      if (buffer.length > BLOCK_CHARACTERS) flush();
    },
    finish() {
      flush();
      closeSync(descriptor);
      open = false;
      renameSync(partial, path);
    },
    abandon() {
      if (open) closeSync(descriptor);
      open = false;
      rmSync(partial, { force: true });
    },
  };
}

function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
