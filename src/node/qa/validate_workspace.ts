/**
 * Validates a workspace against the standards: reads it into the engine's
 * columns (read_qa_input.ts) and runs every rule (src/core/qa/) on each part
 * as it arrives, then returns the report. Used by `citygrid validate`, the
 * services' validation job and the publish gate.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { LocalizedText } from '../../core/api/geo_types.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import type { FindingSink } from '../../core/qa/qa_context.js';
import type { QaReport } from '../../core/qa/qa_finding.js';
import { runQaRules } from '../../core/qa/run_qa_rules.js';
import type { Workspace } from '../workspace/workspace.js';
import { loadQaReferences } from './load_qa_references.js';
import { readQaInput } from './read_qa_input.js';
import { createFindingsCsvWriter } from './write_findings_csv.js';

/** Share of the progress bar for the reading; the rules run alongside it. */
const READING_SHARE = 0.6;

export interface ValidateOptions {
  /** Every finding, also those past the listing limits (the full list, e.g. as CSV); reads every failing record. */
  onFinding?: FindingSink;
}

/**
 * The check, with every finding also written to `csvPath` (write_findings_csv.ts);
 * the report names the file. The file appears whole or not at all.
 */
export async function validateWithFindingsCsv(workspace: Workspace, csvPath: string, feedback: Feedback): Promise<QaReport> {
  mkdirSync(dirname(csvPath), { recursive: true });
  const csv = createFindingsCsvWriter(csvPath);
  try {
    const report = await validateWorkspace(workspace, feedback, { onFinding: (finding) => csv.write(finding) });
    csv.finish();
    return { ...report, findingsCsv: csvPath };
  } catch (thrown) {
    csv.abandon();
    throw thrown;
  }
}

/** Where the app keeps the full lists: beside the workspace, one file per run. */
export function findingsCsvPath(workspacePath: string, when: Date): string {
  const stamp = when.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(dirname(workspacePath), 'qa-findings', `${basename(workspacePath, extname(workspacePath))}-${stamp}.csv`);
}

export async function validateWorkspace(workspace: Workspace, feedback: Feedback, options: ValidateOptions = {}): Promise<QaReport> {
  const meta = workspace.readMeta();
  const references = loadQaReferences(meta.taxonomy);
  const path = resolve(workspace.path);
  const progress = combinedProgress(feedback);
  const listed = options.onFinding ? Infinity : references.rules.limits.findingsPerGroup;
  const staged = await readQaInput(path, references.attributeSchemas, progress.reading, listed);
  let report: QaReport;
  try {
    report = await runQaRules(staged.input, references, progress.rules, {
      workspace: { name: meta.name, path, crs: meta.crs, taxonomy: meta.taxonomy },
      created: new Date().toISOString(),
      now: () => performance.now(),
      ready: (parts) => staged.ready(parts),
      yieldToHost: () => new Promise((resolveYield) => setImmediate(resolveYield)),
      ...(options.onFinding ? { onFinding: options.onFinding } : {}),
    });
  } finally {
    // The readers close when their queues end, also after a failure or a cancel.
    await staged.finished.catch(() => undefined);
  }
  Object.assign(report.timings, await staged.finished);
  // Every table is counted by the time the reading has finished, which may be after the last rule.
  report.checked = { ...staged.input.featureCounts };
  return report;
}

/** Reading and rules run together; the bar shows their weighted sum, which only grows. */
function combinedProgress(parent: Feedback): { reading: Feedback; rules: Feedback } {
  const fractions = { reading: 0, rules: 0 };
  let shown = 0;
  const child = (key: keyof typeof fractions): Feedback => ({
    reportProgress(fraction: number, message: LocalizedText) {
      fractions[key] = Math.max(fractions[key], Math.min(1, fraction));
      const total = fractions.reading * READING_SHARE + fractions.rules * (1 - READING_SHARE);
      if (total < shown) return;
      shown = total;
      parent.reportProgress(total, message);
    },
    get canceled() { return parent.canceled; },
  });
  return { reading: child('reading'), rules: child('rules') };
}
