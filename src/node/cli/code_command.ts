/**
 * `citygrid code`: reads and migrates codes.
 *   parse CODE    the kind and each segment with its meaning, or exactly why it is invalid (exit 1)
 *   migrate       the whole workspace from legacy to current codes (grids 14 → 15, components
 *                 16 → 17, every reference with them) in one transaction, with a mapping report;
 *                 exit 1 when codes that cannot be migrated refuse it
 */
import { resolve } from 'node:path';
import type { CodeKind } from '../../core/codes/code_layout.js';
import { layoutOutsideGeneration } from '../../core/codes/code_generation.js';
import { explainCode, type CodeExplanation } from '../../core/codes/explain_code.js';
import { GENERATION_KEY, migrateWorkspaceCodes } from '../codes/migrate_workspace_codes.js';
import type { WorkspaceMigrationReport } from '../codes/migration_report.js';
import { reportFormatOf } from '../codes/write_migration_report.js';
import { chinaDivisionLookup } from '../divisions/china_divisions.js';
import { loadCodeLayouts } from '../schemas/load_schemas.js';
import { codeTablesFor } from '../schemas/load_taxonomy.js';
import { Workspace } from '../workspace/workspace.js';
import { parseCommandArgs, requireOption, UsageError } from './cli_args.js';
import type { Command } from './command.js';

const KINDS: CodeKind[] = ['grid', 'component', 'matter', 'event'];

/** The workspace's taxonomy and the code generation it records (migrate_workspace_codes.ts), if any. */
function workspaceCodes(path: string): { taxonomy: string; generation: string } {
  const workspace = Workspace.open(resolve(path));
  try {
    const meta = workspace.readMeta();
    return { taxonomy: meta.taxonomy, generation: meta[GENERATION_KEY] ?? '' };
  } finally {
    workspace.close();
  }
}

export function formatExplanation(explanation: CodeExplanation): string {
  const lines: string[] = [];
  const title = explanation.title ? `  ${explanation.title.zh} / ${explanation.title.en}  [${explanation.layoutId}${explanation.taxonomy ? `, ${explanation.taxonomy}` : ''}]` : '';
  lines.push(`${explanation.code}${title}`);
  const nameWidth = Math.max(0, ...explanation.segments.map((segment) => segment.name.length));
  const valueWidth = Math.max(0, ...explanation.segments.map((segment) => segment.value.length));
  for (const segment of explanation.segments) {
    const meaning = segment.status === 'invalid' ? '  ✗' : segment.status === 'unchecked' ? '  (未核对 / not checked)' : segment.meaning ? `: ${segment.meaning}` : '';
    lines.push(`  ${segment.name.padEnd(nameWidth)}  ${segment.value.padEnd(valueWidth)}  ${segment.label.zh} / ${segment.label.en}${meaning}`);
  }
  if (explanation.valid) {
    lines.push('有效 / valid');
  } else {
    lines.push('无效 / invalid');
    for (const issue of explanation.issues) lines.push(`  ${issue.code}: ${issue.message.zh} / ${issue.message.en}`);
  }
  for (const note of explanation.unchecked) lines.push(`  注意 / note: ${note.zh} / ${note.en}`);
  return `${lines.join('\n')}\n`;
}

