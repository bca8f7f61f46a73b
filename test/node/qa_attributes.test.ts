/**
 * The attribute schemas (schemas/attributes/) and the ways they are
 * checked: the core validator agrees with ajv on what JSON Schema says; the
 * SQL the reader filters with never lets a bad record through; and the
 * records the reader fetches yield exactly the violations a check of every
 * record would.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import AjvModule from 'ajv';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import type { Properties } from '../../src/core/api/geo_types.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { compileAttributeSchema, type AttributeSchemaDocument } from '../../src/core/qa/attributes/attribute_schema.js';
import { isCalendarDate, validateAttributes } from '../../src/core/qa/attributes/validate_attributes.js';
import { normalizeFieldNames } from '../../src/core/qa/attributes/normalize_field_names.js';
import type { FieldAliases } from '../../src/core/fields/match_fields.js';
import { runStatement } from '../../src/node/gdal/gdal_sql.js';
import { compileAttributeFilter, patternCondition } from '../../src/node/qa/compile_attribute_filter.js';
import { loadAttributeSchemas, loadQaRules } from '../../src/node/qa/load_qa_references.js';
import { parseNumberList } from '../../src/node/qa/parse_number_list.js';
import { readQaInput } from '../../src/node/qa/read_qa_input.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { loadCodeLayouts } from '../../src/node/schemas/load_schemas.js';
import { QA_RULE_FAMILIES } from '../../src/core/qa/qa_rule_registry.js';
import { repoRoot, tempDir } from '../helpers/paths.js';
import { cleanQaCity, writeQaCity } from '../helpers/qa_city.js';
import { sqlRows } from '../helpers/sql_rows.js';

const folder = tempDir('qa-attributes');
after(() => folder.remove());
const schemasDir = join(repoRoot(), 'schemas', 'attributes');

function ajvFor(document: object) {
  const ajv = new AjvModule.default({ allErrors: true, strict: false });
  ajv.addFormat('yyyymmdd', isCalendarDate);
  return ajv.compile(document);
}

/** What JSON Schema itself says, with the schemas' stated convention that '' is "not filled". */
function ajvAccepts(validate: ReturnType<typeof ajvFor>, record: Properties): boolean {
  const filled = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '' && value !== null));
  return validate(filled) as boolean;
}

const VARIANTS: Record<string, Array<string | number | null>> = {
  string: ['', 'x', '完好', '良好', '20250601', '20250231', '20240229', '20250229', '19000229', '20000229', '20251131', '20251301', '20250100', '19991231', '3713020118000001', '37130211111111111', '371302011', '371302001001', '11371300MBWEEUAY1R', '11371300MBWEEUAYIR', '门牌', '主干路', '主管', '实测', 'A'.repeat(31), '长'.repeat(101), '37130200100101', '3713020010010Z1', null],
  number: [10000, 0, -1, 250, null],
};

test('every attribute schema compiles for ajv and for the core validator, and they agree on every field', () => {
  const files = readdirSync(schemasDir).filter((name) => name.endsWith('.json'));
  assert.deepEqual(files.sort(), ['addresses.json', 'case-record.json', 'components.json', 'grids.json', 'ownership.json', 'roads.json']);
  for (const file of files) {
    const document = JSON.parse(readFileSync(join(schemasDir, file), 'utf8')) as AttributeSchemaDocument;
    const validate = ajvFor(document);
    const schema = compileAttributeSchema(document);
    const base: Properties = {};
    for (const property of schema.properties) base[property.name] = null;
    // Start from a record ajv accepts: the first variant of each field that passes alone.
    for (const property of schema.properties) {
      const candidates = VARIANTS[property.schema.type === 'number' ? 'number' : 'string']!;
      const ajvOnField = ajvFor({ ...document, required: document.required?.includes(property.name) ? [property.name] : [], properties: { [property.name]: document.properties[property.name] } });
      for (const value of candidates) {
        const record = { ...base, [property.name]: value };
        const coreAccepts = validateAttributes(schema, record, new Set([property.name])).length === 0;
        assert.equal(coreAccepts, ajvAccepts(ajvOnField, { [property.name]: value }), `${file} ${property.name} = ${JSON.stringify(value)}`);
      }
    }
    assert.ok(validate, file);
  }
});

test('field names from other standards are mapped before checking', () => {
  const aliases = JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'field-aliases.json'), 'utf8')) as FieldAliases;
  const record = normalizeFieldNames({ GLBJBSM: '3713020118000001', 管理部件名称: '路灯', glbjzt: '完好', extra: 1 }, aliases, 'components');
  assert.deepEqual(record, { OBJCODE: '3713020118000001', OBJNAME: '路灯', OBJSTATE: '完好', extra: 1 });
});

