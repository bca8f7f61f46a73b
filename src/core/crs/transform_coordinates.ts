/**
 * Point transformation between registry systems with proj4 (pure JS, so the
 * renderer and the CLI compute the same numbers). Axis order is always
 * easting/longitude first. GCJ-02 is reachable only as a display datum.
 */
import proj4 from 'proj4';
import type { CrsDefinition } from './crs_registry.js';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02.js';

export const GCJ02 = 'GCJ-02';

export function transformPoint(registry: Map<string, CrsDefinition>, from: string, to: string, point: [number, number]): [number, number] {
  if (from === GCJ02) return transformPoint(registry, 'EPSG:4326', to, gcj02ToWgs84(point[0], point[1]));
  if (to === GCJ02) {
    const [longitude, latitude] = transformPoint(registry, from, 'EPSG:4326', point);
    return wgs84ToGcj02(longitude, latitude);
  }
  const source = registry.get(from);
  const target = registry.get(to);
  if (!source) throw new Error(`unknown coordinate system ${from}`);
  if (!target) throw new Error(`unknown coordinate system ${to}`);
  const result = proj4(source.proj4, target.proj4, [point[0], point[1]]);
  return [result[0]!, result[1]!];
}
