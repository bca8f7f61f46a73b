/**
 * `citygrid code migrate`: moves a whole workspace from the legacy code
 * generation to the current one (schemas/code-layouts.json `generations`):
 * unit grid codes 14 → 15 characters, component codes 16 → 17 digits through
 * the class mapping (plus the city's own decisions for local classes), and
 * every field that refers to them (`codeFields`), so that nothing is left
 * pointing at an old code. Plans in core; writes everything, the workspace's
 * recorded generation included, in one SQLite transaction or nothing.
 *
 * A code that cannot be migrated refuses the whole migration, unless the
 * admin explicitly asks to migrate the rest and leave those: a half-migrated
 * workspace is something to choose, not to discover.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Layer } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import type { LocalizedText } from '../../core/api/geo_types.js';
import { codeFields, findGeneration, generationSteps } from '../../core/codes/code_generation.js';
import { layoutLength, type CodeGeneration, type CodeKind, type CodeLayouts } from '../../core/codes/code_layout.js';
import { planWorkspaceMigration, type KindMigrationRule, type WorkspaceMigrationPlan } from '../../core/codes/plan_workspace_migration.js';
import type { ClassMappingPair } from '../../core/taxonomy/taxonomy.js';
import { inTransaction, quoteText, runStatement } from '../gdal/gdal_sql.js';
import { loadCodeLayouts } from '../schemas/load_schemas.js';
import { codeTablesFor, loadClassMapping, loadWorkspaceTaxonomy } from '../schemas/load_taxonomy.js';
import { META_TABLE, type Workspace } from '../workspace/workspace.js';
import { applyCodeChanges, type AppliedField } from './apply_code_changes.js';
import { readCodeValues } from './read_code_values.js';
import type { MigrationStatus, WorkspaceMigrationReport } from './migration_report.js';
import { reportFormatOf, writeMigrationReport } from './write_migration_report.js';

export interface MigrateWorkspaceOptions {
  /** Plan and report; write nothing (the report file excepted). */
  dryRun?: boolean;
  /** Migrate what can be and leave the refused codes as they are; without it, any refused code refuses the whole migration. */
  leaveUnmigratable?: boolean;
  /** Where to write the mapping report (.csv or .json). */
  reportPath?: string;
  now?: () => Date;
}

/** Meta keys this migration owns. */
export const GENERATION_KEY = 'codeGeneration';
const MIGRATED_AT_KEY = 'codeMigratedAt';
const NOT_MIGRATED_KEY = 'codesNotMigrated';
const TAXONOMY_BEFORE_KEY = 'taxonomyBeforeMigration';
/** Recorded for a partial migration: some codes are still in the old generation's layouts. */
export const MIXED_GENERATION = 'mixed';

/** The newest generation (none migrates from it) and the one it migrates from. */
function generationsOf(layouts: CodeLayouts): { from: CodeGeneration; to: CodeGeneration } {
  const all = layouts.generations ?? [];
  const to = all.find((candidate) => !all.some((other) => other.migratesFrom === candidate.id) && candidate.migratesFrom);
  const from = to?.migratesFrom ? findGeneration(layouts, to.migratesFrom) : undefined;
  if (!to || !from) throw new CityGridError('FILE_CORRUPT', `${layouts.id} ${layouts.version} names no generation to migrate to (generations[].migratesFrom)`, 'schemas/code-layouts.json');
  return { from, to };
}

function rulesFor(layouts: CodeLayouts, from: CodeGeneration, to: CodeGeneration, taxonomyId: string): { rules: KindMigrationRule[]; mapping: string | null } {
  let mappingId: string | null = null;
  const rules = generationSteps(layouts, from, to).map((step): KindMigrationRule => {
    if (!step.from.taxonomy || !step.to.taxonomy || step.from.taxonomy === step.to.taxonomy) return { step };
    const mapping = loadClassMapping(step.from.taxonomy);
    const workspace = taxonomyId ? loadWorkspaceTaxonomy(taxonomyId) : undefined;
    const fromClasses = codeTablesFor(layouts, taxonomyId || undefined)[step.from.taxonomy];
    if (!mapping || mapping.to !== step.to.taxonomy) return { step, ...(fromClasses ? { fromClasses } : {}) };
    mappingId = mapping.id;
    const pairs = new Map<string, ClassMappingPair>(mapping.pairs.map((pair) => [pair.from, pair]));
    // The city's decisions for its local classes come after the standard pairs; a city cannot remap a standard class.
    if (workspace?.city?.bases.components === step.from.taxonomy) {
      for (const pair of workspace.city.currentClassDecisions) if (!pairs.has(pair.from)) pairs.set(pair.from, pair);
    }
    return { step, classPairs: pairs, unmappedReasons: new Map(mapping.unmapped.map((entry) => [entry.from, entry])), ...(fromClasses ? { fromClasses } : {}) };
  });
  return { rules, mapping: mappingId };
}

function checkReportPath(path: string | undefined): void {
  if (path === undefined) return;
  if (!reportFormatOf(path)) throw new CityGridError('INVALID_REQUEST', 'the report file must end in .csv or .json', path);
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) throw new CityGridError('OUTPUT_UNWRITABLE', 'the folder for the report does not exist', path);
  if (existsSync(path) && statSync(path).isDirectory()) throw new CityGridError('OUTPUT_UNWRITABLE', 'is a folder; give a .csv or .json file for the report', path);
}

function writeMetaValues(workspace: Workspace, values: Record<string, string>): void {
  const keys = Object.keys(values);
  runStatement(workspace.dataset, `DELETE FROM ${META_TABLE} WHERE key IN (${keys.map(quoteText).join(', ')})`);
  const rows = keys.map((key) => `(${quoteText(key)}, ${quoteText(values[key]!)})`).join(', ');
  runStatement(workspace.dataset, `INSERT INTO ${META_TABLE} (key, value) VALUES ${rows}`);
}

