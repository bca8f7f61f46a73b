/**
 * Area of a polygon's part inside a convex polygon, by Sutherland–Hodgman
 * clipping of each ring. Clipping a non-convex ring can leave zero-width
 * connecting edges, which add nothing to the area, so the area is exact for
 * any subject; holes subtract their own clipped area. Unit grids are
 * rectangles or convex in practice, so this answers most overlap and
 * containment questions without the general (and ~300× slower) overlay.
 */
import { ringSignedArea, type FlatPolygon } from './flat_polygon.js';

/** Scratch buffers reused between calls: the rules clip tens of thousands of pairs. */
let bufferA = new Float64Array(256);
let bufferB = new Float64Array(256);

function ensureCapacity(size: number): void {
  if (bufferA.length >= size) return;
  let capacity = bufferA.length;
  while (capacity < size) capacity *= 2;
  bufferA = new Float64Array(capacity);
  bufferB = new Float64Array(capacity);
}

export function areaInsideConvex(subject: FlatPolygon, convex: FlatPolygon): number {
  if (!convex.convex) throw new Error('areaInsideConvex: the clip polygon must be convex');
  // Local coordinates: the cross products below lose precision at Gauss-Krüger magnitudes.
  const originX = convex.minX, originY = convex.minY;
  const clipCount = convex.ringStarts[1]!;
  const clip = convex.coordinates;
  const orientation = ringSignedArea(clip, 0, clipCount, originX, originY) > 0 ? 1 : -1;
  let total = 0;
  for (let ring = 0; ring + 1 < subject.ringStarts.length; ring++) {
    const start = subject.ringStarts[ring]!, end = subject.ringStarts[ring + 1]!;
    // Each clip edge can add at most one vertex per subject edge.
    ensureCapacity((end - start) * 2 * (clipCount + 2) + 8);
    let input = bufferA, output = bufferB;
    let count = 0;
    for (let vertex = start; vertex < end; vertex++) {
      input[count * 2] = subject.coordinates[vertex * 2]! - originX;
      input[count * 2 + 1] = subject.coordinates[vertex * 2 + 1]! - originY;
      count++;
    }
    for (let edge = 0; edge < clipCount && count > 0; edge++) {
      const next = (edge + 1) % clipCount;
      const ax = clip[edge * 2]! - originX, ay = clip[edge * 2 + 1]! - originY;
      const bx = clip[next * 2]! - originX, by = clip[next * 2 + 1]! - originY;
      const ex = bx - ax, ey = by - ay;
      let written = 0;
      let previousX = input[(count - 1) * 2]!, previousY = input[(count - 1) * 2 + 1]!;
      let previousSide = orientation * (ex * (previousY - ay) - ey * (previousX - ax));
      for (let index = 0; index < count; index++) {
        const x = input[index * 2]!, y = input[index * 2 + 1]!;
        const side = orientation * (ex * (y - ay) - ey * (x - ax));
        if (side >= 0) {
          if (previousSide < 0) {
            const t = previousSide / (previousSide - side);
            output[written * 2] = previousX + t * (x - previousX);
            output[written * 2 + 1] = previousY + t * (y - previousY);
            written++;
          }
          output[written * 2] = x;
          output[written * 2 + 1] = y;
          written++;
        } else if (previousSide >= 0) {
          const t = previousSide / (previousSide - side);
          output[written * 2] = previousX + t * (x - previousX);
          output[written * 2 + 1] = previousY + t * (y - previousY);
          written++;
        }
        previousX = x;
        previousY = y;
        previousSide = side;
      }
      const swap = input;
      input = output;
      output = swap;
      count = written;
    }
    if (count < 3) continue;
    const area = Math.abs(ringSignedArea(input, 0, count, 0, 0));
    total += subject.outer[ring] ? area : -area;
  }
  return Math.max(0, total);
}
