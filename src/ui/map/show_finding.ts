/**
 * Shows a validation finding on the map: centres the view on its place
 * (fitting the problem's own shape — an overlap, a gap — when it has one),
 * highlights that shape, and fetches the feature it points at to highlight
 * it too and list its attributes in the identify panel.
 */
import type OlMap from 'ol/Map.js';
import type { ApiClient } from '../../core/api/client.js';
import type { ServiceError } from '../../core/api/errors.js';
import type { FeatureDto } from '../../core/api/geo_types.js';
import type { QaFinding } from '../../core/qa/qa_finding.js';
import { toOlFeature } from './feature_conversion.js';
import type { SelectionLayer } from './selection_layer.js';

/** Close enough to see a component among its neighbours (metres per pixel). */
const FINDING_RESOLUTION = 0.25;

export interface ShowFindingDeps {
  selection: SelectionLayer;
  onFeature(feature: FeatureDto): void;
  onError(error: ServiceError): void;
}

export async function showFinding(map: OlMap, client: ApiClient, finding: QaFinding, deps: ShowFindingDeps): Promise<void> {
  if (!Number.isFinite(finding.x) || !Number.isFinite(finding.y)) return;
  const view = map.getView();
  const shape: FeatureDto | null = finding.geometry
    ? { layer: 'qa', id: -1, geometry: finding.geometry, properties: { ruleId: finding.ruleId } }
    : null;
  const extent = shape ? toOlFeature(shape).getGeometry()?.getExtent() : undefined;
  if (extent && extent[2]! - extent[0]! > 1) {
    view.fit(extent, { padding: [60, 60, 60, 60], maxZoom: view.getZoomForResolution(FINDING_RESOLUTION) ?? undefined });
    view.setCenter([finding.x, finding.y]);
  } else {
    view.setCenter([finding.x, finding.y]);
    view.setResolution(Math.min(view.getResolution() ?? FINDING_RESOLUTION, FINDING_RESOLUTION));
  }
  deps.selection.show(shape ? [shape] : []);
  // A tiny box at the finding's place meets the feature: a point is there, a polygon contains it.
  const box: [number, number, number, number] = [finding.x - 0.01, finding.y - 0.01, finding.x + 0.01, finding.y + 0.01];
  const page = await client.getFeatures({ layer: finding.layer, extent: box, limit: 200 });
  if (!page.ok) {
    deps.onError(page.error);
    return;
  }
  const feature = page.value.features.find((candidate) => candidate.id === finding.fid);
  if (!feature) return;
  deps.selection.show(shape ? [shape, feature] : [feature]);
  deps.onFeature(feature);
}
