/**
 * The identify panel on the right: every hit with its layer title and a
 * table of all its attributes, each labelled with the field's label from the
 * workspace schema and the raw field name underneath, as in desktop GIS.
 */
import type { LayerInfo } from '../../core/api/contract.js';
import type { FeatureDto, PropertyValue } from '../../core/api/geo_types.js';
import { element, clear } from '../util/dom.js';
import { formatValue } from '../util/format.js';
import { localize, onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';
import { classifyComponentCode } from '../map/component_classes.js';

export interface IdentifyPanel {
  setLayers(layers: LayerInfo[]): void;
  showPending(): void;
  showHits(hits: FeatureDto[]): void;
  clear(): void;
}

type PanelState = { kind: 'idle' } | { kind: 'pending' } | { kind: 'hits'; hits: FeatureDto[] };

export function createIdentifyPanel(host: HTMLElement): IdentifyPanel {
  const root = element('section', { className: 'identify-panel', testId: 'identify-panel' });
  host.append(root);
  let layers: LayerInfo[] = [];
  let state: PanelState = { kind: 'idle' };

  const render = () => {
    clear(root);
    root.append(element('h2', { className: 'panel-title', text: text('identify') }));
    if (state.kind === 'idle') {
      root.append(element('p', { className: 'panel-empty', text: text('identifyHint') }));
    } else if (state.kind === 'pending') {
      root.append(element('p', { className: 'panel-empty', text: text('identifying') }));
    } else if (state.hits.length === 0) {
      root.append(element('p', { className: 'panel-empty nothing-here', testId: 'identify-empty', text: text('nothingHere') }));
    } else {
      root.append(element('p', { className: 'hit-count', text: `${state.hits.length} ${text('hitCount')}` }));
      for (const hit of state.hits) root.append(renderHit(hit));
    }
  };

  const renderHit = (hit: FeatureDto): HTMLElement => {
    const layer = layers.find((candidate) => candidate.name === hit.layer);
    const heading = element('h3', { className: 'hit-title' }, [
      element('span', { text: layer ? localize(layer.title) : hit.layer }),
      element('span', { className: 'hit-id', title: text('featureId'), text: `#${hit.id}` }),
    ]);
    const body = element('tbody');
    for (const name of orderedFieldNames(layer, hit)) {
      const field = layer?.fields.find((candidate) => candidate.name === name);
      const label = field ? localize(field.label) : name;
      body.append(element('tr', { attributes: { 'data-field': name } }, [
        element('th', {}, [element('span', { className: 'field-label', text: label }), element('span', { className: 'field-name', text: name })]),
        element('td', {}, valueCell(hit.layer, name, hit.properties[name] ?? null)),
      ]));
    }
    const table = element('table', { className: 'attribute-table', testId: 'identify-attributes' }, [body]);
    return element('section', { className: 'hit', testId: 'identify-hit', attributes: { 'data-layer': hit.layer, 'data-id': String(hit.id) } }, [heading, table]);
  };

  onLanguageChange(render);
  render();
  return {
    setLayers(next) {
      layers = next;
      state = { kind: 'idle' };
      render();
    },
    showPending() {
      state = { kind: 'pending' };
      render();
    },
    showHits(hits) {
      state = { kind: 'hits', hits };
      render();
    },
    clear() {
      state = { kind: 'idle' };
      render();
    },
  };
}

/** Schema fields in schema order first, then any attribute the schema does not list. */
function orderedFieldNames(layer: LayerInfo | undefined, hit: FeatureDto): string[] {
  const names = (layer?.fields ?? []).map((field) => field.name).filter((name) => name in hit.properties);
  for (const name of Object.keys(hit.properties)) if (!names.includes(name)) names.push(name);
  return names;
}

/** The raw value, plus the decoded class for component codes so nobody needs the code book. */
function valueCell(layerName: string, fieldName: string, value: PropertyValue): (Node | string)[] {
  const shown = formatValue(value);
  const cell: (Node | string)[] = [element('span', { className: value === null ? 'value-null' : 'value', text: value === null ? '—' : shown })];
  if (layerName === 'components' && fieldName === 'OBJCODE' && typeof value === 'string') {
    const info = classifyComponentCode(value);
    const description = info && [info.majorName, info.className].filter(Boolean).join(' › ');
    if (description) cell.push(element('span', { className: 'value-note', text: description }));
  }
  return cell;
}
