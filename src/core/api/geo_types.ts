/** Plain geometry and feature shapes shared by every layer of the application. */

/** [minX, minY, maxX, maxY] in the workspace CRS. */
export type Extent = [number, number, number, number];

export type Position = [number, number];

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export type PropertyValue = string | number | null;
export type Properties = Record<string, PropertyValue>;

/** A feature as it crosses the service boundary. */
export interface FeatureDto {
  layer: string;
  /** Feature id in the workspace (GeoPackage fid). */
  id: number;
  geometry: Geometry | null;
  properties: Properties;
}

/** A feature before it has an id: what generators and importers produce. */
export interface FeatureRecord {
  geometry: Geometry;
  properties: Properties;
}

/** Chinese first, English available. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export function extentOfPositions(positions: Iterable<Position>): Extent | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of positions) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

export function extentsIntersect(a: Extent, b: Extent): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
