/**
 * Writes the assigned grid code into the components that record another
 * one (or none), in one SQLite transaction: all of them or, on a failure, a
 * cancel or a crash part-way, none (SQLite's journal). The statements name
 * the rows by fid, so no other row can change; before committing, every
 * planned row is read back.
 */
import { CityGridError } from '../../core/api/errors.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import { throwIfCanceled } from '../../core/jobs/feedback.js';
import { inTransaction, quoteIdentifier, quoteText, runStatement } from '../gdal/gdal_sql.js';
import type { Workspace } from '../workspace/workspace.js';
import { GRID_CODE_FIELD } from './read_grid_assignment_input.js';

export interface GridCodeChange {
  fid: number;
  /** The code of the grid that holds the component. */
  code: string;
}

/** Statements stay well inside SQLite's length limit whatever the workspace size. */
const FIDS_PER_STATEMENT = 2000;
const LAYER = 'components';

export async function writeAssignedGridCodes(workspace: Workspace, changes: readonly GridCodeChange[], feedback: Feedback): Promise<number> {
  if (changes.length === 0) return 0;
  // One statement per new code and chunk of fids: a grid's components share it.
  const byCode = new Map<string, number[]>();
  for (const change of changes) {
    const fids = byCode.get(change.code);
    if (fids) fids.push(change.fid);
    else byCode.set(change.code, [change.fid]);
  }
  const statements: string[] = [];
  for (const [code, fids] of byCode) {
    for (let start = 0; start < fids.length; start += FIDS_PER_STATEMENT) {
      statements.push(`UPDATE ${quoteIdentifier(LAYER)} SET ${quoteIdentifier(GRID_CODE_FIELD)} = ${quoteText(code)} WHERE rowid IN (${fids.slice(start, start + FIDS_PER_STATEMENT).join(', ')})`);
    }
  }
  const dataset = workspace.dataset;
  const layer = workspace.layer(LAYER);
  return inTransaction(dataset, () => {
    statements.forEach((statement, index) => {
      throwIfCanceled(feedback);
      runStatement(dataset, statement);
      feedback.reportProgress((index + 1) / statements.length, { zh: `写入网格编码 ${index + 1}/${statements.length}`, en: `writing grid codes ${index + 1}/${statements.length}` });
    });
    // Read back before committing (through the layer: an SQL result layer on this connection,
    // freed later by the garbage collector, can deadlock gdal-async): every planned row holds its code.
    for (const change of changes) {
      const value = layer.features.get(change.fid)?.fields.get(GRID_CODE_FIELD) as unknown;
      if (value !== change.code) {
        throw new CityGridError('INTERNAL', `components#${change.fid} reads ${String(value)} after the grid code update, not ${change.code}; nothing was changed`, workspace.path);
      }
    }
    // GeoPackage readers (QGIS) look here to see that a table changed.
    runStatement(dataset, `UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = lower(${quoteText(LAYER)})`);
    throwIfCanceled(feedback);
    return changes.length;
  });
}
