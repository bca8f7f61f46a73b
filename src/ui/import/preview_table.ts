/** The first rows of a source's attribute table, as the preview decoded them. */
import { element } from '../util/dom.js';
import type { PreviewValue } from './shapefile_preview.js';

const ROWS = 5;

export function renderPreviewTable(records: Array<Record<string, PreviewValue>>): HTMLElement {
  const columns = Object.keys(records[0] ?? {});
  const head = element('tr', {}, columns.map((column) => element('th', { text: column })));
  const rows = records.slice(0, ROWS).map((record) => element('tr', {}, columns.map((column) => element('td', { text: record[column] === null || record[column] === undefined ? '' : String(record[column]) }))));
  return element('div', { className: 'preview-table-box' }, [
    element('table', { className: 'preview-table', testId: 'import-preview-table' }, [element('thead', {}, [head]), element('tbody', {}, rows)]),
  ]);
}
