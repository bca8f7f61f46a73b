/**
 * The layer list on the left: data layers (what the centre maintains) above
 * the base map, each top-most first as drawn, with a visibility checkbox,
 * a legend swatch, the title and the feature count.
 */
import type OlMap from 'ol/Map.js';
import type { WorkspaceLayers, MapLayerEntry } from '../map/workspace_layers.js';
import { element, clear } from '../util/dom.js';
import { formatCount } from '../util/format.js';
import { localize, onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';
import { topMostFirst } from '../map/draw_order.js';
import { seenComponentLayouts } from '../map/component_style.js';
import { legendEntries } from '../map/component_classes.js';
import { layerSwatch, componentLegend } from './layer_swatch.js';

/** Until components are drawn the legacy layout is assumed (the more common in practice). */
function legendLayoutId(): string {
  return [...seenComponentLayouts][0] ?? 'component-legacy-16';
}

export interface LayerList {
  setLayers(layers: WorkspaceLayers | null): void;
  /** Re-reads scale ranges and cut-page flags after the map moved or loaded. */
  refreshStates(): void;
}

export function createLayerList(host: HTMLElement, map: OlMap): LayerList {
  const root = element('section', { className: 'layer-list', testId: 'layer-list' });
  host.append(root);
  let current: WorkspaceLayers | null = null;
  const rows = new Map<string, HTMLElement>();
  let legendLayout = '';

  const render = () => {
    clear(root);
    rows.clear();
    root.append(element('h2', { className: 'panel-title', text: text('layers') }));
    if (!current) {
      root.append(element('p', { className: 'panel-empty', text: text('noWorkspace') }));
      return;
    }
    for (const role of ['data', 'base'] as const) {
      const entries = topMostFirst(current.entries.filter((entry) => entry.info.role === role).map((entry) => entry.info.name))
        .map((name) => current!.byName(name)!);
      if (entries.length === 0) continue;
      const group = element('div', { className: 'layer-group', testId: `layer-group-${role}` }, [
        element('h3', { className: 'layer-group-title', text: text(role === 'data' ? 'dataLayers' : 'baseLayers') }),
      ]);
      for (const entry of entries) group.append(renderRow(entry));
      root.append(group);
    }
    refreshStates();
  };

  const renderRow = (entry: MapLayerEntry): HTMLElement => {
    const checkbox = element('input', { testId: `layer-toggle-${entry.info.name}`, attributes: { type: 'checkbox' } });
    checkbox.checked = entry.layer.getVisible();
    checkbox.addEventListener('change', () => {
      entry.layer.setVisible(checkbox.checked);
      refreshStates();
    });
    const row = element('li', { className: 'layer-row', attributes: { 'data-layer': entry.info.name } }, [
      element('label', { className: 'layer-label' }, [
        checkbox,
        layerSwatch(entry.info.name),
        element('span', { className: 'layer-title', text: localize(entry.info.title) }),
        element('span', { className: 'layer-count', testId: `layer-count-${entry.info.name}`, text: formatCount(entry.info.featureCount) }),
      ]),
      element('div', { className: 'layer-note' }),
    ]);
    if (entry.info.name === 'components') {
      legendLayout = legendLayoutId();
      row.append(componentLegend(legendEntries(legendLayout)));
    }
    rows.set(entry.info.name, row);
    return element('ul', { className: 'layer-rows' }, [row]);
  };

  const refreshStates = () => {
    const resolution = map.getView().getResolution();
    if (!current || resolution === undefined) return;
    // The class names depend on the code layout the workspace uses, known
    // only once some components have been drawn.
    const componentRow = rows.get('components');
    if (componentRow && legendLayoutId() !== legendLayout) {
      legendLayout = legendLayoutId();
      componentRow.querySelector('.legend')?.replaceWith(componentLegend(legendEntries(legendLayout)));
    }
    for (const entry of current.entries) {
      const row = rows.get(entry.info.name);
      if (!row) continue;
      const layer = entry.layer;
      const outOfScale = resolution < layer.getMinResolution() || resolution >= layer.getMaxResolution();
      row.classList.toggle('out-of-scale', outOfScale);
      row.classList.toggle('truncated', entry.truncated && !outOfScale);
      const note = row.querySelector('.layer-note')!;
      note.textContent = outOfScale && layer.getVisible() ? text('outOfScale') : entry.truncated && !outOfScale ? text('partlyLoaded') : '';
    }
  };

  map.on('moveend', refreshStates);
  onLanguageChange(render);
  render();
  return {
    setLayers(layers) {
      current = layers;
      render();
    },
    refreshStates,
  };
}
