/**
 * The few planar helpers the sample city needs. Coordinates are projected
 * metres (EPSG:4527), so plain Euclidean arithmetic is right.
 */
import type { Position } from '../../src/core/api/geo_types.js';

/** Output precision: 1 mm, as a surveyed base map would store. */
export function roundMetres(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function roundedPosition(x: number, y: number): Position {
  return [roundMetres(x), roundMetres(y)];
}

/** Shoelace area; positive for a counter-clockwise ring. */
export function signedRingArea(ring: readonly Position[]): number {
  let twiceArea = 0;
  for (let index = 0; index + 1 < ring.length; index++) {
    const [x1, y1] = ring[index];
    const [x2, y2] = ring[index + 1];
    twiceArea += x1 * y2 - x2 * y1;
  }
  return twiceArea / 2;
}

/**
 * Area of a polygon (exterior minus holes). Coordinates are shifted to the
 * first vertex first: at false eastings of 39 500 000 m the raw cross
 * products would lose the centimetres.
 */
export function polygonArea(rings: readonly (readonly Position[])[]): number {
  if (rings.length === 0 || rings[0].length === 0) return 0;
  const [originX, originY] = rings[0][0];
  let area = 0;
  rings.forEach((ring, ringIndex) => {
    const local = ring.map(([x, y]): Position => [x - originX, y - originY]);
    const ringArea = Math.abs(signedRingArea(local));
    area += ringIndex === 0 ? ringArea : -ringArea;
  });
  return area;
}

/** Closed counter-clockwise ring of an axis-aligned rectangle. */
export function rectangleRing(west: number, south: number, east: number, north: number): Position[] {
  return [
    roundedPosition(west, south),
    roundedPosition(east, south),
    roundedPosition(east, north),
    roundedPosition(west, north),
    roundedPosition(west, south),
  ];
}

/** Index of the first element greater than `value` in an ascending array. */
export function upperBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Ray-casting point-in-ring test (boundary points may go either way). */
export function pointInRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const [xi, yi] = ring[index];
    const [xj, yj] = ring[previous];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Drops vertices that lie on the straight line through their neighbours (closed ring in, closed ring out). */
export function removeCollinearVertices(ring: readonly Position[]): Position[] {
  const open = ring.slice(0, -1);
  const kept: Position[] = [];
  for (let index = 0; index < open.length; index++) {
    const previous = open[(index + open.length - 1) % open.length];
    const current = open[index];
    const next = open[(index + 1) % open.length];
    const cross = (current[0] - previous[0]) * (next[1] - current[1]) - (current[1] - previous[1]) * (next[0] - current[0]);
    if (cross !== 0) kept.push(current);
  }
  kept.push(kept[0]);
  return kept;
}
