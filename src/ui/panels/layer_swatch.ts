/**
 * A small legend swatch per layer, drawn with CSS from the same style file
 * as the map so the list and the map never disagree.
 */
import { element } from '../util/dom.js';
import type { LegendEntry } from '../map/component_classes.js';
import { MAP_STYLE, areaStyleFor } from '../map/style_config.js';

export function layerSwatch(layerName: string): HTMLElement {
  const swatch = element('span', { className: 'swatch', attributes: { 'aria-hidden': 'true' } });
  const layers = MAP_STYLE.layers;
  if (layerName === 'roads') {
    swatch.classList.add('swatch-line');
    swatch.style.background = layers.roads.stroke;
    swatch.style.borderColor = layers.roads.casing;
  } else if (layerName === 'components') {
    swatch.classList.add('swatch-point');
    swatch.style.background = `conic-gradient(${Object.values(layers.components.majorColors).join(', ')})`;
  } else if (layerName === 'addresses') {
    swatch.classList.add('swatch-point', 'swatch-small');
    swatch.style.background = layers.addresses.fill;
  } else {
    const area = areaStyleFor(layerName);
    swatch.style.background = area?.fill ?? 'transparent';
    swatch.style.borderColor = area?.stroke ?? '#777777';
    if (area?.dash) swatch.style.borderStyle = 'dashed';
  }
  return swatch;
}

/** Colour chips for the component major classes, named by the workspace's taxonomy. */
export function componentLegend(entries: LegendEntry[]): HTMLElement {
  const list = element('ul', { className: 'legend', testId: 'component-legend' });
  for (const { code, name, color } of entries) {
    const chip = element('span', { className: 'swatch swatch-point' });
    chip.style.background = color;
    list.append(element('li', {}, [chip, element('span', { className: 'legend-code', text: code }), name ? element('span', { text: name }) : '']));
  }
  return list;
}
