/**
 * One OpenLayers vector layer per workspace layer, in the fixed drawing
 * order, each with its own extent-loading source (loading_strategy.ts) and
 * its style.
 */
import VectorLayer from 'ol/layer/Vector.js';
import type OlMap from 'ol/Map.js';
import type Feature from 'ol/Feature.js';
import type VectorSource from 'ol/source/Vector.js';
import type { Geometry as OlGeometry } from 'ol/geom.js';
import type { ApiClient } from '../../core/api/client.js';
import type { LayerInfo } from '../../core/api/contract.js';
import type { ServiceError } from '../../core/api/errors.js';
import { createFeatureSource, type LayerFeatureSource } from './feature_source.js';
import { createLayerStyle } from './layer_styles.js';
import { zIndexFor } from './draw_order.js';
import { maxResolutionFor } from './style_config.js';
import { loadingFor } from './loading_strategy.js';
import type { Extent } from '../../core/api/geo_types.js';

export type FeatureLayer = VectorLayer<VectorSource<Feature<OlGeometry>>>;

export interface MapLayerEntry {
  info: LayerInfo;
  layer: FeatureLayer;
  truncated: boolean;
}

export interface WorkspaceLayers {
  entries: MapLayerEntry[];
  byName(name: string): MapLayerEntry | undefined;
  /** Whether the layer is switched on and drawn at this resolution. */
  isShownAt(entry: MapLayerEntry, resolution: number): boolean;
  remove(): void;
}

export interface WorkspaceLayerHandlers {
  onError(error: ServiceError): void;
  /** Something about loading changed (pending requests, cut pages). */
  onLoadingChange(pendingRequests: number): void;
  onTruncatedChange(): void;
}

/** Layers that label features get decluttered so labels do not pile up. */
const DECLUTTERED = new Set(['roads', 'grids', 'addresses', 'streets', 'communities', 'ownership', 'water', 'green']);

export function addWorkspaceLayers(map: OlMap, client: ApiClient, layers: LayerInfo[], workspaceExtent: Extent | null, metresPerUnit: number, handlers: WorkspaceLayerHandlers): WorkspaceLayers {
  let pending = 0;
  const sources: LayerFeatureSource[] = [];
  const entries: MapLayerEntry[] = layers.map((info) => {
    const entry = { info, truncated: false } as MapLayerEntry;
    const featureSource = createFeatureSource(client, info.name, loadingFor(info, workspaceExtent), {
      onError: handlers.onError,
      onTruncatedChange: (truncated) => {
        entry.truncated = truncated;
        handlers.onTruncatedChange();
      },
    });
    sources.push(featureSource);
    const source = featureSource.source;
    source.on('featuresloadstart', () => handlers.onLoadingChange(++pending));
    source.on('featuresloadend', () => handlers.onLoadingChange(--pending));
    source.on('featuresloaderror', () => handlers.onLoadingChange(--pending));
    const maxResolutionMetres = maxResolutionFor(info.name);
    entry.layer = new VectorLayer({
      source,
      style: createLayerStyle(info, metresPerUnit),
      zIndex: zIndexFor(info.name),
      declutter: DECLUTTERED.has(info.name),
      // Given in metres per pixel; the view counts map units. Out of range,
      // a layer is neither drawn nor loaded.
      maxResolution: maxResolutionMetres !== undefined ? maxResolutionMetres / metresPerUnit : undefined,
      properties: { workspaceLayer: info.name },
      // Keep drawing while panning; reloading happens when the view settles.
      updateWhileInteracting: false,
    });
    map.addLayer(entry.layer);
    return entry;
  });

  const onMoveEnd = () => {
    const view = map.getView();
    const resolution = view.getResolution();
    const size = map.getSize();
    if (resolution === undefined || !size) return;
    const extent = view.calculateExtent(size);
    for (const featureSource of sources) featureSource.refreshAfterMove(extent, resolution);
  };
  map.on('moveend', onMoveEnd);

  return {
    entries,
    byName: (name) => entries.find((entry) => entry.info.name === name),
    isShownAt(entry, resolution) {
      const layer = entry.layer;
      return layer.getVisible() && resolution >= layer.getMinResolution() && resolution < layer.getMaxResolution();
    },
    remove() {
      map.un('moveend', onMoveEnd);
      for (const entry of entries) {
        map.removeLayer(entry.layer);
        entry.layer.dispose();
      }
    },
  };
}
