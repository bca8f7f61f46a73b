/**
 * General polygon overlay (intersection, union, difference) through turf,
 * whose polyclip-ts handles any simple polygons with holes. It is slow
 * (~0.3 ms a pair), so rules call it only where the fast paths cannot answer.
 * Coordinates are moved next to the origin first: turf works in plain
 * coordinates (these are planar operations), and small numbers keep its
 * robustness predicates exact.
 */
import { difference } from '@turf/difference';
import { featureCollection, multiPolygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { union } from '@turf/union';
import type { Position } from '../api/geo_types.js';

type Parts = Position[][][];

function shift(parts: Parts, dx: number, dy: number): Parts {
  return parts.map((part) => part.map((ring) => ring.map(([x, y]) => [x! + dx, y! + dy] as Position)));
}

function originOf(parts: Parts): [number, number] {
  const first = parts[0]?.[0]?.[0];
  return first ? [Math.floor(first[0]), Math.floor(first[1])] : [0, 0];
}

function partsOf(geometry: { type: string; coordinates: unknown } | null | undefined): Parts {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates as Position[][]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Parts;
  return [];
}

/** The shared part of two areas, as polygons (empty when they only touch). */
export function intersectionParts(a: Parts, b: Parts): Parts {
  const [ox, oy] = originOf(a);
  const result = intersect(featureCollection([multiPolygon(shift(a, -ox, -oy)), multiPolygon(shift(b, -ox, -oy))]));
  return shift(partsOf(result?.geometry), ox, oy);
}

/** What of `area` none of `covers` covers, as separate polygons. */
export function uncoveredParts(area: Parts, covers: Parts[]): Parts {
  const [ox, oy] = originOf(area);
  const base = multiPolygon(shift(area, -ox, -oy));
  if (covers.length === 0) return area.map((part) => part);
  const coverFeatures = covers.filter((cover) => cover.length > 0).map((cover) => multiPolygon(shift(cover, -ox, -oy)));
  const merged = coverFeatures.length === 1 ? coverFeatures[0]! : union(featureCollection(coverFeatures));
  if (!merged) return area;
  const rest = difference(featureCollection([base, merged]));
  return shift(partsOf(rest?.geometry), ox, oy);
}
