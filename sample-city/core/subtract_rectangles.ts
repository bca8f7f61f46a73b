/**
 * A rectangle minus some rectangles inside it, as polygons with holes. The
 * removed rectangles must not touch one another (in the sample they are
 * always a road apart), so the boundary has no pinch points and traces into
 * simple rings: a removed rectangle inside becomes a hole, one touching the
 * edge a notch, one spanning the rectangle splits it into two polygons.
 */
import type { Position } from '../../src/core/api/geo_types.js';
import { pointInRing, removeCollinearVertices, roundedPosition, signedRingArea } from './planar_geometry.js';

export interface Rectangle {
  west: number;
  south: number;
  east: number;
  north: number;
}

function breaks(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Polygons as ring lists: exterior counter-clockwise first, then clockwise holes. */
export function subtractRectangles(outer: Rectangle, removed: readonly Rectangle[]): Position[][][] {
  if (outer.east <= outer.west || outer.north <= outer.south) return [];
  const inside = removed
    .map((rectangle) => ({
      west: Math.max(outer.west, rectangle.west), south: Math.max(outer.south, rectangle.south),
      east: Math.min(outer.east, rectangle.east), north: Math.min(outer.north, rectangle.north),
    }))
    .filter((rectangle) => rectangle.east > rectangle.west && rectangle.north > rectangle.south);
  const xs = breaks([outer.west, outer.east, ...inside.flatMap((rectangle) => [rectangle.west, rectangle.east])]);
  const ys = breaks([outer.south, outer.north, ...inside.flatMap((rectangle) => [rectangle.south, rectangle.north])]);
  const columns = xs.length - 1;
  const rows = ys.length - 1;
  const kept = (column: number, row: number): boolean => {
    if (column < 0 || row < 0 || column >= columns || row >= rows) return false;
    const x = (xs[column] + xs[column + 1]) / 2;
    const y = (ys[row] + ys[row + 1]) / 2;
    return !inside.some((rectangle) => x > rectangle.west && x < rectangle.east && y > rectangle.south && y < rectangle.north);
  };
  // Directed boundary edges with the kept area on their left, keyed by start vertex.
  const edgeFrom = new Map<string, Position>();
  const key = (x: number, y: number): string => `${x},${y}`;
  const addEdge = (x1: number, y1: number, x2: number, y2: number): void => {
    if (edgeFrom.has(key(x1, y1))) throw new Error('removed rectangles touch: the remaining area has a pinch point');
    edgeFrom.set(key(x1, y1), [x2, y2]);
  };
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (!kept(column, row)) continue;
      const [west, east, south, north] = [xs[column], xs[column + 1], ys[row], ys[row + 1]];
      if (!kept(column, row - 1)) addEdge(west, south, east, south);
      if (!kept(column + 1, row)) addEdge(east, south, east, north);
      if (!kept(column, row + 1)) addEdge(east, north, west, north);
      if (!kept(column - 1, row)) addEdge(west, north, west, south);
    }
  }
  const shells: Position[][] = [];
  const holes: Position[][] = [];
  const starts = [...edgeFrom.keys()];
  const visited = new Set<string>();
  for (const start of starts) {
    if (visited.has(start)) continue;
    const ring: Position[] = [];
    let current = start;
    while (!visited.has(current)) {
      visited.add(current);
      const [x, y] = current.split(',').map(Number);
      ring.push(roundedPosition(x, y));
      const [nextX, nextY] = edgeFrom.get(current)!;
      current = key(nextX, nextY);
    }
    ring.push(ring[0]);
    const simplified = removeCollinearVertices(ring);
    (signedRingArea(simplified.map(([x, y]): Position => [x - outer.west, y - outer.south])) > 0 ? shells : holes).push(simplified);
  }
  return shells.map((shell) => [shell, ...holes.filter((hole) => pointInRing(hole[0][0], hole[0][1], shell))]);
}
