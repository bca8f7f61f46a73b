/**
 * `citygrid code`: reads and migrates codes.
 *   parse CODE    the kind and each segment with its meaning, or exactly why it is invalid (exit 1)
 *   migrate       legacy 16-digit component codes → current 17-digit, in one transaction
 */
import { resolve } from 'node:path';
import type { CodeKind } from '../../core/codes/code_layout.js';
import { explainCode, type CodeExplanation } from '../../core/codes/explain_code.js';
import { migrateComponentCodes, type ComponentMigrationReport } from '../codes/migrate_component_codes.js';
import { chinaDivisionLookup } from '../divisions/china_divisions.js';
import { loadCodeLayouts } from '../schemas/load_schemas.js';
import { codeTablesFor } from '../schemas/load_taxonomy.js';
import { Workspace } from '../workspace/workspace.js';
import { parseCommandArgs, requireOption, UsageError } from './cli_args.js';
import type { Command } from './commands.js';

const KINDS: CodeKind[] = ['grid', 'component', 'matter', 'event'];

function workspaceTaxonomy(path: string): string {
  const workspace = Workspace.open(resolve(path));
  try {
    return workspace.readMeta().taxonomy;
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
  const taxonomy = values.taxonomy ?? (values.workspace !== undefined ? workspaceTaxonomy(values.workspace) : undefined);
  const layouts = loadCodeLayouts();
  const explanation = explainCode(positionals[0]!, {
    layouts,
    divisions: chinaDivisionLookup,
    taxonomies: codeTablesFor(layouts, taxonomy || undefined),
    ...(values.kind ? { kind: values.kind as CodeKind } : {}),
  });
  process.stdout.write(values.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation));
  return explanation.valid ? 0 : 1;
};

export function formatMigrationReport(report: ComponentMigrationReport): string {
  const { counts } = report;
  const lines = [
    `${report.workspace}`,
    `  部件标识码迁移 / component codes: ${report.fromLayout} → ${report.toLayout}  (${report.mapping}; taxonomy ${report.taxonomy})`,
    `  ${counts.codes} codes: migrated ${counts.migrated}, unmapped ${counts.unmapped} (${counts.unmappedClasses} classes), already current ${counts.alreadyCurrent}, invalid ${counts.invalid}, conflicts ${counts.conflicts}`,
  ];
  if (report.byClass.length > 0) {
    lines.push('  映射 / mapped classes:');
    for (const entry of report.byClass) lines.push(`    ${entry.fromClass} ${entry.fromName} → ${entry.toClass} ${entry.toName}  ${entry.count}  [${entry.rule}]`);
  }
  if (report.unmapped.length > 0) {
    lines.push('  未映射（保留原代码，需人工确定）/ unmapped (codes kept; a person decides):');
    for (const group of report.unmapped) {
      const hints = group.reviewHints ? `; review: ${group.reviewHints.join(', ')}` : '';
      lines.push(`    ${group.classCode} ${group.className ?? '?'}  ${group.count}  ${group.reason}${hints}`);
    }
  }
  for (const entry of report.invalid.slice(0, 20)) lines.push(`  invalid "${entry.code}": ${entry.reason.zh} / ${entry.reason.en}`);
  if (report.invalid.length > 20) lines.push(`  … ${report.invalid.length - 20} more invalid codes (see --json)`);
  for (const conflict of report.conflicts) lines.push(`  conflict ${conflict.from.join(', ')} → ${conflict.to}: ${conflict.reason.zh} / ${conflict.reason.en}`);
  lines.push(report.dryRun
    ? '  试运行，未写入 / dry run: nothing written'
    : `  已写入 ${report.updated} 个代码（一个事务）/ ${report.updated} codes rewritten in one transaction`);
  return `${lines.join('\n')}\n`;
}

const migrate: Command = async (args) => {
  const { values } = parseCommandArgs(args, { workspace: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
  const workspace = Workspace.open(resolve(requireOption(values.workspace, 'workspace')));
  try {
    const report = await migrateComponentCodes(workspace, { dryRun: values['dry-run'] === true });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatMigrationReport(report));
  } finally {
    workspace.close();
  }
  return 0;
};

const SUBCOMMANDS: Record<string, Command> = { parse, migrate };

export const codeCommand: Command = async (args) => {
  const [name, ...rest] = args;
  const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
  if (!subcommand) throw new UsageError(name === undefined ? 'give a sub-command: parse or migrate' : `unknown sub-command "${name}" (parse, migrate)`);
  return subcommand(rest);
};
