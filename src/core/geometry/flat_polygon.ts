/**
 * Polygons flattened for the hot loops of the rules: every ring's vertices in
 * one Float64Array (no closing vertex, no repeated vertex), with the bounding
 * box, the planar area and the shape facts that pick a fast path
 * (convex, axis-aligned rectangle) computed once.
 */
import type { Position } from '../api/geo_types.js';

export interface FlatPolygon {
  /** x, y of the vertices of every ring, ring after ring. */
  coordinates: Float64Array;
  /** Vertex index where each ring starts; the last entry is the vertex count. */
  ringStarts: Uint32Array;
  /** 1 for a part's outer ring, 0 for a hole. */
  outer: Uint8Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Planar area in CRS units², holes subtracted. */
  area: number;
  /** One ring without holes, convex (collinear vertices allowed). */
  convex: boolean;
  /** Convex with every edge parallel to an axis: an axis-aligned rectangle. */
  rectangle: boolean;
}

/**
 * Rings gathered vertex by vertex into the flat form, dropping repeated and
 * closing vertices and rings left under three vertices. Both the coordinate
 * arrays (flattenPolygon) and the GeoPackage blob decoder feed it, so the two
 * give the same polygon by construction.
 */
export class RingCollector {
  private readonly values: number[] = [];
  private readonly starts: number[] = [];
  private readonly outer: number[] = [];
  private start = 0;

  beginRing(): void {
    this.start = this.values.length / 2;
  }

  addVertex(x: number, y: number): void {
    const values = this.values;
    if (values.length / 2 > this.start && values[values.length - 2] === x && values[values.length - 1] === y) return;
    values.push(x, y);
  }

  endRing(isOuter: boolean): void {
    const values = this.values, start = this.start;
    let count = values.length / 2 - start;
    if (count > 1 && values[start * 2] === values[values.length - 2] && values[start * 2 + 1] === values[values.length - 1]) {
      values.length -= 2;
      count--;
    }
    if (count < 3) {
      values.length = start * 2;
      return;
    }
    this.starts.push(start);
    this.outer.push(isOuter ? 1 : 0);
  }

  polygon(): FlatPolygon | null {
    return flatPolygonFromRings(this.values, this.starts, this.outer);
  }
}

/** Flattens MultiPolygon coordinates; null when nothing with an area is left. */
export function flattenPolygon(parts: Position[][][]): FlatPolygon | null {
  const rings = new RingCollector();
  for (const part of parts) {
    part.forEach((ring, ringIndex) => {
      rings.beginRing();
      for (const [x, y] of ring) rings.addVertex(x!, y!);
      rings.endRing(ringIndex === 0);
    });
  }
  return rings.polygon();
}

/**
 * The polygon of rings already flattened as flattenPolygon does (no closing
 * or repeated vertex, no ring under three vertices; `starts` and `outer` per
 * ring); shared with readers that decode blobs straight into this form.
 */
export function flatPolygonFromRings(values: ArrayLike<number>, starts: readonly number[], outer: readonly number[]): FlatPolygon | null {
  if (starts.length === 0) return null;
  const coordinates = Float64Array.from(values);
  const ringStarts = Uint32Array.from([...starts, values.length / 2]);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let index = 0; index < coordinates.length; index += 2) {
    const x = coordinates[index]!, y = coordinates[index + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const polygon: FlatPolygon = {
    coordinates, ringStarts, outer: Uint8Array.from(outer), minX, minY, maxX, maxY, area: 0, convex: false, rectangle: false,
  };
  let area = 0;
  for (let ring = 0; ring < starts.length; ring++) {
    const ringArea = Math.abs(ringSignedArea(coordinates, ringStarts[ring]!, ringStarts[ring + 1]!, minX, minY));
    area += polygon.outer[ring] ? ringArea : -ringArea;
  }
  polygon.area = area;
  polygon.convex = starts.length === 1 && isConvexRing(coordinates, 0, ringStarts[1]!);
  polygon.rectangle = polygon.convex && isAxisParallelRing(coordinates, 0, ringStarts[1]!);
  return polygon;
}

/**
 * Shoelace area of vertices [start, end) relative to an origin: products of
 * 40-million-metre Gauss-Krüger coordinates would lose the square metres.
 */
export function ringSignedArea(coordinates: ArrayLike<number>, start: number, end: number, originX: number, originY: number): number {
  let twice = 0;
  let previousX = coordinates[(end - 1) * 2]! - originX;
  let previousY = coordinates[(end - 1) * 2 + 1]! - originY;
  for (let vertex = start; vertex < end; vertex++) {
    const x = coordinates[vertex * 2]! - originX;
    const y = coordinates[vertex * 2 + 1]! - originY;
    twice += previousX * y - x * previousY;
    previousX = x;
    previousY = y;
  }
  return twice / 2;
}

function isConvexRing(coordinates: Float64Array, start: number, end: number): boolean {
  const count = end - start;
  let sign = 0;
  for (let index = 0; index < count; index++) {
    const a = start + index, b = start + (index + 1) % count, c = start + (index + 2) % count;
    const cross = (coordinates[b * 2]! - coordinates[a * 2]!) * (coordinates[c * 2 + 1]! - coordinates[b * 2 + 1]!)
      - (coordinates[b * 2 + 1]! - coordinates[a * 2 + 1]!) * (coordinates[c * 2]! - coordinates[b * 2]!);
    if (cross === 0) continue;
    const turn = cross > 0 ? 1 : -1;
    if (sign === 0) sign = turn;
    else if (turn !== sign) return false;
  }
  return sign !== 0;
}

function isAxisParallelRing(coordinates: Float64Array, start: number, end: number): boolean {
  for (let vertex = start; vertex < end; vertex++) {
    const next = vertex + 1 === end ? start : vertex + 1;
    if (coordinates[vertex * 2] !== coordinates[next * 2] && coordinates[vertex * 2 + 1] !== coordinates[next * 2 + 1]) return false;
  }
  return true;
}

export function boxesOverlapArea(a: FlatPolygon, b: FlatPolygon): number {
  const width = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
  const height = Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The polygon as MultiPolygon coordinates again (closed rings), for turf and for findings. */
export function toMultiPolygon(polygon: FlatPolygon): Position[][][] {
  const parts: Position[][][] = [];
  for (let ring = 0; ring + 1 < polygon.ringStarts.length; ring++) {
    const positions: Position[] = [];
    for (let vertex = polygon.ringStarts[ring]!; vertex < polygon.ringStarts[ring + 1]!; vertex++) {
      positions.push([polygon.coordinates[vertex * 2]!, polygon.coordinates[vertex * 2 + 1]!]);
    }
    positions.push([...positions[0]!]);
    if (polygon.outer[ring] || parts.length === 0) parts.push([positions]);
    else parts[parts.length - 1]!.push(positions);
  }
  return parts;
}
