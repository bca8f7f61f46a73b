/**
 * The outcome of a publish job, as shown in the publish dialog: where the
 * package went, its version and how many features each layer holds; or the
 * error code and message.
 */
import type { LayerInfo, PublishResult, Result } from '../../core/api/contract.js';
import { element } from '../util/dom.js';
import { formatCount } from '../util/format.js';
import { localize } from '../i18n/language.js';
import { text } from '../i18n/messages.js';

export function renderPublishResult(result: Result<PublishResult>, layers: LayerInfo[]): HTMLElement[] {
  if (!result.ok) {
    const canceled = result.error.code === 'CANCELED';
    return [
      element('h3', { className: canceled ? 'result-title' : 'result-title result-failed', text: text(canceled ? 'publishCanceled' : 'publishFailed') }),
      element('p', { className: 'result-error' }, [
        element('strong', { className: 'message-code', text: result.error.code }),
        element('span', { text: result.error.message }),
        result.error.place ? element('span', { className: 'message-place', text: result.error.place }) : '',
      ]),
    ];
  }
  const value = result.value;
  const summary = element('table', { className: 'result-table' }, [element('tbody', {}, [
    summaryRow(text('directory'), value.directory, 'publish-directory'),
    summaryRow(text('version'), `v${value.version}`, 'publish-version'),
    summaryRow(text('files'), String(value.files.length), 'publish-file-count'),
    summaryRow(text('qaFindings'), value.qa ? `${text('qaErrors')} ${value.qa.errors} · ${text('qaWarnings')} ${value.qa.warnings}` : '', 'publish-qa'),
  ])]);
  const counts = element('tbody');
  for (const [layerName, count] of Object.entries(value.layerCounts)) {
    const layer = layers.find((candidate) => candidate.name === layerName);
    counts.append(element('tr', { attributes: { 'data-layer': layerName } }, [
      element('td', {}, [element('span', { text: layer ? localize(layer.title) : layerName }), element('span', { className: 'field-name', text: layerName })]),
      element('td', { className: 'number', text: formatCount(count) }),
    ]));
  }
  const countTable = element('table', { className: 'result-table result-counts', testId: 'publish-layer-counts' }, [
    element('thead', {}, [element('tr', {}, [element('th', { text: text('layer') }), element('th', { className: 'number', text: text('featureCount') })])]),
    counts,
  ]);
  return [element('h3', { className: 'result-title result-ok', text: text('publishDone') }), summary, element('div', { className: 'result-counts-scroll' }, [countTable])];
}

function summaryRow(label: string, value: string, testId: string): HTMLElement {
  return element('tr', {}, [element('th', { text: label }), element('td', { className: 'result-value', testId, text: value })]);
}
