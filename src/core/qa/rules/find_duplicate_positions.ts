/**
 * COMPONENT_DUPLICATE_POSITION: a component of the same class as an earlier
 * one (by fid) within the configured distance — usually the same thing
 * surveyed twice. Points are sorted by the cell (as wide as the distance)
 * they fall in, row by row, so that each point's neighbours lie in three
 * runs of the sorted order that only move forward: one pass over memory in
 * order, where a hash of a million cells thrashes the cache. Trees along a
 * road share an x but not a cell, which a sweep by x alone would not survive.
 */
import type { QaContext } from '../qa_context.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { componentCodeFacts } from './component_code_facts.js';
import { sortByPackedKey } from './sort_by_packed_key.js';

export const findDuplicatePositions: QaRuleFamily = {
  name: 'duplicate positions',
  ruleIds: ['COMPONENT_DUPLICATE_POSITION'],
  needs: ['componentCodes', 'componentPoints'],
  weight: 2,
  run(context) {
    const components = context.input.components;
    const { classOf } = componentCodeFacts(context);
    const distance = context.parameter('COMPONENT_DUPLICATE_POSITION', 'distanceMetres');
    if (components.count === 0 || !(distance > 0)) return;
    const xs = components.xs, ys = components.ys;
    // Typed arrays: cell keys pass 2^31 and would each be a heap number in a plain array.
    const placed = new Int32Array(components.count);
    let count = 0;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let row = 0; row < components.count; row++) {
      const x = xs[row]!, y = ys[row]!;
      if (classOf[row]! < 0 || !(x === x) || !(y === y)) continue;
      placed[count++] = row;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    // Cells are one distance wide; a row of cells has `width` of them (plus a margin for x ± 1).
    const width = Math.floor((maxX - minX) / distance) + 3;
    const rows = placed.subarray(0, count);
    const keys = new Float64Array(count);
    for (let index = 0; index < count; index++) {
      const row = rows[index]!;
      keys[index] = (Math.floor((ys[row]! - minY) / distance) + 1) * width + Math.floor((xs[row]! - minX) / distance) + 1;
    }
    const order = sortByPackedKey(keys);
    // The points in sorted order, side by side, so the neighbour runs read memory in order.
    const sortedKey = new Float64Array(count), sortedX = new Float64Array(count), sortedY = new Float64Array(count);
    const sortedRow = new Int32Array(count), sortedClass = new Int32Array(count);
    for (let index = 0; index < count; index++) {
      const at = order[index]!, row = rows[at]!;
      sortedKey[index] = keys[at]!;
      sortedX[index] = xs[row]!;
      sortedY[index] = ys[row]!;
      sortedRow[index] = row;
      sortedClass[index] = classOf[row]!;
    }
    const limit = distance * distance;
    const pointers = [0, 0, 0];
    for (let index = 0; index < count; index++) {
      const key = sortedKey[index]!, row = sortedRow[index]!, rowClass = sortedClass[index]!;
      const px = sortedX[index]!, py = sortedY[index]!;
      let nearest = -1, nearestSquared = Infinity;
      for (let band = 0; band < 3; band++) {
        const low = key + (band - 1) * width - 1, high = low + 2;
        let pointer = pointers[band]!;
        while (pointer < count && sortedKey[pointer]! < low) pointer++;
        pointers[band] = pointer;
        for (let other = pointer; other < count && sortedKey[other]! <= high; other++) {
          if (sortedRow[other]! >= row || sortedClass[other] !== rowClass) continue;
          const dx = px - sortedX[other]!, dy = py - sortedY[other]!;
          const squared = dx * dx + dy * dy;
          if (squared <= limit && (squared < nearestSquared || (squared === nearestSquared && sortedRow[other]! < sortedRow[nearest]!))) {
            nearest = other;
            nearestSquared = squared;
          }
        }
      }
      if (nearest >= 0) report(context, row, sortedRow[nearest]!, Math.sqrt(nearestSquared));
    }
  },
};

function report(context: QaContext, row: number, other: number, gap: number): void {
  const components = context.input.components;
  context.report('COMPONENT_DUPLICATE_POSITION', {
    layer: 'components', fid: components.fids[row]!, code: components.codes.at(row), x: components.xs[row]!, y: components.ys[row]!,
    values: { otherCode: components.codes.at(other), otherFid: String(components.fids[other]!), distance: gap },
    details: { otherCode: components.codes.at(other), otherFid: components.fids[other]!, distance: Math.round(gap * 1000) / 1000 },
  });
}
