/**
 * The status bar: pointer position in the workspace CRS and in CGCS2000
 * lon/lat, the map scale and resolution, and whether features are loading.
 */
import type OlMap from 'ol/Map.js';
import type { WorkspaceProjection } from '../map/projection_setup.js';
import { element } from '../util/dom.js';
import { formatLatitude, formatLongitude, formatProjected, formatResolution, formatScale } from '../util/format.js';
import { onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';

/** OGC's standard rendering pixel, 0.28 mm, as WMS and desktop GIS use for scale. */
const METRES_PER_SCREEN_PIXEL = 0.00028;

export interface StatusBar {
  setWorkspace(crsCode: string, projection: WorkspaceProjection | null): void;
  setLoading(pendingRequests: number): void;
}

export function createStatusBar(host: HTMLElement, map: OlMap): StatusBar {
  const coordinates = element('span', { className: 'status-item status-coordinates', testId: 'status-coordinates', text: '—' });
  const lonLat = element('span', { className: 'status-item status-lonlat', testId: 'status-lonlat', text: '' });
  const loading = element('span', { className: 'status-item status-loading', testId: 'status-loading' });
  const scale = element('span', { className: 'status-item status-scale', testId: 'status-scale' });
  const root = element('footer', { className: 'status-bar', testId: 'status-bar' }, [coordinates, lonLat, element('span', { className: 'status-spacer' }), loading, scale]);
  host.append(root);

  let crsCode = '';
  let workspaceProjection: WorkspaceProjection | null = null;
  let pending = 0;

  const showPointer = (coordinate: number[]) => {
    if (!workspaceProjection) return;
    const [x, y] = coordinate;
    const degrees = workspaceProjection.isDegrees;
    coordinates.textContent = `${crsCode}  X ${formatProjected(x, degrees)}  Y ${formatProjected(y, degrees)}`;
    const [lon, lat] = workspaceProjection.toLonLat([x, y]);
    lonLat.textContent = Number.isFinite(lon) && Number.isFinite(lat) ? `${formatLongitude(lon)} ${formatLatitude(lat)}` : '';
  };

  const showScale = () => {
    const resolution = map.getView().getResolution();
    if (!workspaceProjection || resolution === undefined) {
      scale.textContent = '';
      return;
    }
    const metresPerPixel = resolution * workspaceProjection.metresPerUnit;
    scale.textContent = `${text('scale')} ${formatScale(metresPerPixel / METRES_PER_SCREEN_PIXEL)}  ·  ${text('resolution')} ${formatResolution(metresPerPixel)}`;
  };

  const showLoading = () => {
    loading.textContent = pending > 0 ? `${text('loading')}… (${pending})` : '';
  };

  map.on('pointermove', (event) => {
    if (!event.dragging) showPointer(event.coordinate);
  });
  // Listening on the map, not the view, survives the view being replaced.
  map.on('moveend', showScale);
  onLanguageChange(() => {
    showScale();
    showLoading();
  });

  return {
    setWorkspace(code, projection) {
      crsCode = code;
      workspaceProjection = projection;
      coordinates.textContent = projection ? `${code}  X —  Y —` : '—';
      lonLat.textContent = '';
      showScale();
    },
    setLoading(pendingRequests) {
      pending = Math.max(0, pendingRequests);
      showLoading();
    },
  };
}
