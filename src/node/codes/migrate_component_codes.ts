/**
 * Migrates a workspace's component codes from the legacy 16-digit layout to
 * the current 17-digit one: plans in core (class mapping from
 * schemas/taxonomies/ plus the city's own decisions for local classes) and
 * applies every change in one SQLite transaction, or nothing. Unmapped
 * classes keep their codes and are reported for a person to decide.
 */
import { CityGridError } from '../../core/api/errors.js';
import type { CodeLayout, CodeLayouts } from '../../core/codes/code_layout.js';
import { planComponentMigration, type CodeChange, type ComponentMigrationPlan } from '../../core/codes/plan_component_migration.js';
import { inTransaction, runStatement } from '../gdal/gdal_sql.js';
import { loadCodeLayouts } from '../schemas/load_schemas.js';
import { loadClassMapping, loadWorkspaceTaxonomy } from '../schemas/load_taxonomy.js';
import type { Workspace } from '../workspace/workspace.js';

/** The component code field of schemas/workspace-layers.json (legacy OBJCODE, GLBJBSM in the current standard). */
const CODE_FIELD = 'OBJCODE';
const LAYER = 'components';
/** Statements stay short enough for SQLite's limits whatever the workspace size. */
const CHANGES_PER_STATEMENT = 400;

export interface MigrateOptions {
  dryRun?: boolean;
}

export interface ComponentMigrationReport extends ComponentMigrationPlan {
  workspace: string;
  taxonomy: string;
  mapping: string;
  dryRun: boolean;
  /** Features whose code was rewritten (0 on a dry run). */
  updated: number;
}

function layoutFor(layouts: CodeLayouts, taxonomyId: string): CodeLayout {
  const layout = layouts.layouts.find((candidate) => candidate.kind === 'component' && candidate.taxonomy === taxonomyId);
  if (!layout) throw new CityGridError('INVALID_REQUEST', `no component code layout reads taxonomy ${taxonomyId} (schemas/code-layouts.json)`);
  return layout;
}

function readCodes(workspace: Workspace): Array<string | null> {
  const codes: Array<string | null> = [];
  workspace.layer(LAYER).features.forEach((feature) => {
    const value = feature.fields.get(CODE_FIELD) as unknown;
    codes.push(value === null || value === undefined ? null : String(value));
  });
  return codes;
}

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

function updateStatement(changes: CodeChange[]): string {
  const cases = changes.map((change) => `WHEN ${quote(change.from)} THEN ${quote(change.to)}`).join(' ');
  const keys = changes.map((change) => quote(change.from)).join(', ');
  return `UPDATE "${LAYER}" SET "${CODE_FIELD}" = CASE "${CODE_FIELD}" ${cases} END WHERE "${CODE_FIELD}" IN (${keys})`;
}

export async function migrateComponentCodes(workspace: Workspace, options: MigrateOptions = {}): Promise<ComponentMigrationReport> {
  const meta = workspace.readMeta();
  const taxonomy = loadWorkspaceTaxonomy(meta.taxonomy || 'legacy-cjt214-components');
  const baseId = taxonomy.city?.bases.components ?? taxonomy.components.id;
  const mapping = loadClassMapping(baseId);
  if (!mapping) throw new CityGridError('INVALID_REQUEST', `no class mapping from ${baseId} in schemas/taxonomies/: its codes have nowhere to migrate to`, workspace.path);
  const layouts = loadCodeLayouts();
  const plan = planComponentMigration({
    codes: readCodes(workspace),
    from: layoutFor(layouts, mapping.from),
    to: layoutFor(layouts, mapping.to),
    // The city's decisions come after the standard pairs; a city cannot remap a standard class.
    mapping: { pairs: [...mapping.pairs, ...(taxonomy.city?.currentClassDecisions ?? []).filter((pair) => !mapping.pairs.some((known) => known.from === pair.from))], unmapped: mapping.unmapped },
    fromClasses: taxonomy.components,
  });
  const dryRun = options.dryRun === true;
  let updated = 0;
  if (!dryRun && plan.changes.length > 0) {
    updated = await inTransaction(workspace.dataset, () => {
      for (let start = 0; start < plan.changes.length; start += CHANGES_PER_STATEMENT) {
        runStatement(workspace.dataset, updateStatement(plan.changes.slice(start, start + CHANGES_PER_STATEMENT)));
      }
      // Read back before committing: every planned feature rewritten, no old code left, or roll back.
      const after = readCodes(workspace);
      const oldCodes = new Set(plan.changes.map((change) => change.from));
      const newCodes = new Set(plan.changes.map((change) => change.to));
      const left = after.filter((code) => code !== null && oldCodes.has(code)).length;
      const written = after.filter((code) => code !== null && newCodes.has(code)).length;
      if (left > 0 || written !== plan.counts.migrated) {
        throw new CityGridError('INTERNAL', `code migration did not apply as planned (${written} of ${plan.counts.migrated} rewritten, ${left} old codes left); nothing was changed`, workspace.path);
      }
      return written;
    });
  }
  return { workspace: workspace.path, taxonomy: taxonomy.id, mapping: mapping.id, dryRun, updated, ...plan };
}
