/**
 * A vector source that asks the services for the features in view (by
 * extent: bbox, or tiles for dense points; see loading_strategy.ts), so
 * that only what is on screen crosses the boundary.
 *
 * A page can be cut at `limit`. OpenLayers would then consider the extent
 * loaded and never ask again, so a cut extent is remembered and forgotten
 * again when the user zooms in: the smaller view is asked for afresh and its
 * features fill the gaps (ids keep them unique in the source).
 */
import VectorSource from 'ol/source/Vector.js';
import { intersects } from 'ol/extent.js';
import type { Extent as OlExtent } from 'ol/extent.js';
import type { Geometry as OlGeometry } from 'ol/geom.js';
import type Feature from 'ol/Feature.js';
import type { ApiClient } from '../../core/api/client.js';
import type { ServiceError } from '../../core/api/errors.js';
import type { Extent } from '../../core/api/geo_types.js';
import { toOlFeature } from './feature_conversion.js';
import type { LayerLoading } from './loading_strategy.js';

export interface FeatureSourceHandlers {
  onError(error: ServiceError): void;
  /** Called when the set of cut extents changes; true while any part is cut. */
  onTruncatedChange(truncated: boolean): void;
}

export interface LayerFeatureSource {
  source: VectorSource<Feature<OlGeometry>>;
  /** To be called after the view settles: re-asks for cut extents once zoomed in. */
  refreshAfterMove(viewExtent: OlExtent, resolution: number): void;
}

interface CutExtent { extent: OlExtent; resolution: number }

export function createFeatureSource(client: ApiClient, layerName: string, loading: LayerLoading, handlers: FeatureSourceHandlers): LayerFeatureSource {
  const cutExtents: CutExtent[] = [];
  const failedExtents: OlExtent[] = [];
  const source: VectorSource<Feature<OlGeometry>> = new VectorSource<Feature<OlGeometry>>({
    strategy: loading.strategy,
    loader: (extent, resolution, _projection, success, failure) => {
      const request = { layer: layerName, extent: [...extent] as Extent, limit: loading.limit };
      void client.getFeatures(request).then((result) => {
        if (!result.ok) {
          handlers.onError(result.error);
          // Retried after the next move, not at once: failure() re-renders the
          // layer, and an extent marked unloaded now would be asked for again
          // in a tight loop while the service keeps failing.
          failedExtents.push([...extent]);
          failure?.();
          return;
        }
        const features = result.value.features.map((dto) => toOlFeature(dto));
        source.addFeatures(features);
        if (result.value.truncated) {
          cutExtents.push({ extent: [...extent], resolution });
          handlers.onTruncatedChange(true);
        }
        success?.(features);
      });
    },
  });

  return {
    source,
    refreshAfterMove(viewExtent, resolution) {
      let forgotten = failedExtents.length > 0;
      for (const failed of failedExtents.splice(0)) source.removeLoadedExtent(failed);
      for (let index = cutExtents.length - 1; index >= 0; index--) {
        const cut = cutExtents[index];
        // Only a real zoom-in helps: the same view would be cut again.
        if (resolution < cut.resolution / 1.5 && intersects(cut.extent, viewExtent)) {
          source.removeLoadedExtent(cut.extent);
          cutExtents.splice(index, 1);
          forgotten = true;
        }
      }
      if (forgotten) {
        handlers.onTruncatedChange(cutExtents.length > 0);
        // Makes the layer render again, which asks the source for the view.
        source.changed();
      }
    },
  };
}