function messageFor(status: MigrationStatus, dryRun: boolean, plan: WorkspaceMigrationPlan, to: CodeGeneration): LocalizedText {
  const { migrated, refused } = plan.counts;
  const would = dryRun ? { zh: '（试运行，未写入）', en: ' (dry run: nothing written)' } : { zh: '', en: '' };
  switch (status) {
    case 'already-current':
      return { zh: `已是${to.title.zh}，无需迁移`, en: `already on ${to.title.en}; nothing to migrate` };
    case 'refused':
      if (dryRun) {
        return {
          zh: `${refused}个代码无法迁移（见清单）：实际运行将拒绝整个迁移；修正后重试，或用 --leave-unmigratable 迁移其余代码并保留这些代码（试运行，未写入）`,
          en: `${refused} codes cannot be migrated (listed): a real run would refuse the whole migration; fix them, or pass --leave-unmigratable to migrate the rest and leave these (dry run: nothing written)`,
        };
      }
      return {
        zh: `${refused}个代码无法迁移（见清单），整个迁移被拒绝，工作空间未改动；修正后重试，或用 --leave-unmigratable 迁移其余代码并保留这些代码`,
        en: `${refused} codes cannot be migrated (listed); the whole migration is refused and the workspace is unchanged: fix them and run again, or pass --leave-unmigratable to migrate the rest and leave these`,
      };
    case 'partial':
      if (migrated === 0) return { zh: `没有可迁移的代码；${refused}个无法迁移的代码保持原样`, en: `nothing more to migrate; ${refused} codes that cannot be migrated stay as they are` };
      return { zh: `迁移${migrated}个代码，保留${refused}个无法迁移的代码${would.zh}`, en: `${migrated} codes migrated, ${refused} that cannot be migrated left as they were${would.en}` };
    case 'migrated':
      return { zh: `迁移${migrated}个代码到${to.title.zh}${would.zh}`, en: `${migrated} codes migrated to ${to.title.en}${would.en}` };
  }
}

export async function migrateWorkspaceCodes(workspace: Workspace, options: MigrateWorkspaceOptions = {}): Promise<WorkspaceMigrationReport> {
  checkReportPath(options.reportPath);
  const dryRun = options.dryRun === true;
  const meta = workspace.readMeta();
  const layouts = loadCodeLayouts();
  const { from, to } = generationsOf(layouts);
  const { rules, mapping } = rulesFor(layouts, from, to, meta.taxonomy);
  const keep: Layer[] = [];
  const read = readCodeValues(workspace.dataset, codeFields(layouts), keep);
  const plan = planWorkspaceMigration({ fields: read.fields, rules });
  const recorded = meta[GENERATION_KEY] ?? '';
  const before = recorded || from.id;

  const refused = plan.refused.length > 0;
  // Once a partial migration was chosen, running again with nothing more to migrate is a no-op, not a refusal.
  const leave = options.leaveUnmigratable === true || (recorded === MIXED_GENERATION && plan.counts.migrated === 0);
  const status: MigrationStatus = !refused ? (plan.counts.migrated === 0 ? 'already-current' : 'migrated') : leave ? 'partial' : 'refused';
  const complete = !refused;
  const componentStep = rules.find((rule) => rule.step.kind === 'component')?.step;
  // A workspace named after the old base table reads its codes in the new one once every code moved; a city taxonomy stays (see the report).
  const switchTaxonomy = complete && componentStep !== undefined && meta.taxonomy === componentStep.from.taxonomy && componentStep.to.taxonomy !== undefined;
  const taxonomyAfter = switchTaxonomy ? componentStep!.to.taxonomy! : meta.taxonomy;
  const generationAfter = complete ? to.id : plan.counts.migrated > 0 ? MIXED_GENERATION : before;
  const writes = !dryRun && status !== 'refused' && (plan.counts.migrated > 0 || recorded !== generationAfter);

  let applied: AppliedField[] = [];
  if (writes) {
    const widths = new Map<CodeKind, number>(rules.map((rule) => [rule.step.kind, layoutLength(rule.step.to)]));
    applied = await inTransaction(workspace.dataset, () => {
      const fields = applyCodeChanges(workspace.dataset, plan.fields, widths, workspace.path, keep);
      const values: Record<string, string> = { [GENERATION_KEY]: generationAfter, [NOT_MIGRATED_KEY]: String(plan.counts.refused) };
      if (plan.counts.migrated > 0) values[MIGRATED_AT_KEY] = (options.now?.() ?? new Date()).toISOString();
      if (switchTaxonomy) Object.assign(values, { taxonomy: taxonomyAfter, [TAXONOMY_BEFORE_KEY]: meta.taxonomy });
      writeMetaValues(workspace, values);
      return fields;
    });
  }
  const report: WorkspaceMigrationReport = {
    workspace: workspace.path,
    status,
    dryRun,
    message: messageFor(status, dryRun, plan, to),
    // After a dry run: what a real run would record.
    generation: { from: from.id, to: to.id, before, after: status === 'refused' ? before : generationAfter },
    taxonomy: { before: meta.taxonomy, after: status === 'refused' ? meta.taxonomy : taxonomyAfter },
    mapping,
    missingFields: read.missing,
    widened: applied.filter((field) => field.widenedTo !== undefined).map((field) => ({ layer: field.layer, field: field.field, width: field.widenedTo! })),
    updated: applied.reduce((sum, field) => sum + field.updated, 0),
    ...(options.reportPath ? { reportPath: options.reportPath } : {}),
    ...plan,
  };
  if (options.reportPath) writeMigrationReport(report, options.reportPath);
  return report;
}
