/**
 * `citygrid import`: runs an import, a dry run of one, or (dry run without
 * --layer) an inspection of the source, and prints what happened or would.
 * Parses and checks the options, then reports.
 */
import { resolve } from 'node:path';
import { requireRegularFile } from '../files/require_regular_file.js';
import { parseTextEncoding, type EncodingGuess } from '../../core/encoding/detect_text_encoding.js';
import type { SourceEncoding } from '../import/detect_source_encoding.js';
import { importLayer, type ImportReport } from '../import/import_layer.js';
import { inspectSource, type SourceInspection } from '../import/inspect_source.js';
import { parseCommandArgs, requireOption, UsageError } from './cli_args.js';
import { createCliFeedback } from './cli_feedback.js';
import type { Command } from './command.js';

interface ImportCommandValues {
  workspace?: string | undefined;
  layer?: string | undefined;
  json?: boolean | undefined;
  encoding?: string | undefined;
  crs?: string | undefined;
  mapping?: string | undefined;
  'save-mapping'?: string | undefined;
  'source-layer'?: string | undefined;
  'dry-run'?: boolean | undefined;
  'allow-shrink'?: boolean | undefined;
}

async function runImportCommand(values: ImportCommandValues, sourceArgument: string): Promise<number> {
  const encoding = values.encoding === undefined ? undefined : parseTextEncoding(values.encoding);
  if (encoding === null) throw new UsageError('--encoding must be UTF-8, GBK or GB18030');
  if (values.crs !== undefined && !/^EPSG:\d+$/i.test(values.crs)) throw new UsageError('--crs must be EPSG:N, e.g. EPSG:4527');
  const dryRun = values['dry-run'] === true;
  const source = resolve(sourceArgument);
  requireRegularFile(source, { folderAllowed: true, withSidecars: true });
  if (values.workspace !== undefined) requireRegularFile(resolve(values.workspace));
  const feedback = createCliFeedback(values.json === true, 'zh');
  let output: string;
  try {
    if (dryRun && values.layer === undefined) {
      if (values.mapping || values['save-mapping']) throw new UsageError('--mapping and --save-mapping need --layer');
      const inspection = await inspectSource({ source, encoding, crs: values.crs, sourceLayer: values['source-layer'] }, feedback);
      output = values.json ? `${JSON.stringify(inspection, null, 2)}\n` : inspectionText(inspection);
    } else {
      const report = await importLayer({
        workspacePath: resolve(requireOption(values.workspace, 'workspace')),
        layer: requireOption(values.layer, 'layer'),
        source, encoding, crs: values.crs, sourceLayer: values['source-layer'], dryRun, allowShrink: values['allow-shrink'] === true,
        mappingPreset: values.mapping === undefined ? undefined : resolve(values.mapping),
        saveMapping: values['save-mapping'] === undefined ? undefined : resolve(values['save-mapping']),
      }, feedback);
      output = values.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report);
    }
  } finally {
    feedback.done();
  }
  process.stdout.write(output);
  return 0;
}

function reportText(report: ImportReport): string {
  const lines: string[] = [];
  const workspace = report.createdWorkspace ? `${report.workspacePath} (new)` : report.workspacePath;
  lines.push(report.dryRun
    ? `dry run: would import ${report.imported} features into ${report.layer} of ${workspace} (replacing ${report.replaced}) from ${report.source}; nothing was changed`
    : `imported ${report.imported} features into ${report.layer} (replaced ${report.replaced}) from ${report.source}`);
  if (report.imported === 0) lines.push(`  the source has no features: the layer ${report.dryRun ? 'would be' : 'is now'} empty`);
  lines.push(`  source ${report.driver} layer "${report.sourceLayer}"`);
  lines.push(`  CRS ${report.sourceCrs} → ${report.workspaceCrs}${report.crsNote ? ` (${report.crsNote})` : ''}`);
  lines.push(...encodingLines(report.encoding));
  lines.push(`  fields: ${Object.entries(report.mapping).map(([field, column]) => field === column ? field : `${column}→${field}`).join(', ') || '(none)'}`);
  if (report.unmatchedSources.length) lines.push(`  columns not imported: ${report.unmatchedSources.join(', ')}`);
  if (report.unfilledFields.length) lines.push(`  fields left empty: ${report.unfilledFields.join(', ')}`);
  if (report.unwrappedMultiParts) lines.push(`  ${report.unwrappedMultiParts} one-part multi geometries stored as single ones`);
  lines.push(...report.warnings.map((warning) => `  warning: ${warning}`));
  return `${lines.join('\n')}\n`;
}

function inspectionText(inspection: SourceInspection): string {
  const lines = [
    `${inspection.source}`,
    `  ${inspection.driver}, layer "${inspection.sourceLayer}"${inspection.layers.length > 1 ? ` of ${inspection.layers.join(', ')}` : ''}`,
    `  ${inspection.featureCount} features (${inspection.geometryType})`,
    `  CRS ${inspection.crs ?? 'none'}${inspection.crsNote ? ` (${inspection.crsNote})` : ''}`,
    ...encodingLines(inspection.encoding),
    `  columns: ${inspection.columns.join(', ') || '(none)'}`,
  ];
  lines.push(...inspection.warnings.map((warning) => `  warning: ${warning}`));
  if (inspection.firstFeature) lines.push(`  first feature: ${Object.entries(inspection.firstFeature).map(([key, value]) => `${key}=${value ?? ''}`).join(', ')}`);
  lines.push('dry run: nothing was changed');
  return `${lines.join('\n')}\n`;
}

function encodingLines(encoding: SourceEncoding | null): string[] {
  if (!encoding) return [];
  const lines = [`  encoding: ${encoding.readAs}`];
  if (encoding.warning) lines.push(`  warning: ${encoding.warning}`);
  lines.push(...guessLines(encoding.guess));
  return lines;
}

function guessLines(guess: EncodingGuess | null): string[] {
  if (!guess || guess.nonAsciiValues === 0) return [];
  const lines = [`  detector: ${guess.encoding ?? 'undecided'}, confidence ${guess.confidence} (${guess.reason})`];
  for (const candidate of guess.candidates) {
    lines.push(`    as ${candidate.encoding.padEnd(7)} ${candidate.fits ? 'fits     ' : 'does not '} ${candidate.samples.map((sample) => JSON.stringify(sample)).join(' ')}`);
  }
  return lines;
}

export const importCommand: Command = async (args) => {
  const { values, positionals } = parseCommandArgs(args, {
    workspace: { type: 'string' }, layer: { type: 'string' }, json: { type: 'boolean' }, encoding: { type: 'string' }, crs: { type: 'string' },
    mapping: { type: 'string' }, 'save-mapping': { type: 'string' }, 'source-layer': { type: 'string' }, 'dry-run': { type: 'boolean' },
    'allow-shrink': { type: 'boolean' },
  }, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one SOURCE file');
  return runImportCommand(values, positionals[0]!);
};
