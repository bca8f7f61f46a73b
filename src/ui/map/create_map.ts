/**
 * The OpenLayers map. It is created once, before any workspace is open, so
 * that `window.citygridDebug.map` is stable; opening a workspace replaces the
 * view (a View's projection cannot change) and the layers.
 */
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import { defaults as defaultInteractions } from 'ol/interaction/defaults.js';
import type Projection from 'ol/proj/Projection.js';
import type { Extent } from '../../core/api/geo_types.js';
import { MAP_STYLE } from './style_config.js';

export function createMap(target: HTMLElement): OlMap {
  // The paper colour of the map comes with the style, like the layers.
  target.style.background = MAP_STYLE.background;
  return new OlMap({
    target,
    layers: [],
    controls: defaultControls({ attribution: false, rotate: false }).extend([new ScaleLine({ units: 'metric' })]),
    // Rotation has no use on a city map and confuses grid editing.
    interactions: defaultInteractions({ altShiftDragRotate: false, pinchRotate: false }),
    view: new View({ center: [0, 0], zoom: 2 }),
  });
}

/** Finest zoom: a few centimetres per pixel is more than any survey needs. */
const MIN_RESOLUTION = 0.01;

export function setWorkspaceView(map: OlMap, projection: Projection, extent: Extent | null, metresPerUnit: number): View {
  const span = extent ? Math.max(extent[2] - extent[0], extent[3] - extent[1]) : 100000 / metresPerUnit;
  const view = new View({
    projection,
    center: extent ? [(extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2] : [0, 0],
    resolution: span / 256,
    // Zooming far out of the city only loses the user.
    maxResolution: Math.max(span / 64, 10 / metresPerUnit),
    minResolution: MIN_RESOLUTION / metresPerUnit,
    constrainResolution: false,
  });
  map.setView(view);
  fitToExtent(map, extent);
  return view;
}

export function fitToExtent(map: OlMap, extent: Extent | null, duration = 0): void {
  if (!extent) return;
  const [minX, minY, maxX, maxY] = extent;
  // A point layer's extent can be a point; pad it so fit() has an area.
  const padded: Extent = maxX - minX < 1e-9 || maxY - minY < 1e-9 ? [minX - 50, minY - 50, maxX + 50, maxY + 50] : extent;
  map.getView().fit(padded, { padding: [20, 20, 20, 20], duration });
}
