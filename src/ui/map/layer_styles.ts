/**
 * The style of each workspace layer, from schemas/styles/default.json. Every
 * function here builds its Style objects once and returns shared instances;
 * only labels vary per feature (see label_style.ts).
 */
import Style from 'ol/style/Style.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import CircleStyle from 'ol/style/Circle.js';
import type { StyleLike } from 'ol/style/Style.js';
import type { LayerInfo } from '../../core/api/contract.js';
import { MAP_STYLE, areaStyleFor, type AreaStyle } from './style_config.js';
import { createRoadStyle } from './road_style.js';
import { createComponentStyle } from './component_style.js';
import { createSharedLabel } from './label_style.js';

/**
 * Labels the style file does not configure: streets and communities get
 * their names at district and neighbourhood zoom (metres per pixel).
 */
const AREA_LABEL_MAX_RESOLUTION: Record<string, number> = { streets: 12, communities: 4, ownership: 0.8, water: 6, green: 3 };
const ROAD_LABEL_MAX_RESOLUTION = 3;
const FALLBACK_AREA: AreaStyle = { fill: 'rgba(120,120,120,0.1)', stroke: '#777777', width: 1 };

export function createLayerStyle(layer: LayerInfo, metresPerUnit: number): StyleLike {
  switch (layer.name) {
    case 'roads':
      return createLabelledRoads(layer, metresPerUnit);
    case 'components':
      return createComponentStyle();
    case 'grids':
      return createGridStyle(metresPerUnit);
    case 'addresses':
      return createAddressStyle(layer, metresPerUnit);
    default:
      return createAreaLayerStyle(layer, metresPerUnit);
  }
}

export function areaStyle(config: AreaStyle): Style {
  return new Style({
    fill: config.fill ? new Fill({ color: config.fill }) : undefined,
    stroke: config.stroke
      ? new Stroke({ color: config.stroke, width: config.width ?? 1, lineDash: config.dash })
      : undefined,
    // Unknown point layers still show something.
    image: new CircleStyle({ radius: 3, fill: new Fill({ color: config.stroke ?? config.fill ?? '#777777' }) }),
  });
}

function createAreaLayerStyle(layer: LayerInfo, metresPerUnit: number): StyleLike {
  const config = areaStyleFor(layer.name) ?? FALLBACK_AREA;
  const base = areaStyle(config);
  const labelLimit = AREA_LABEL_MAX_RESOLUTION[layer.name];
  if (!layer.labelField || labelLimit === undefined) return base;
  const label = createSharedLabel({ field: layer.labelField, color: darken(config.stroke ?? '#555555') });
  return (feature, resolution) => {
    if (resolution * metresPerUnit >= labelLimit) return base;
    const labelStyle = label.styleFor(feature);
    return labelStyle ? [base, labelStyle] : base;
  };
}

function createGridStyle(metresPerUnit: number): StyleLike {
  const config = MAP_STYLE.layers.grids;
  const base = areaStyle(config);
  const label = createSharedLabel({ field: 'BGCODE', color: config.labelColor, font: '11px Consolas, "Courier New", monospace' });
  return (feature, resolution) => {
    if (resolution * metresPerUnit >= config.labelMaxResolution) return base;
    const labelStyle = label.styleFor(feature);
    return labelStyle ? [base, labelStyle] : base;
  };
}

function createAddressStyle(layer: LayerInfo, metresPerUnit: number): StyleLike {
  const config = MAP_STYLE.layers.addresses;
  const base = new Style({
    image: new CircleStyle({ radius: config.radius, fill: new Fill({ color: config.fill }), declutterMode: 'none' }),
  });
  const limit = config.labelMaxResolution ?? 0;
  const label = createSharedLabel({ field: layer.labelField ?? 'DOORNUM', color: config.fill, font: '10px sans-serif', offsetY: -8 });
  return (feature, resolution) => {
    if (resolution * metresPerUnit >= limit) return base;
    const labelStyle = label.styleFor(feature);
    return labelStyle ? [base, labelStyle] : base;
  };
}

function createLabelledRoads(layer: LayerInfo, metresPerUnit: number): StyleLike {
  const lines = createRoadStyle(metresPerUnit);
  const label = createSharedLabel({ field: layer.labelField ?? 'ROADNAME', color: '#5b5247', placement: 'line', zIndex: 2 });
  return (feature, resolution) => {
    const styles = lines(feature, resolution) as Style[];
    if (resolution * metresPerUnit >= ROAD_LABEL_MAX_RESOLUTION) return styles;
    const labelStyle = label.styleFor(feature);
    return labelStyle ? [...styles, labelStyle] : styles;
  };
}

/** A darker shade of a #rrggbb colour, for label text that reads on its own fill. */
function darken(color: string): string {
  const match = /^#([0-9a-f]{6})$/i.exec(color);
  if (!match) return color;
  const value = parseInt(match[1], 16);
  const channel = (shift: number) => Math.round(((value >> shift) & 0xff) * 0.6).toString(16).padStart(2, '0');
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}
