/**
 * How each layer is fetched. Areas and lines come by view extent (bbox) with
 * a page big enough for a whole city's unit grids (tens of thousands), so the
 * overview is never a half-drawn mesh. Dense point layers (components,
 * addresses: up to about a million) come in screen-sized tiles with smaller
 * pages: a cut page then leaves a gap in one tile instead of a whole region
 * cut along fid order, and zooming in refines tile by tile.
 */
import { bbox as bboxStrategy, tile as tileStrategy } from 'ol/loadingstrategy.js';
import { createXYZ } from 'ol/tilegrid.js';
import { intersects } from 'ol/extent.js';
import type { Extent as OlExtent } from 'ol/extent.js';
import type Projection from 'ol/proj/Projection.js';
import type { LayerInfo } from '../../core/api/contract.js';
import type { Extent } from '../../core/api/geo_types.js';

export type LoadingStrategy = (extent: OlExtent, resolution: number, projection: Projection) => OlExtent[];

export interface LayerLoading {
  strategy: LoadingStrategy;
  /** `limit` sent with each getFeatures request. */
  limit: number;
}

const AREA_PAGE_LIMIT = 50000;
const POINT_TILE_LIMIT = 10000;
const POINT_TILE_PIXELS = 256;

export function loadingFor(layer: LayerInfo, workspaceExtent: Extent | null): LayerLoading {
  const isPoint = layer.geometryKind === 'Point' || layer.geometryKind === 'MultiPoint';
  const dataExtent = layer.extent ?? workspaceExtent;
  if (!isPoint || !dataExtent) return { strategy: bboxStrategy, limit: AREA_PAGE_LIMIT };
  const tileGrid = createXYZ({ extent: [...dataExtent], tileSize: POINT_TILE_PIXELS, maxZoom: 24 });
  const tiles = tileStrategy(tileGrid);
  return {
    // Tiles outside the data would only be empty round trips.
    strategy: (extent, resolution, projection) => tiles(extent, resolution, projection).filter((tile) => intersects(tile, dataExtent)),
    limit: POINT_TILE_LIMIT,
  };
}
