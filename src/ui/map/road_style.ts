/**
 * Roads drawn as a casing under a white line whose width is the road's WIDTH
 * (metres) at the current resolution, as on a printed city map. Styles are
 * cached by rounded pixel width, so a frame reuses a handful of Style objects.
 * The casing gets a lower zIndex than the line, so that OpenLayers draws all
 * casings before all lines and crossings look joined.
 */
import Style from 'ol/style/Style.js';
import Stroke from 'ol/style/Stroke.js';
import type { StyleFunction } from 'ol/style/Style.js';
import { MAP_STYLE } from './style_config.js';

/** Roads without a usable WIDTH value are drawn as if this wide. */
const DEFAULT_ROAD_WIDTH_METRES = 8;
const MIN_LINE_PIXELS = 1;
const CASING_PIXELS = 1;

export function createRoadStyle(metresPerUnit: number): StyleFunction {
  const config = MAP_STYLE.layers.roads;
  const cache = new Map<number, Style[]>();

  const stylesForWidth = (pixels: number): Style[] => {
    let styles = cache.get(pixels);
    if (!styles) {
      styles = [
        new Style({ stroke: new Stroke({ color: config.casing, width: pixels + 2 * CASING_PIXELS, lineCap: 'round', lineJoin: 'round' }), zIndex: 0 }),
        new Style({ stroke: new Stroke({ color: config.stroke, width: pixels, lineCap: 'round', lineJoin: 'round' }), zIndex: 1 }),
      ];
      cache.set(pixels, styles);
    }
    return styles;
  };

  return (feature, resolution) => {
    const raw = Number(feature.get(config.widthField));
    const widthMetres = Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_ROAD_WIDTH_METRES;
    const metresPerPixel = resolution * metresPerUnit;
    // Half-pixel steps keep the cache small while zooming stays smooth.
    const pixels = Math.max(MIN_LINE_PIXELS, Math.round((widthMetres / metresPerPixel) * 2) / 2);
    return stylesForWidth(pixels);
  };
}
