/**
 * Point-in-polygon by crossing number over every ring (holes and parts
 * included), and the distance to the boundary for points that fall just
 * outside a shared edge by rounding.
 */
import type { FlatPolygon } from './flat_polygon.js';

export function pointInPolygon(polygon: FlatPolygon, x: number, y: number): boolean {
  if (x < polygon.minX || x > polygon.maxX || y < polygon.minY || y > polygon.maxY) return false;
  // The crossing number of an axis-aligned rectangle, exactly (its vertical edges cross at their
  // own x): west and south edges in, east and north edges out. Most unit grids are rectangles.
  if (polygon.rectangle) return x < polygon.maxX && y < polygon.maxY;
  const coordinates = polygon.coordinates;
  let inside = false;
  for (let ring = 0; ring + 1 < polygon.ringStarts.length; ring++) {
    const start = polygon.ringStarts[ring]!, end = polygon.ringStarts[ring + 1]!;
    let previous = end - 1;
    for (let vertex = start; vertex < end; vertex++) {
      const xi = coordinates[vertex * 2]!, yi = coordinates[vertex * 2 + 1]!;
      const xj = coordinates[previous * 2]!, yj = coordinates[previous * 2 + 1]!;
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
      previous = vertex;
    }
  }
  return inside;
}

export function distanceToBoundary(polygon: FlatPolygon, x: number, y: number): number {
  const coordinates = polygon.coordinates;
  let best = Infinity;
  for (let ring = 0; ring + 1 < polygon.ringStarts.length; ring++) {
    const start = polygon.ringStarts[ring]!, end = polygon.ringStarts[ring + 1]!;
    let previous = end - 1;
    for (let vertex = start; vertex < end; vertex++) {
      const distance = distanceToSegment(x, y, coordinates[previous * 2]!, coordinates[previous * 2 + 1]!, coordinates[vertex * 2]!, coordinates[vertex * 2 + 1]!);
      if (distance < best) best = distance;
      previous = vertex;
    }
  }
  return best;
}

function distanceToSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared === 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / lengthSquared;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Inside, or within `tolerance` of the boundary (a point on a shared edge belongs to both sides). */
export function pointInOrNearPolygon(polygon: FlatPolygon, x: number, y: number, tolerance: number): boolean {
  if (x < polygon.minX - tolerance || x > polygon.maxX + tolerance || y < polygon.minY - tolerance || y > polygon.maxY + tolerance) return false;
  return pointInPolygon(polygon, x, y) || distanceToBoundary(polygon, x, y) <= tolerance;
}

/**
 * A point inside the polygon to mark it by: the box centre when it is
 * inside, otherwise the middle of the widest inside stretch of a horizontal
 * line through the box's middle.
 */
export function labelPoint(polygon: FlatPolygon): [number, number] {
  const centreX = (polygon.minX + polygon.maxX) / 2;
  const centreY = (polygon.minY + polygon.maxY) / 2;
  if (pointInPolygon(polygon, centreX, centreY)) return [centreX, centreY];
  for (const fraction of [0.5, 0.37, 0.63, 0.21, 0.79]) {
    const y = polygon.minY + (polygon.maxY - polygon.minY) * fraction;
    const crossings: number[] = [];
    const coordinates = polygon.coordinates;
    for (let ring = 0; ring + 1 < polygon.ringStarts.length; ring++) {
      const start = polygon.ringStarts[ring]!, end = polygon.ringStarts[ring + 1]!;
      let previous = end - 1;
      for (let vertex = start; vertex < end; vertex++) {
        const xi = coordinates[vertex * 2]!, yi = coordinates[vertex * 2 + 1]!;
        const xj = coordinates[previous * 2]!, yj = coordinates[previous * 2 + 1]!;
        if ((yi > y) !== (yj > y)) crossings.push((xj - xi) * (y - yi) / (yj - yi) + xi);
        previous = vertex;
      }
    }
    crossings.sort((a, b) => a - b);
    let bestWidth = 0, bestX = NaN;
    for (let index = 0; index + 1 < crossings.length; index += 2) {
      const width = crossings[index + 1]! - crossings[index]!;
      if (width > bestWidth) { bestWidth = width; bestX = (crossings[index]! + crossings[index + 1]!) / 2; }
    }
    if (bestWidth > 0) return [bestX, y];
  }
  return [polygon.coordinates[0]!, polygon.coordinates[1]!];
}
