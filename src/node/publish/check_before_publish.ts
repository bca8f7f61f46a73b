/**
 * The publish gate: a package goes to the case system only from a workspace
 * without error-severity findings, unless the publisher says otherwise (and
 * then the package records that it was published with errors). The report
 * travels in the package as qa-report.json either way.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import type { QaReport } from '../../core/qa/qa_finding.js';
import { validateWorkspace } from '../qa/validate_workspace.js';
import type { Workspace } from '../workspace/workspace.js';

export const QA_REPORT_FILE = 'qa-report.json';

/** What datapackage.json says about the check (schemas/package.schema.json `qa`). */
export interface PackageQaSummary {
  report: string;
  rules: string;
  errors: number;
  warnings: number;
  publishedWithErrors: boolean;
}

export async function checkBeforePublish(workspace: Workspace, allowErrors: boolean, feedback: Feedback): Promise<QaReport> {
  const report = await validateWorkspace(workspace, feedback);
  const { errors } = report.summary;
  if (errors > 0 && !allowErrors) {
    const rules = report.summary.byRule.filter((rule) => rule.severity === 'error' && rule.count > 0).map((rule) => `${rule.ruleId} ${rule.count}`).join(', ');
    throw new CityGridError('VALIDATION_FAILED',
      `the workspace has ${errors} error finding(s) (${rules}); fix them ("citygrid validate" lists them) or publish with --allow-errors / 工作空间有 ${errors} 个错误，请先修正或明确允许带错误发布`,
      workspace.path);
  }
  return report;
}

export function writeQaReport(folder: string, report: QaReport): PackageQaSummary {
  writeFileSync(join(folder, QA_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  return {
    report: QA_REPORT_FILE,
    rules: `${report.rules.id} ${report.rules.version}`,
    errors: report.summary.errors,
    warnings: report.summary.warnings,
    publishedWithErrors: report.summary.errors > 0,
  };
}
