/**
 * Reads a workspace's grids and components and assigns the components to
 * the grids at the same time: the components come in chunks of rowids
 * (read_component_chunk.ts) on two connections, whose queries run on GDAL's
 * worker threads, while the main thread builds the grid index and assigns
 * the chunks already read. The whole takes about as long as the longer of
 * reading and assigning, not their sum. The first connection reads the
 * grids before it joins in on the chunks (the assignment needs them first).
 */
import type { Feedback } from '../../core/jobs/feedback.js';
import { throwIfCanceled } from '../../core/jobs/feedback.js';
import { ComponentGridAssigner, type GridAssignment, type GridAssignmentOptions } from '../../core/grids/assign_components_to_grids.js';
import { gridSetOfPolygons } from '../../core/grids/grid_set.js';
import { SqlReader } from '../qa/sql_columns.js';
import { openGridReaders } from './open_grid_readers.js';
import { readFlatAreas, textField } from '../qa/workspace_tables.js';
import { decodeComponentChunk, queryComponentChunk, unorderedScansAscend, type ChunkTable, type ComponentChunk, type RawComponentChunk } from './read_component_chunk.js';
import { GRID_CODE_FIELD } from './read_grid_assignment_input.js';

/** Rowids per chunk: small enough that the assignment starts early and ends soon after the last read, large enough that the queries' own cost stays small. */
const CHUNK_ROWIDS = 1 << 16;
/** At most this many chunks, whatever the rowid span (a table with large holes). */
const MOST_CHUNKS = 256;

export interface AssignedWorkspace {
  grids: { fids: number[]; codes: string[] };
  components: { count: number; fids: Float64Array; xs: Float64Array; ys: Float64Array; recordedCodeAt: (row: number) => string };
  assignment: GridAssignment;
  /** Whether the components table has the grid code column at all (it can be written only then). */
  componentsHaveGridCode: boolean;
  /**
   * Milliseconds. `read`: from the start until the last chunk was read;
   * `assign`: the main thread's time building the grid index and assigning,
   * which overlaps the reading; `total`: until the last chunk was assigned.
   */
  timings: Record<string, number>;
}

interface AssignedChunk { chunk: ComponentChunk; gridOf: Int32Array; status: Uint8Array }

