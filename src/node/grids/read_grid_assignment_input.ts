/**
 * Reads what the grid assignment needs from a workspace, with the standards
 * check's fast columnar readers (src/node/qa/): the grids' codes and
 * polygons, and the components' fids, points and recorded grid codes, on
 * two connections whose queries run on GDAL's threads at the same time.
 * Component codes are not read here: a report names only a few components,
 * and readComponentCodes fetches just those.
 */
import gdal from '../gdal/gdal_runtime.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import { throwIfCanceled } from '../../core/jobs/feedback.js';
import type { CodeColumn } from '../../core/columns/code_column.js';
import type { AreaGeometry } from '../../core/qa/qa_input.js';
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import { SqlReader } from '../qa/sql_columns.js';
import { openGridReaders } from './open_grid_readers.js';
import { describeLayers, readAreas, readFids, textField } from '../qa/workspace_tables.js';

/** The recorded unit grid code (SZDYWGBSM in the current standard), in the grids and the components alike. */
export const GRID_CODE_FIELD = 'BGCODE';

export interface GridAssignmentInput {
  grids: { fids: number[]; codes: string[]; geometries: AreaGeometry[] };
  components: { count: number; fids: Float64Array; xs: Float64Array; ys: Float64Array; recordedCodes: CodeColumn };
  /** Whether the components table has the grid code column at all (it can be written only then). */
  componentsHaveGridCode: boolean;
  timings: Record<string, number>;
}

export async function readGridAssignmentInput(path: string, feedback: Feedback): Promise<GridAssignmentInput> {
  const started = performance.now();
  const { layers, catalog, readers } = openGridReaders(path);
  const [first, second] = readers;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const stepStarted = performance.now();
    const value = await work();
    timings[`read: ${name}`] = Math.round(performance.now() - stepStarted);
    feedback.reportProgress(Object.keys(timings).length / 3, { zh: `读取工作空间：${name}`, en: `reading the workspace: ${name}` });
    throwIfCanceled(feedback);
    return value;
  };
  const componentsTable = layers.find((layer) => layer.name === 'components')!;
  // The points count the components (fixed-width rows), so the grid codes are read meanwhile and
  // checked against that count when it comes; no count(*) scan unless a blob needs the general decoder.
  let resolveCount!: (count: number) => void, rejectCount!: (error: unknown) => void;
  const componentCount = new Promise<number>((onResolve, onReject) => { resolveCount = onResolve; rejectCount = onReject; });
  componentCount.catch(() => undefined);
  // Both queues run to their end before any connection closes (a dataset closed under a running query crashes gdal-async).
  const outcomes = await Promise.allSettled([
    (async () => {
      const grids = await timed('grids', async () => {
        const table = await catalog.facts('grids', first);
        const areas = await readAreas(first, table, [GRID_CODE_FIELD]);
        return { fids: areas.fids, codes: areas.columns[GRID_CODE_FIELD]!, geometries: areas.geometries };
      });
      const recordedCodes = await timed('components grid codes', () => first.codeColumn('components', textField(componentsTable, GRID_CODE_FIELD), componentCount));
      return { grids, recordedCodes };
    })(),
    timed('components points', async () => {
      try {
        // min and max in queries of their own: one index lookup each (together they scan the table).
        const range = await second.query('SELECT (SELECT min(rowid) FROM "components") AS low, (SELECT max(rowid) FROM "components") AS high');
        const row = await range.features.firstAsync();
        const low = Number(row?.fields.get('low') ?? 1), high = Number(row?.fields.get('high') ?? 0);
        const counted = await second.countedPointColumns('components', componentsTable.geometry);
        if (counted) {
          resolveCount(counted.count);
          const fids = counted.count === high - low + 1
            ? Float64Array.from({ length: counted.count }, (_, index) => low + index)
            : await second.numberColumn('components', 'rowid', counted.count);
          return { count: counted.count, fids, xs: counted.xs, ys: counted.ys };
        }
        const table = await catalog.facts('components', second);
        resolveCount(table.count);
        const fids = await readFids(second, table);
        const { xs, ys } = await second.pointColumns(table.name, table.geometry, table.count);
        return { count: table.count, fids, xs, ys };
      } catch (thrown) {
        rejectCount(thrown);
        throw thrown;
      }
    }),
  ]);
  for (const reader of readers) reader.close();
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  const [gridsAndCodes, points] = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as [
    { grids: GridAssignmentInput['grids']; recordedCodes: CodeColumn },
    { count: number; fids: Float64Array; xs: Float64Array; ys: Float64Array },
  ];
  timings.read = Math.round(performance.now() - started);
  return {
    grids: gridsAndCodes.grids,
    components: { ...points, recordedCodes: gridsAndCodes.recordedCodes },
    componentsHaveGridCode: componentsTable.fields.has(GRID_CODE_FIELD),
    timings,
  };
}

/** The component codes (OBJCODE) of the given fids, for the few a report lists. */
export async function readComponentCodes(path: string, fids: readonly number[]): Promise<Map<number, string>> {
  const codes = new Map<number, string>();
  if (fids.length === 0) return codes;
  const fields = describeLayers(path, ['components'])[0]?.fields;
  if (!fields?.has('OBJCODE')) return codes;
  const reader = new SqlReader(gdal.open(path, 'r'));
  try {
    const list = [...fids].sort((a, b) => a - b);
    const fidText = await reader.textColumn('components', 'rowid', list.length, `rowid IN (${list.join(', ')})`);
    const codeText = await reader.textColumn('components', quoteIdentifier('OBJCODE'), list.length, `rowid IN (${list.join(', ')})`);
    fidText.forEach((fid, index) => codes.set(Number(fid), codeText[index]!));
  } finally {
    reader.close();
  }
  return codes;
}