test('the rule set names every rule a family reports, and every family rule is in the rule set', () => {
  const rules = loadQaRules();
  const configured = rules.rules.map((rule) => rule.id).sort();
  const implemented = QA_RULE_FAMILIES.flatMap((family) => family.ruleIds).sort();
  assert.deepEqual(implemented, configured);
  for (const rule of rules.rules) {
    assert.ok(rule.title.zh && rule.title.en && rule.message.zh && rule.message.en, rule.id);
    assert.ok(rule.severity === 'error' || rule.severity === 'warning', rule.id);
  }
  const validateRules = new AjvModule.default({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'qa-rules.schema.json'), 'utf8')));
  assert.ok(validateRules(JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'qa-rules.json'), 'utf8'))), JSON.stringify(validateRules.errors));
  assert.equal(new Set(rules.rules.map((rule) => rule.id)).size, rules.rules.length, 'rule ids are unique');
  assert.ok(loadCodeLayouts().layouts.some((layout) => layout.id === 'grid-legacy-14'));
  assert.deepEqual(Object.keys(loadAttributeSchemas(rules)).sort(), ['addresses', 'cases', 'components', 'grids', 'ownership', 'roads']);
});

test('SQLite reads the schema patterns exactly as JavaScript does, and the filter never passes a record the validator refuses', async () => {
  const dataset = gdal.open(join(folder.path, 'sql.gpkg'), 'w', 'GPKG');
  dataset.layers.create('t', null, gdal.wkbNone).fields.add(new gdal.FieldDefn('v', gdal.OFTString));
  try {
    const rows = sqlRows(dataset);
    const evaluate = (expression: string): number => Number(rows(`SELECT (${expression}) AS r`)[0]!.r);
    const patterns = ['^[0-9]{16,17}$', '^[0-9A-HJ-NPQRTUWXY]{18}$', '^[0-9A-Z]{14,15}$', '^[12][0-9]{7}$', '^[0-9]{12}$', '^\\d{3}-[A-Z]{2}$'];
    for (const pattern of patterns) {
      const condition = patternCondition(pattern, 'x');
      assert.ok(condition, `${pattern} translates`);
      for (const value of VARIANTS.string!.filter((candidate): candidate is string => typeof candidate === 'string').concat(['123-AB', '123-', '12a-AB', '3713020118000001\n'])) {
        const sql = evaluate(condition.replaceAll('x', `'${value.replace(/'/g, "''")}'`));
        assert.equal(sql === 1, new RegExp(pattern, 'u').test(value), `${pattern} on ${JSON.stringify(value)}`);
      }
    }
    assert.equal(patternCondition('^(a|b)$', 'x'), null, 'alternation is not translated (the filter then fetches the record)');
    // The whole filter against the validator, field by field, on the variants.
    const schemas = loadAttributeSchemas();
    for (const [layer, schema] of Object.entries(schemas)) {
      const columns = new Map(schema.properties.map((property) => [property.name, property.schema.type === 'number' ? 'real' : 'string']));
      for (const property of schema.properties) {
        for (const value of VARIANTS[property.schema.type === 'number' ? 'number' : 'string']!) {
          const filter = compileAttributeFilter({ ...schema, properties: [property] }, columns);
          const literal = value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
          const sqlAccepts = evaluate(filter.replaceAll(`"${property.name}"`, literal)) === 1;
          const coreAccepts = validateAttributes(schema, { [property.name]: value }, new Set([property.name])).length === 0;
          if (sqlAccepts) assert.ok(coreAccepts, `${layer}.${property.name} = ${JSON.stringify(value)}: SQL lets through what the validator refuses`);
        }
      }
    }
  } finally {
    dataset.close();
  }
});

