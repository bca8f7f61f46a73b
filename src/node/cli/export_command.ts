/**
 * `citygrid export --workspace FILE --layer NAME --format F --out PATH
 * [--crs EPSG:N] [--encoding UTF-8|GBK] [--where street=CODE|community=CODE]
 * [--csv-geometry xy|wkt] [--force] [--json]`: one layer out to a file.
 */
import { resolve } from 'node:path';
import { EXPORT_FORMATS, type CsvGeometry, type ExportFormat, type ShapefileEncoding } from '../export/export_formats.js';
import { exportLayer } from '../export/export_layer.js';
import { parseCommandArgs, requireOption, UsageError } from './cli_args.js';
import { createCliFeedback } from './cli_feedback.js';
import type { Command } from './command.js';

export const exportCommand: Command = async (args) => {
  const { values } = parseCommandArgs(args, {
    workspace: { type: 'string' }, layer: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
    crs: { type: 'string' }, encoding: { type: 'string' }, where: { type: 'string' }, 'csv-geometry': { type: 'string' },
    force: { type: 'boolean' }, json: { type: 'boolean' },
  });
  const format = requireOption(values.format, 'format').toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const encoding = values.encoding === undefined ? undefined : values.encoding.toUpperCase().replace(/^UTF8$/, 'UTF-8');
  if (encoding !== undefined && encoding !== 'UTF-8' && encoding !== 'GBK') throw new UsageError('--encoding must be UTF-8 or GBK');
  const csvGeometry = values['csv-geometry'];
  if (csvGeometry !== undefined && csvGeometry !== 'xy' && csvGeometry !== 'wkt') throw new UsageError('--csv-geometry must be xy or wkt');
  if (values.crs !== undefined && !/^EPSG:\d+$/i.test(values.crs)) throw new UsageError('--crs must be EPSG:N, e.g. EPSG:4490');
  const feedback = createCliFeedback(values.json === true, 'zh');
  let report: Awaited<ReturnType<typeof exportLayer>>;
  try {
    report = await exportLayer({
      workspacePath: resolve(requireOption(values.workspace, 'workspace')),
      layer: requireOption(values.layer, 'layer'),
      format: format as ExportFormat,
      outPath: resolve(requireOption(values.out, 'out')),
      crs: values.crs, encoding: encoding as ShapefileEncoding | undefined, where: values.where,
      csvGeometry: csvGeometry as CsvGeometry | undefined, force: values.force,
    }, feedback);
  } finally {
    feedback.done();
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const filter = report.filter ? ` where ${report.filter.key}=${report.filter.code} (${report.filter.field ? `${report.filter.field} ${report.filter.match}` : `touching the ${report.filter.key}'s boundary`})` : '';
  const lines = [
    `exported ${report.count} features of ${report.layer}${filter} as ${report.format}`,
    `  CRS ${report.crs}${report.encoding ? `, text ${report.encoding} (.cpg)` : ''}${report.csvGeometry ? `, geometry as ${report.csvGeometry === 'xy' ? 'X/Y columns' : 'a WKT column'} (CSV records no CRS: import it with --crs ${report.crs})` : ''}`,
    ...report.files.map((file) => `  ${file}`),
  ];
  if (report.count === 0) lines.push('  no feature matched: the file holds none');
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
};
