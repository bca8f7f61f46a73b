/**
 * Loads a workspace into the rule engine's columnar input, fast, and in
 * parts, so that the rules on what has arrived run while the rest is read:
 * - every column comes through SqlReader, one SQL call per column, on four
 *   connections whose queries run on GDAL's threads while the main thread
 *   parses results and runs rules;
 * - polygons and points are decoded from their GeoPackage blobs;
 * - of the attributes, only records that may break their schema are read
 *   (read_attribute_candidates.ts).
 * The queues deliver the parts in the order the rule families want them.
 */
import gdal from '../gdal/gdal_runtime.js';
import { CityGridError } from '../../core/api/errors.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import { throwIfCanceled } from '../../core/jobs/feedback.js';
import type { CompiledAttributeSchema } from '../../core/qa/attributes/attribute_schema.js';
import { CodeColumn } from '../../core/columns/code_column.js';
import { emptyAreaLayer, emptyPointLayer, type AreaLayerInput, type QaInput, type QaInputPart } from '../../core/qa/qa_input.js';
import { readAttributeCandidates, type RowColumns } from './read_attribute_candidates.js';
import { SqlReader } from './sql_columns.js';
import { describeLayers, readFids, readFlatAreas, TableCatalog, textField, type LayerFacts, type TableFacts } from './workspace_tables.js';

/** A piece of reading: its time goes into the report; `provides` resolves the parts it fills. */
interface Step { name: string; provides: QaInputPart[]; run: () => Promise<void> }

export interface StagedQaInput {
  /** Filled part by part; a part may be read once `ready` resolved for it. */
  input: QaInput;
  ready(parts: readonly QaInputPart[]): Promise<void>;
  /** Resolves with the reading's timings when every part is in; rejects with the first failure. */
  finished: Promise<Record<string, number>>;
}

const LAYERS = ['components', 'grids', 'streets', 'communities', 'addresses', 'roads', 'ownership', 'cases'];
const CONNECTIONS = 4;
/** Case-record fields with a code per record, checked in JavaScript from their columns. */
const CASE_CODE_FIELDS = ['CASECODE', 'OBJCODE', 'BGCODE'];

/** `listed`: records read whole per failing attribute field (Infinity: all, for the full list). */
export async function readQaInput(path: string, schemas: Record<string, CompiledAttributeSchema>, feedback: Feedback, listed: number): Promise<StagedQaInput> {
  const started = performance.now();
  const readers: SqlReader[] = [];
  let layers: LayerFacts[];
  try {
    layers = describeLayers(path, LAYERS);
    for (let index = 0; index < CONNECTIONS; index++) readers.push(new SqlReader(gdal.open(path, 'r')));
  } catch (thrown) {
    for (const reader of readers) reader.close();
    throw new CityGridError('WORKSPACE_INVALID', `GDAL cannot open the workspace for reading (${(thrown as Error).message})`, path);
  }
  const catalog = new TableCatalog(layers);
  // Their points count the rows: no count(*) scan of the two largest tables.
  for (const name of ['components', 'addresses']) if (catalog.has(name)) catalog.countFromPoints(name);
  const input: QaInput = {
    streets: emptyAreaLayer(), communities: emptyAreaLayer(),
    grids: { ...emptyAreaLayer(), communityCodes: [], streetCodes: [] },
    components: { ...emptyPointLayer(), gridCodes: CodeColumn.empty },
    addresses: emptyPointLayer(),
    ownership: { ...emptyAreaLayer(), zoneTypes: [] },
    attributes: [],
    featureCounts: {},
  };
  const parts = new Map<QaInputPart, { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void }>();
  const part = (name: QaInputPart) => {
    let entry = parts.get(name);
    if (!entry) {
      let resolve!: () => void, reject!: (error: unknown) => void;
      const promise = new Promise<void>((onResolve, onReject) => { resolve = onResolve; reject = onReject; });
      // Failures surface through `finished`; a part nobody waits for must not crash the process.
      promise.catch(() => undefined);
      entry = { promise, resolve, reject };
      parts.set(name, entry);
    }
    return entry;
  };
  // A step waiting for another queue's part must not wait forever when that queue failed.
  let abort!: (error: unknown) => void;
  const aborted = new Promise<never>((_resolve, reject) => { abort = reject; });
  aborted.catch(() => undefined);
  const queues = planQueues(readers, catalog, schemas, input, listed, (name) => Promise.race([part(name).promise, aborted]));
  let attributeSteps = queues.flat().filter((step) => step.provides.includes('attributes')).length;
  const total = queues.reduce((sum, queue) => sum + queue.length, 0);
  let done = 0;
  const timings: Record<string, number> = {};
  let failure: unknown = null;
  const runQueue = async (queue: Step[]): Promise<void> => {
    for (const step of queue) {
      // Another queue failed: stop at the next step rather than read for nothing.
      if (failure !== null) return;
      throwIfCanceled(feedback);
      const stepStarted = performance.now();
      await step.run();
      timings[`read: ${step.name}`] = Math.round(performance.now() - stepStarted);
      done++;
      feedback.reportProgress(done / total, { zh: `读取工作空间 ${done}/${total}`, en: `reading the workspace ${done}/${total}` });
      for (const name of step.provides) {
        if (name === 'attributes' && --attributeSteps > 0) continue;
        part(name).resolve();
      }
    }
  };
  const finished = (async () => {
    // Every queue ends before any connection closes: closing a dataset under a running
    // query crashes gdal-async when the query's result arrives.
    const outcomes = await Promise.allSettled(queues.map((queue) => runQueue(queue).catch((thrown: unknown) => {
      failure ??= thrown;
      abort(failure);
      catalog.failCounts(failure);
      throw thrown;
    })));
    // Counts for the report, also of tables no step needed.
    if (failure === null) {
      try {
        const counted = await Promise.all(layers.map((layer, index) => catalog.facts(layer.name, readers[index % readers.length]!)));
        layers.forEach((layer, index) => { input.featureCounts[layer.name] = counted[index]!.count; });
      } catch (thrown) {
        failure = thrown;
      }
    }
    for (const reader of readers) reader.close();
    if (failure !== null || outcomes.some((outcome) => outcome.status === 'rejected')) {
      for (const name of ['streets', 'communities', 'grids', 'ownership', 'componentCodes', 'componentPoints', 'addresses', 'attributes'] as const) part(name).reject(failure);
      throw failure;
    }
    // Parts the workspace does not have are empty, and ready now.
    for (const name of ['streets', 'communities', 'grids', 'ownership', 'componentCodes', 'componentPoints', 'addresses', 'attributes'] as const) part(name).resolve();
    return { read: Math.round(performance.now() - started), ...timings };
  })();
  finished.catch(() => undefined);
  return {
    input,
    finished,
    async ready(names) {
      await Promise.race([Promise.all(names.map((name) => part(name).promise)), finished.then(() => undefined)]);
      await Promise.all(names.map((name) => part(name).promise));
    },
  };
}