test('the records the reader fetches give the same violations as checking every record', async () => {
  const city = cleanQaCity();
  const damage: Array<[number, string, string | number]> = [[0, 'OBJSTATE', '良好'], [1, 'ORDATE', '20250230'], [2, 'CHDATE', '20200101'], [3, 'DEPTCODE1', 'I1371300MBWEEUAY1R'], [4, 'OBJNAME', ''], [5, 'OBJCODE', '37130201180000\u001f6'], [6, 'NOTE', '长'.repeat(1001)], [7, 'BGCODE', 'abc'],
    // Values holding the reader's separator and NULL mark: the other values of their records must still be read apart.
    [0, 'NOTE', 'a\u001fb'], [3, 'OBJSTATE', '\u001e'], [7, 'DATASOURCE', '其他\u001b']];
  for (const [row, field, value] of damage) city.components[row]!.properties[field] = value;
  city.grids[2]!.properties.AREA = 0;
  city.grids[3]!.properties.SQCODE = '37130200100';
  const path = await writeQaCity(folder.path, 'reader.gpkg', city);
  // 1,200 cases: their numbers and times have a value per record, which the reader checks row by row in SQL.
  const cases = Array.from({ length: 1200 }, (_value, index) => ({
    geometry: { type: 'Point' as const, coordinates: [39620050 + index % 100, 3880050] as [number, number] },
    properties: {
      CASECODE: `2025${String(index + 1).padStart(8, '0')}`, CASETYPE: '事件', CLASSCODE: '0102', BGCODE: '37130200100101',
      X: 39620050 + index % 100, Y: 3880050, SOURCE: '监督员上报', STAGE: '核查结案', STATUS: '结案',
      REPORTTIME: `2025060${1 + index % 9}${String(100000 + index).slice(-6)}`, CLOSETIME: `202506${String(10 + index % 9)}120000`,
    } as Record<string, string | number>,
  }));
  cases[7]!.properties.CASECODE = 'case-8';
  cases[500]!.properties.REPORTTIME = '2025';
  cases[900]!.properties.CLOSETIME = '20240101120000';
  cases[1100]!.properties.STATUS = '办结';
  const created = Workspace.open(path);
  await created.replaceFeatures('cases', cases);
  created.close();
  // A hole in the fids: the reader must then read them.
  const workspace = gdal.open(path, 'r+');
  runStatement(workspace, 'DELETE FROM components WHERE fid = 2');
  workspace.close();

  const schemas = loadAttributeSchemas();
  const staged = await readQaInput(path, schemas, SILENT_FEEDBACK, 100);
  await staged.finished;
  assert.deepEqual([...staged.input.components.fids], [1, 3, 4, 5, 6, 7, 8]);
  // A value holding the column separator is read again with a space in its place: its row stays its own.
  assert.equal(staged.input.components.codes.at(4), '37130201180000 6');
  assert.equal(staged.input.components.codes.at(5), '3713020118000007');
  // As the engine reads them: a failure of a field the reader counted as a group is that group's.
  const kind = (rule: string): string => (rule === 'required' ? 'required' : 'invalid');
  const viaReader = staged.input.attributes.flatMap((set) => {
    const grouped = new Set((set.groups ?? []).map((group) => `${group.field} ${group.kind}`));
    const named = (records: Properties[], fids: number[], only?: Set<string>) => records.flatMap((record, index) =>
      validateAttributes(schemas[set.layer]!, record, only).map((violation) => ({ violation, name: `${set.layer}#${fids[index]} ${violation.field} ${violation.rule}` })));
    return [
      ...named(set.records, set.fids).filter(({ violation }) => !grouped.has(`${violation.field} ${kind(violation.rule)}`)).map(({ name }) => name),
      ...(set.groups ?? []).flatMap((group) => {
        // Fewer failures than the listing limit: every one of them is read.
        assert.equal(group.records.length, group.count, `${set.layer} ${group.field}`);
        return named(group.records, group.fids, new Set([group.field])).filter(({ violation }) => kind(violation.rule) === group.kind).map(({ name }) => name);
      }),
    ];
  });

  const everyRecord: string[] = [];
  const dataset = gdal.open(path, 'r');
  for (const [layer, schema] of Object.entries(schemas)) {
    for (const feature of dataset.layers.get(layer).features) {
      const record = feature.fields.toObject() as Properties;
      for (const violation of validateAttributes(schema, record)) everyRecord.push(`${layer}#${feature.fid} ${violation.field} ${violation.rule}`);
    }
  }
  dataset.close();
  assert.deepEqual(viaReader.sort(), everyRecord.sort());
  assert.equal(everyRecord.length, 15);
  assert.ok(everyRecord.includes('cases#901 CLOSETIME notBefore') && everyRecord.includes('cases#8 CASECODE pattern'), everyRecord.join('\n'));
});

test('number lists parse exactly, with empty items as NaN', () => {
  const values = parseNumberList('39614128.754\u001f-0.5\u001f\u001f1e-7\u001f3877300\u001f0.1', 0x1f, 6);
  assert.deepEqual([...values].map((value) => (Number.isNaN(value) ? 'NaN' : value)), [39614128.754, -0.5, 'NaN', 1e-7, 3877300, 0.1]);
  assert.throws(() => parseNumberList('1\u001f2', 0x1f, 3));
});
