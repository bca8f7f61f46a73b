/**
 * What a code migration reports (migrate_workspace_codes.ts) and its report
 * file holds (write_migration_report.ts): its own module, so that the
 * migration and the report writer both depend on it rather than on each other.
 */
import type { LocalizedText } from '../../core/api/geo_types.js';
import type { WorkspaceMigrationPlan } from '../../core/codes/plan_workspace_migration.js';

/**
 * migrated: everything rewritten; partial: rewritten except the refused codes, as asked;
 * refused: nothing written because some codes cannot be migrated; already-current: nothing to do.
 */
export type MigrationStatus = 'migrated' | 'partial' | 'refused' | 'already-current';

export interface WorkspaceMigrationReport extends WorkspaceMigrationPlan {
  workspace: string;
  status: MigrationStatus;
  dryRun: boolean;
  message: LocalizedText;
  /** citygrid_meta.codeGeneration before and after, or after a real run for a dry one ('legacy' when a workspace never recorded one). */
  generation: { from: string; to: string; before: string; after: string };
  taxonomy: { before: string; after: string };
  /** The class mapping component classes went through. */
  mapping: string | null;
  /** Declared code fields the file lacks (layer.field), skipped. */
  missingFields: string[];
  /** Columns widened to hold the new codes. */
  widened: Array<{ layer: string; field: string; width: number }>;
  /** Values rewritten (0 on a dry run or a refusal). */
  updated: number;
  reportPath?: string;
}
