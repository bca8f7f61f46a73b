/**
 * Components (city furniture: manholes, lamp posts, bins, …) drawn as small
 * circles coloured by major class. There can be close to a million of them,
 * so a feature's style is worked out once and remembered: one Style per
 * colour, shared, and a WeakMap from feature to style so that panning does
 * not re-parse codes.
 */
import Style from 'ol/style/Style.js';
import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { StyleFunction } from 'ol/style/Style.js';
import { MAP_STYLE } from './style_config.js';
import { classifyComponentCode, majorColor } from './component_classes.js';

const CODE_FIELD = 'OBJCODE';

/** Layout ids seen while styling, so the legend can name the major classes of this workspace's codes. */
export const seenComponentLayouts = new Set<string>();

export function createComponentStyle(): StyleFunction {
  const config = MAP_STYLE.layers.components;
  const stylesByColor = new Map<string, Style>();
  const styleByFeature = new WeakMap<FeatureLike, Style>();

  const styleForColor = (color: string): Style => {
    let style = stylesByColor.get(color);
    if (!style) {
      style = new Style({
        image: new CircleStyle({
          radius: config.radius,
          fill: new Fill({ color }),
          stroke: new Stroke({ color: '#ffffff', width: 1 }),
        }),
      });
      stylesByColor.set(color, style);
    }
    return style;
  };

  return (feature) => {
    let style = styleByFeature.get(feature);
    if (!style) {
      const code = feature.get(CODE_FIELD);
      const info = typeof code === 'string' ? classifyComponentCode(code) : undefined;
      if (info) seenComponentLayouts.add(info.layoutId);
      const color = info ? majorColor(info.layoutId, info.major) : config.fallbackColor;
      style = styleForColor(color);
      styleByFeature.set(feature, style);
    }
    return style;
  };
}
