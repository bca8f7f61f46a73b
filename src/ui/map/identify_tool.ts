/**
 * Click-to-identify: asks the services for features under the click in the
 * visible data layers, top-most first, and hands the hits on. A slow answer
 * to an earlier click never replaces the answer to a later one.
 */
import type OlMap from 'ol/Map.js';
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import type { ApiClient } from '../../core/api/client.js';
import type { FeatureDto } from '../../core/api/geo_types.js';
import type { ServiceError } from '../../core/api/errors.js';
import type { WorkspaceLayers } from './workspace_layers.js';
import { topMostFirst } from './draw_order.js';

/** Click tolerance in pixels; turned into map units with the current resolution. */
const TOLERANCE_PIXELS = 6;

export interface IdentifyHandlers {
  /** A request went out; the panel can say so. */
  onStart(): void;
  onHits(hits: FeatureDto[]): void;
  onError(error: ServiceError): void;
}

export function installIdentifyTool(map: OlMap, client: ApiClient, getLayers: () => WorkspaceLayers | null, handlers: IdentifyHandlers): () => void {
  let requestNumber = 0;
  const onClick = (event: MapBrowserEvent) => {
    const layers = getLayers();
    const resolution = map.getView().getResolution();
    if (!layers || resolution === undefined) return;
    // What the user sees is what they can pick: switched-off layers and
    // layers outside their scale range are left out, as in desktop GIS.
    const visible = layers.entries
      .filter((entry) => entry.info.role === 'data' && layers.isShownAt(entry, resolution))
      .map((entry) => entry.info.name);
    const [x, y] = event.coordinate;
    const thisRequest = ++requestNumber;
    if (visible.length === 0) {
      // An empty list is not sent: the services read a missing list as "all layers".
      handlers.onHits([]);
      return;
    }
    handlers.onStart();
    void client.identify({ x, y, tolerance: TOLERANCE_PIXELS * resolution, layers: topMostFirst(visible) }).then((result) => {
      if (thisRequest !== requestNumber) return;
      if (result.ok) handlers.onHits(result.value.hits);
      else handlers.onError(result.error);
    });
  };
  map.on('singleclick', onClick);
  return () => map.un('singleclick', onClick);
}
