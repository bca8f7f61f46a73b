/**
 * Which grid a point lies in: the first whose polygon contains it; failing
 * that, one whose boundary is within the tolerance (a point on a shared edge
 * may fall either way by rounding). -1 when none.
 */
import { pointInOrNearPolygon, pointInPolygon } from '../geometry/point_in_polygon.js';
import type { QaContext } from '../qa_context.js';
import { gridIndex, gridPolygons } from '../qa_derived.js';

export function gridLocator(context: QaContext): (x: number, y: number, tolerance: number) => number {
  const polygons = gridPolygons(context);
  const index = gridIndex(context);
  return (x, y, tolerance) => {
    let found = -1;
    index.forEachAtPoint(x, y, 0, (grid) => {
      if (pointInPolygon(polygons[grid]!, x, y)) { found = grid; return true; }
      return false;
    });
    if (found >= 0 || tolerance <= 0) return found;
    index.forEachAtPoint(x, y, tolerance, (grid) => {
      if (pointInOrNearPolygon(polygons[grid]!, x, y, tolerance)) { found = grid; return true; }
      return false;
    });
    return found;
  };
}