const parse: Command = async (args) => {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, kind: { type: 'string' }, taxonomy: { type: 'string' }, workspace: { type: 'string' },
  }, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one CODE');
  if (values.kind !== undefined && !KINDS.includes(values.kind as CodeKind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
  if (values.taxonomy !== undefined && values.workspace !== undefined) throw new UsageError('give --taxonomy or --workspace, not both');
  const workspace = values.workspace !== undefined ? workspaceCodes(values.workspace) : undefined;
  const taxonomy = values.taxonomy ?? workspace?.taxonomy;
  const layouts = loadCodeLayouts();
  const explanation = explainCode(positionals[0]!, {
    layouts,
    divisions: chinaDivisionLookup,
    taxonomies: codeTablesFor(layouts, taxonomy || undefined),
    ...(values.kind ? { kind: values.kind as CodeKind } : {}),
  });
  // A legacy code is still a code, but not what a migrated workspace should hold: say so beside the explanation.
  const layout = explanation.layoutId ? layouts.layouts.find((candidate) => candidate.id === explanation.layoutId) : undefined;
  const outside = workspace?.generation && layout ? layoutOutsideGeneration(layouts, workspace.generation, layout) : undefined;
  if (outside) explanation.unchecked.push(outside);
  process.stdout.write(values.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
  return explanation.valid ? 0 : 1;
};

/** Lines listed in the text summary; the --report file and --json hold every one. */
const LISTED = 20;

export function formatMigrationReport(report: WorkspaceMigrationReport): string {
  const { counts } = report;
  const lines = [
    `${report.workspace}`,
    `  代码迁移 / code migration: ${report.generation.before} → ${report.generation.to}  (${report.steps.map((step) => `${step.fromLayout} → ${step.toLayout}`).join(', ')}${report.mapping ? `; ${report.mapping}` : ''}; taxonomy ${report.taxonomy.before})`,
    `  ${counts.features} values: migrated ${counts.migrated}, already current ${counts.alreadyCurrent}, blank ${counts.blank}, cannot migrate ${counts.refused}`,
    '  按图层 / per layer:',
  ];
  for (const field of report.fields) {
    const { migrated, alreadyCurrent, blank, refused } = field.counts;
    lines.push(`    ${`${field.layer}.${field.field}`.padEnd(18)} ${field.kind.padEnd(9)} ${field.role.padEnd(9)} migrated ${migrated}, current ${alreadyCurrent}, blank ${blank}, cannot ${refused}`);
  }
  for (const missing of report.missingFields) lines.push(`    ${missing}: 文件中没有此字段 / not in this file, skipped`);
  if (report.byClass.length > 0) {
    lines.push('  映射 / mapped classes:');
    for (const entry of report.byClass) lines.push(`    ${entry.fromClass} ${entry.fromName} → ${entry.toClass} ${entry.toName}  ${entry.count}  [${entry.rule}]`);
  }
  if (report.unmappedClasses.length > 0) {
    lines.push('  未映射分类（需人工确定）/ unmapped classes (a person decides):');
    for (const group of report.unmappedClasses) {
      const hints = group.reviewHints ? `; review: ${group.reviewHints.join(', ')}` : '';
      lines.push(`    ${group.classCode} ${group.className ?? '?'}  ${group.count}  ${group.reason}${hints}`);
    }
  }
  if (report.refused.length > 0) {
    lines.push('  无法迁移 / cannot migrate:');
    for (const entry of report.refused.slice(0, LISTED)) lines.push(`    ${entry.layer}.${entry.field} "${entry.code}" ×${entry.count}  ${entry.problem}: ${entry.reason.zh} / ${entry.reason.en}`);
    if (report.refused.length > LISTED) lines.push(`    … ${report.refused.length - LISTED} more (see --report or --json)`);
  }
  if (report.dangling.length > 0) {
    const features = report.dangling.reduce((sum, entry) => sum + entry.count, 0);
    lines.push(`  注意 / note: ${features} references point at no feature's code, before and after (${report.dangling.slice(0, 3).map((entry) => `${entry.layer}.${entry.field} ${entry.code}`).join(', ')}${report.dangling.length > 3 ? ', …' : ''})`);
  }
  for (const widened of report.widened) lines.push(`  ${widened.layer}.${widened.field} 加宽到 / widened to ${widened.width}`);
  if (report.taxonomy.after !== report.taxonomy.before) lines.push(`  分类表 / taxonomy: ${report.taxonomy.before} → ${report.taxonomy.after}`);
  if (report.reportPath) lines.push(`  映射报告 / mapping report: ${report.reportPath}`);
  lines.push(`  ${report.message.zh} / ${report.message.en}`);
  if (!report.dryRun && report.updated > 0) lines.push(`  已写入 ${report.updated} 个代码（一个事务）/ ${report.updated} codes rewritten in one transaction`);
  return `${lines.join('\n')}\n`;
}

/** The report on stdout: everything but the per-code mapping, which can run to a million lines (it goes to --report). */
function summaryOf(report: WorkspaceMigrationReport): unknown {
  return { ...report, fields: report.fields.map(({ changes, ...field }) => ({ ...field, changes: changes.length <= LISTED ? changes : changes.slice(0, LISTED), changesListed: Math.min(changes.length, LISTED), changesTotal: changes.length })) };
}

const migrate: Command = async (args) => {
  const { values } = parseCommandArgs(args, {
    workspace: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' },
    report: { type: 'string' }, 'leave-unmigratable': { type: 'boolean' },
  });
  const reportPath = values.report === undefined ? undefined : resolve(values.report);
  if (reportPath !== undefined && !reportFormatOf(reportPath)) throw new UsageError('--report must name a .csv or .json file');
  const workspace = Workspace.open(resolve(requireOption(values.workspace, 'workspace')));
  let report: WorkspaceMigrationReport;
  try {
    report = await migrateWorkspaceCodes(workspace, {
      dryRun: values['dry-run'] === true,
      leaveUnmigratable: values['leave-unmigratable'] === true,
      ...(reportPath ? { reportPath } : {}),
    });
  } finally {
    workspace.close();
  }
  process.stdout.write(values.json ? `${JSON.stringify(summaryOf(report), null, 2)}\n` : formatMigrationReport(report));
  return report.status === 'refused' ? 1 : 0;
};

const SUBCOMMANDS: Record<string, Command> = { parse, migrate };

export const codeCommand: Command = async (args) => {
  const [name, ...rest] = args;
  const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!subcommand) throw new UsageError(name === undefined ? 'give a sub-command: parse or migrate' : `unknown sub-command "${name}" (parse, migrate)`);
  return subcommand(rest);
};
