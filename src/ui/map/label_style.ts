/**
 * One shared label Style per layer whose text is set per feature just before
 * OpenLayers draws it (the renderer copies the text into its instructions at
 * once, so sharing is safe). This is the OpenLayers idiom for labels without
 * a new Style per feature per frame.
 */
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import type { FeatureLike } from 'ol/Feature.js';

export interface LabelOptions {
  field: string;
  color: string;
  font?: string;
  placement?: 'point' | 'line';
  offsetY?: number;
  zIndex?: number;
}

export interface SharedLabel {
  /** The label style with this feature's text, or null when the feature has none. */
  styleFor(feature: FeatureLike): Style | null;
}

export function createSharedLabel(options: LabelOptions): SharedLabel {
  const textStyle = new Text({
    font: options.font ?? '12px "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif',
    fill: new Fill({ color: options.color }),
    stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
    placement: options.placement ?? 'point',
    offsetY: options.offsetY ?? 0,
    overflow: options.placement === 'line' ? false : true,
  });
  const style = new Style({ text: textStyle, zIndex: options.zIndex ?? 10 });
  return {
    styleFor(feature) {
      const value = feature.get(options.field);
      if (value === null || value === undefined || value === '') return null;
      textStyle.setText(String(value));
      return style;
    },
  };
}
