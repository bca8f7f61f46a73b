/**
 * The previewed source drawn on the map as a temporary layer, reprojected
 * from the source's CRS (as the services identified it, or as the user
 * entered it) into the workspace CRS; removed when the dialog closes or
 * another file is picked. A CRS the renderer cannot define draws nothing
 * rather than something in the wrong place.
 */
import proj4 from 'proj4';
import type OlMap from 'ol/Map.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { register } from 'ol/proj/proj4.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';
import { buildCrsRegistry, type CrsRegistryData } from '../../core/crs/crs_registry.js';
import registryData from '../../../schemas/crs-registry.json';

const registry = buildCrsRegistry(registryData as unknown as CrsRegistryData);
const stroke = new Stroke({ color: '#d9480f', width: 2 });
const style = new Style({ stroke, fill: new Fill({ color: 'rgba(217,72,15,.15)' }), image: new Circle({ radius: 4, stroke, fill: new Fill({ color: '#ffd8a8' }) }) });

export interface PreviewLayer {
  /** Draws the geometries; returns how many were drawn (0 when the CRS is unknown here). */
  show(geometries: Array<{ type: string; coordinates: unknown } | null>, sourceCrs: string | null): number;
  clear(): void;
}

/** `coveredRight`: pixels on the map's right that a docked panel hides, kept clear when the view fits the preview. */
export function createPreviewLayer(map: OlMap, coveredRight: () => number): PreviewLayer {
  const source = new VectorSource();
  const layer = new VectorLayer({ source, style, zIndex: 900 });
  layer.set('preview', true);
  map.addLayer(layer);
  return {
    show(geometries, sourceCrs) {
      source.clear();
      const definition = sourceCrs ? registry.get(sourceCrs.toUpperCase()) : undefined;
      if (!definition) return 0;
      if (!proj4.defs(definition.code)) {
        proj4.defs(definition.code, definition.proj4);
        register(proj4 as unknown as Parameters<typeof register>[0]);
      }
      const collection = { type: 'FeatureCollection', features: geometries.filter((geometry) => geometry !== null).map((geometry) => ({ type: 'Feature', geometry, properties: {} })) };
      const features = new GeoJSON().readFeatures(collection, { dataProjection: definition.code, featureProjection: map.getView().getProjection() });
      source.addFeatures(features);
      const extent = source.getExtent();
      if (features.length > 0 && extent && Number.isFinite(extent[0])) map.getView().fit(extent, { padding: [60, coveredRight() + 60, 60, 60], maxZoom: map.getView().getZoomForResolution(0.5) ?? undefined, duration: 0 });
      return features.length;
    },
    clear: () => source.clear(),
  };
}