/** Four queues, in the order the rules want the parts; the longest attribute passes start at once on queues of their own. */
function planQueues(readers: SqlReader[], catalog: TableCatalog, schemas: Record<string, CompiledAttributeSchema>, input: QaInput, listed: number, after: (part: QaInputPart) => Promise<void>): Step[][] {
  const [first, second, third, fourth] = readers as [SqlReader, SqlReader, SqlReader, SqlReader];
  const step = (name: string, provides: QaInputPart[], run: () => Promise<void>): Step[] => [{ name, provides, run }];
  // A step reading columns counts its table first on its own connection (once per table; later steps reuse the count).
  const layer = (reader: SqlReader, name: string, run: (table: TableFacts) => Promise<void>, provides: QaInputPart[], stepName = name): Step[] => {
    return catalog.has(name) ? step(stepName, provides, async () => run(await catalog.facts(name, reader))) : [];
  };
  const candidates = (reader: SqlReader, name: string, waitFor: QaInputPart | null, rowFields: string[], rows: () => RowColumns | Promise<RowColumns>): Step[] => {
    const schema = schemas[name];
    if (!catalog.has(name) || !schema) return [];
    return step(`${name} attributes`, ['attributes'], async () => {
      // Names and fields suffice here: the count, a scan of its own, can wait for the report.
      const table = catalog.layer(name);
      const rowColumns = async (): Promise<RowColumns> => {
        if (waitFor) await after(waitFor);
        return rows();
      };
      input.attributes.push(await readAttributeCandidates(reader, table, schema, rowColumns, rowFields, listed));
    });
  };
  // Queue lengths measured at full scale; the components' attribute pass is the longest single query.
  return [
    [
      ...layer(first, 'grids', async (table) => {
        const areas = await readFlatAreas(first, table, ['BGCODE', 'SQCODE', 'JDCODE']);
        Object.assign(input.grids, { fids: areas.fids, codes: areas.columns.BGCODE, communityCodes: areas.columns.SQCODE, streetCodes: areas.columns.JDCODE, geometries: [], polygons: areas.polygons });
      }, ['grids']),
      ...(catalog.has('components') ? step('components codes', ['componentCodes'], async () => {
        // Read while the points count the rows (on the second connection); checked against that count.
        const columns = catalog.layer('components'), count = catalog.count('components', first);
        [input.components.codes, input.components.gridCodes] = await first.codeColumns('components', [textField(columns, 'OBJCODE'), textField(columns, 'BGCODE')], count) as [CodeColumn, CodeColumn];
        const table = await catalog.facts('components', first);
        input.components.fids = await readFids(first, table);
        input.components.count = table.count;
      }) : []),
      // After the codes, so that it does not stall behind the components' pass on the third queue.
      ...candidates(first, 'addresses', 'addresses', ['ADDRCODE'], () => ({ fids: input.addresses.fids, columns: { ADDRCODE: input.addresses.codes } })),
      ...candidates(first, 'grids', 'grids', ['BGCODE', 'SQCODE', 'JDCODE'], () => ({ fids: input.grids.fids, columns: { BGCODE: input.grids.codes, SQCODE: input.grids.communityCodes, JDCODE: input.grids.streetCodes } })),
      ...candidates(first, 'roads', null, [], () => ({ fids: [], columns: {} })),
    ],
    [
      ...layer(second, 'communities', async (table) => { input.communities = await readCodedAreas(second, table); }, ['communities']),
      ...layer(second, 'streets', async (table) => { input.streets = await readCodedAreas(second, table); }, ['streets']),
      ...layer(second, 'ownership', async (table) => {
        const areas = await readFlatAreas(second, table, ['ZONECODE', 'ZONETYPE']);
        Object.assign(input.ownership, { fids: areas.fids, codes: areas.columns.ZONECODE, zoneTypes: areas.columns.ZONETYPE, geometries: [], polygons: areas.polygons });
      }, ['ownership']),
      ...(catalog.has('components') ? step('components points', ['componentPoints'], async () => {
        const { xs, ys } = await readCountedPoints(second, catalog, 'components');
        Object.assign(input.components, { xs, ys });
      }) : []),
      ...(catalog.has('addresses') ? step('addresses', ['addresses'], async () => {
        const { xs, ys } = await readCountedPoints(second, catalog, 'addresses');
        const table = await catalog.facts('addresses', second);
        const fids = await readFids(second, table);
        const codes = await second.codeColumn(table.name, textField(table, 'ADDRCODE'), table.count);
        input.addresses = { count: table.count, fids, xs, ys, codes };
      }) : []),
      ...candidates(second, 'ownership', 'ownership', ['ZONECODE', 'ZONETYPE'], () => ({ fids: input.ownership.fids, columns: { ZONECODE: input.ownership.codes, ZONETYPE: input.ownership.zoneTypes } })),
    ],
    [
      ...candidates(third, 'components', 'componentCodes', ['OBJCODE', 'BGCODE'], () => ({ fids: input.components.fids, columns: { OBJCODE: input.components.codes, BGCODE: input.components.gridCodes } })),
    ],
    // The case records' pass, the longest query, from the start on a connection of its own: behind
    // other steps it started only when the main thread, busy with rules, had taken their results.
    [
      ...candidates(fourth, 'cases', null, CASE_CODE_FIELDS, async () => {
        // Their codes (a value per record) are read as columns and checked in place, several
        // times cheaper than SQLite's GLOB per row; after the pass, on the same connection.
        const table = await catalog.facts('cases', fourth);
        const present = CASE_CODE_FIELDS.filter((field) => table.fields.has(field));
        const columns = await fourth.codeColumns('cases', present.map((field) => textField(table, field)), table.count);
        return { fids: await readFids(fourth, table), columns: Object.fromEntries(present.map((field, index) => [field, columns[index]!])) };
      }),
    ],
  ];
}

/**
 * A point layer's coordinates, counting its rows on the way (fixed-width
 * points need no count(*) scan) and handing the count to the catalog for the
 * steps reading the layer's other columns meanwhile.
 */
async function readCountedPoints(reader: SqlReader, catalog: TableCatalog, name: string): Promise<{ xs: Float64Array; ys: Float64Array }> {
  const geometry = catalog.layer(name).geometry;
  try {
    const counted = await reader.countedPointColumns(name, geometry);
    if (counted) {
      catalog.provideCount(name, counted.count);
      return counted;
    }
    // A blob the fast way cannot read: count, then decode the general way.
    return await reader.pointColumns(name, geometry, await catalog.countNow(name, reader));
  } catch (thrown) {
    catalog.failCounts(thrown);
    throw thrown;
  }
}

async function readCodedAreas(reader: SqlReader, table: TableFacts): Promise<AreaLayerInput> {
  const areas = await readFlatAreas(reader, table, ['code']);
  return { fids: areas.fids, codes: areas.columns.code!, geometries: [], polygons: areas.polygons };
}