/** `chunkRowids`: rowids per chunk (tests make it small to have many chunks on a small workspace). */
export async function readAndAssignComponents(path: string, options: GridAssignmentOptions, feedback: Feedback, chunkRowids = CHUNK_ROWIDS): Promise<AssignedWorkspace> {
  const started = performance.now();
  const { layers, catalog, readers } = openGridReaders(path);
  const componentsLayer = layers.find((layer) => layer.name === 'components')!;
  const table: ChunkTable = { name: 'components', geometry: componentsLayer.geometry, codeExpression: textField(componentsLayer, GRID_CODE_FIELD) };
  const [first, second] = readers;
  const timings: Record<string, number> = {};
  let assignMilliseconds = 0;
  let failure: unknown = null;
  let assigner: ComponentGridAssigner | null = null;
  let grids: AssignedWorkspace['grids'] | null = null;
  const waiting: Array<{ index: number; chunk: ComponentChunk }> = [];
  const assigned: AssignedChunk[] = [];
  let ranges: Array<[number, number]> = [];
  let nextRange = 0, rowsAssigned = 0, expectedRows = 1;
  /** Per connection: its unordered scans go in rowid order (see queryComponentChunk). */
  const ascending = new Map<SqlReader, boolean>();
  /** When the last query (grids or a chunk) delivered. */
  let lastReadAt = started;

  /** Stops the work at the next chunk when the user has canceled; true while it goes on. */
  const goingOn = (): boolean => {
    if (failure === null) {
      try {
        throwIfCanceled(feedback);
      } catch (canceled) {
        failure = canceled;
      }
    }
    return failure === null;
  };
  const assignChunk = (index: number, chunk: ComponentChunk): void => {
    if (!goingOn()) return;
    const assignStarted = performance.now();
    const gridOf = new Int32Array(chunk.count).fill(-1);
    const status = new Uint8Array(chunk.count);
    assigner!.assignRows(chunk, 0, chunk.count, gridOf, status, 0);
    assigned[index] = { chunk, gridOf, status };
    rowsAssigned += chunk.count;
    assignMilliseconds += performance.now() - assignStarted;
    feedback.reportProgress(Math.min(1, rowsAssigned / expectedRows), { zh: `读取并分配部件到网格 ${rowsAssigned}/${expectedRows}`, en: `reading and assigning components to grids ${rowsAssigned}/${expectedRows}` });
  };
  /** Takes the next chunk's rowids, or null when all are taken or the work stops (failed, canceled). */
  const claimRange = (): [number, number] | null => (goingOn() && nextRange < ranges.length ? ranges[nextRange++]! : null);
  /** Reads chunks on one connection until none is left, the next query in flight while this chunk is decoded and assigned. */
  const readChunks = async (reader: SqlReader): Promise<void> => {
    let range = claimRange();
    let index = nextRange - 1;
    let pending: Promise<RawComponentChunk> | null = range ? queryComponentChunk(reader, table, range[0], range[1], ascending.get(reader) === true) : null;
    while (pending) {
      const raw = await pending;
      lastReadAt = Math.max(lastReadAt, performance.now());
      const rawIndex = index;
      range = claimRange();
      index = nextRange - 1;
      pending = range ? queryComponentChunk(reader, table, range[0], range[1], ascending.get(reader) === true) : null;
      // A query left running when this chunk fails must finish before the connection closes.
      pending?.catch(() => undefined);
      const chunk = await decodeComponentChunk(reader, table, raw);
      if (assigner) assignChunk(rawIndex, chunk);
      else waiting.push({ index: rawIndex, chunk });
    }
  };
  const stopOnFailure = async (work: Promise<void>): Promise<void> => {
    try {
      await work;
    } catch (thrown) {
      if (failure === null) failure = thrown;
    }
  };

  // Both queues run to their end before any connection closes (a dataset closed under a running query crashes gdal-async).
  await Promise.all([
    stopOnFailure((async () => {
      const readStarted = performance.now();
      ascending.set(first, await unorderedScansAscend(first));
      const facts = await catalog.facts('grids', first);
      // Straight into flat polygons: nested coordinate arrays for 28,000 grids cost the garbage
      // collector ~0.2 s, on the path before the first chunk can be assigned.
      const areas = await readFlatAreas(first, facts, [GRID_CODE_FIELD]);
      lastReadAt = Math.max(lastReadAt, performance.now());
      timings['read: grids'] = Math.round(performance.now() - readStarted);
      const buildStarted = performance.now();
      const codes = areas.columns[GRID_CODE_FIELD]!;
      assigner = new ComponentGridAssigner(gridSetOfPolygons(codes, areas.polygons), options);
      grids = { fids: areas.fids, codes };
      assignMilliseconds += performance.now() - buildStarted;
      for (const { index, chunk } of waiting.splice(0)) assignChunk(index, chunk);
      await readChunks(first);
    })()),
    stopOnFailure((async () => {
      ascending.set(second, await unorderedScansAscend(second));
      const range = await second.query(`SELECT (SELECT min(rowid) FROM "components") AS low, (SELECT max(rowid) FROM "components") AS high`);
      const row = await range.features.firstAsync();
      const low = Number(row?.fields.get('low') ?? 1), high = Number(row?.fields.get('high') ?? 0);
      ranges = chunkRanges(low, high, chunkRowids);
      expectedRows = Math.max(1, high - low + 1);
      await readChunks(second);
    })()),
  ]);
  timings.read = Math.round(lastReadAt - started);
  // Chunks read before the grids were ready and not yet assigned (the grids' queue failed or finished last).
  if (assigner) for (const { index, chunk } of waiting.splice(0)) assignChunk(index, chunk);
  for (const reader of readers) reader.close();
  if (failure !== null) throw failure;
  timings.assign = Math.round(assignMilliseconds);
  timings.total = Math.round(performance.now() - started);
  return { ...joinChunks(assigned, assigner!), grids: grids!, componentsHaveGridCode: componentsLayer.fields.has(GRID_CODE_FIELD), timings };
}

function chunkRanges(low: number, high: number, chunkRowids: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  if (high < low) return ranges;
  const size = Math.max(chunkRowids, Math.ceil((high - low + 1) / MOST_CHUNKS));
  for (let start = low; start <= high; start += size) ranges.push([start, Math.min(high, start + size - 1)]);
  return ranges;
}

/** The chunks' rows one after another in rowid order, as one assignment. */
function joinChunks(chunks: AssignedChunk[], assigner: ComponentGridAssigner): Pick<AssignedWorkspace, 'components' | 'assignment'> {
  const count = chunks.reduce((sum, entry) => sum + entry.chunk.count, 0);
  const fids = new Float64Array(count), xs = new Float64Array(count), ys = new Float64Array(count);
  const gridOf = new Int32Array(count), status = new Uint8Array(count);
  const starts: number[] = [];
  let offset = 0;
  for (const { chunk, gridOf: chunkGridOf, status: chunkStatus } of chunks) {
    starts.push(offset);
    fids.set(chunk.fids, offset);
    xs.set(chunk.xs, offset);
    ys.set(chunk.ys, offset);
    gridOf.set(chunkGridOf, offset);
    status.set(chunkStatus, offset);
    offset += chunk.count;
  }
  // Only the code columns stay referenced: the chunks' other arrays are copied above and can go.
  const codeColumns = chunks.map((entry) => entry.chunk.recordedCodes);
  /** The recorded code of a row, from the chunk that holds it (asked for only for the few rows a report lists). */
  const recordedCodeAt = (row: number): string => {
    let chunkIndex = starts.length - 1;
    while (chunkIndex > 0 && starts[chunkIndex]! > row) chunkIndex--;
    return codeColumns[chunkIndex]!.at(row - starts[chunkIndex]!);
  };
  return {
    components: { count, fids, xs, ys, recordedCodeAt },
    assignment: { gridOf, status, componentsPerGrid: assigner.componentsPerGrid, counts: assigner.counts },
  };
}
