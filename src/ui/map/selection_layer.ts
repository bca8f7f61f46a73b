/**
 * The overlay that highlights identified features, above every data layer.
 */
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Style from 'ol/style/Style.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import CircleStyle from 'ol/style/Circle.js';
import type Feature from 'ol/Feature.js';
import type { Geometry as OlGeometry } from 'ol/geom.js';
import type { FeatureDto } from '../../core/api/geo_types.js';
import { toOlFeature } from './feature_conversion.js';

const HIGHLIGHT = '#00b3ff';

const SELECTION_STYLES = [
  // A dark halo first so the highlight reads on both light and dark fills.
  new Style({
    stroke: new Stroke({ color: 'rgba(0,40,80,0.55)', width: 6 }),
    image: new CircleStyle({ radius: 9, stroke: new Stroke({ color: 'rgba(0,40,80,0.55)', width: 5 }) }),
  }),
  // No area fill: a click usually hits nested areas (grid in community in
  // street), and stacked fills would hide the map the user is looking at.
  new Style({
    stroke: new Stroke({ color: HIGHLIGHT, width: 3 }),
    image: new CircleStyle({ radius: 9, stroke: new Stroke({ color: HIGHLIGHT, width: 3 }), fill: new Fill({ color: 'rgba(0,179,255,0.25)' }) }),
  }),
];

export interface SelectionLayer {
  layer: VectorLayer<VectorSource<Feature<OlGeometry>>>;
  show(hits: FeatureDto[]): void;
  clear(): void;
}

export function createSelectionLayer(): SelectionLayer {
  const source = new VectorSource<Feature<OlGeometry>>();
  const layer = new VectorLayer({ source, style: SELECTION_STYLES, zIndex: 10000, properties: { selection: true } });
  return {
    layer,
    show(hits) {
      source.clear();
      // Fids repeat across layers, so the overlay ids carry the layer name.
      source.addFeatures(hits.filter((hit) => hit.geometry).map((hit) => toOlFeature(hit, `${hit.layer}#${hit.id}`)));
    },
    clear: () => source.clear(),
  };
}
