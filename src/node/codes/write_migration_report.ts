/**
 * Writes the mapping report of a code migration to the file the admin names:
 * `.csv` (one row per old code per field: what it became, or why it was
 * refused; UTF-8 with a byte-order mark so that Excel on a Chinese Windows
 * reads the reasons) or `.json` (the whole report). Written through a
 * temporary file and a rename, so a half-written report never lies about a
 * migration.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';
import type { WorkspaceMigrationReport } from './migration_report.js';

export type ReportFormat = 'csv' | 'json';

export function reportFormatOf(path: string): ReportFormat | undefined {
  const extension = extname(path).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.json' ? 'json' : undefined;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const REPORT_COLUMNS = ['layer', 'field', 'kind', 'role', 'old_code', 'new_code', 'features', 'status', 'reason'] as const;

export function migrationReportCsv(report: WorkspaceMigrationReport): string {
  const lines = [REPORT_COLUMNS.join(',')];
  // What happened to each code: written, or only planned (a dry run, or a refused migration).
  const changed = !report.dryRun && (report.status === 'migrated' || report.status === 'partial') ? 'migrated' : 'planned';
  const row = (cells: Array<string | number>): void => { lines.push(cells.map(csvCell).join(',')); };
  for (const field of report.fields) {
    for (const change of field.changes) row([field.layer, field.field, field.kind, field.role, change.from, change.to, change.count, changed, '']);
  }
  for (const refused of report.refused) {
    row([refused.layer, refused.field, refused.kind, refused.role, refused.code, '', refused.count, report.status === 'partial' ? 'left' : 'refused', `${refused.problem}: ${refused.reason.zh} / ${refused.reason.en}`]);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function writeMigrationReport(report: WorkspaceMigrationReport, path: string): void {
  const format = reportFormatOf(path);
  if (!format) throw new CityGridError('INVALID_REQUEST', 'the report file must end in .csv or .json', path);
  const text = format === 'csv' ? migrationReportCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
  const temporary = `${path}.${process.pid}.part`;
  try {
    writeFileSync(temporary, text, 'utf8');
    renameSync(temporary, path);
  } catch (thrown) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `cannot write the migration report (${(thrown as Error).message})`, path);
  }
}
