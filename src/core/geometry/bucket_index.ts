/**
 * A uniform bucket grid over bounding boxes: each item is listed in every
 * cell its box touches (compressed rows, no per-cell arrays). For tessellations
 * like unit grids, whose items have similar sizes, it answers point queries
 * and candidate pairs in a few array reads, which is all the rules need.
 */
export interface BoxSource {
  count: number;
  minX(item: number): number;
  minY(item: number): number;
  maxX(item: number): number;
  maxY(item: number): number;
}

export class BucketIndex {
  private readonly originX: number;
  private readonly originY: number;
  private readonly cellSize: number;
  private readonly columns: number;
  private readonly rows: number;
  private readonly cellStarts: Uint32Array;
  private readonly items: Uint32Array;
  private readonly boxes: Float64Array;
  /** Query stamps, so that an item listed in several cells is returned once. */
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(source: BoxSource, cellsPerItem = 1) {
    const count = source.count;
    this.boxes = new Float64Array(count * 4);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, sizeSum = 0, valid = 0;
    for (let item = 0; item < count; item++) {
      const box = [source.minX(item), source.minY(item), source.maxX(item), source.maxY(item)];
      this.boxes.set(box, item * 4);
      if (!(box[0]! <= box[2]!) || !(box[1]! <= box[3]!)) continue;
      valid++;
      minX = Math.min(minX, box[0]!); minY = Math.min(minY, box[1]!);
      maxX = Math.max(maxX, box[2]!); maxY = Math.max(maxY, box[3]!);
      sizeSum += Math.max(box[2]! - box[0]!, box[3]! - box[1]!);
    }
    if (valid === 0) { minX = minY = 0; maxX = maxY = 1; }
    const width = Math.max(maxX - minX, 1e-9), height = Math.max(maxY - minY, 1e-9);
    // Cells about an item's size; never so many that the table outgrows the items.
    let cellSize = valid > 0 ? sizeSum / valid / Math.sqrt(cellsPerItem) : 1;
    const minimumCell = Math.sqrt((width * height) / Math.max(64, valid * 4));
    cellSize = Math.max(cellSize, minimumCell, 1e-6);
    this.originX = minX;
    this.originY = minY;
    this.cellSize = cellSize;
    this.columns = Math.max(1, Math.ceil(width / cellSize) + 1);
    this.rows = Math.max(1, Math.ceil(height / cellSize) + 1);
    const cellCount = this.columns * this.rows;
    const counts = new Uint32Array(cellCount + 1);
    this.forEachCell(count, (_item, cell) => { counts[cell + 1]!++; });
    for (let cell = 0; cell < cellCount; cell++) counts[cell + 1]! += counts[cell]!;
    this.cellStarts = counts;
    this.items = new Uint32Array(counts[cellCount]!);
    const fill = counts.slice(0, cellCount);
    this.forEachCell(count, (item, cell) => { this.items[fill[cell]!++] = item; });
    this.seen = new Uint32Array(count);
  }

  private forEachCell(count: number, visit: (item: number, cell: number) => void): void {
    for (let item = 0; item < count; item++) {
      const minX = this.boxes[item * 4]!, minY = this.boxes[item * 4 + 1]!, maxX = this.boxes[item * 4 + 2]!, maxY = this.boxes[item * 4 + 3]!;
      if (!(minX <= maxX) || !(minY <= maxY)) continue;
      const column0 = this.column(minX), column1 = this.column(maxX), row0 = this.row(minY), row1 = this.row(maxY);
      for (let row = row0; row <= row1; row++) {
        for (let column = column0; column <= column1; column++) visit(item, row * this.columns + column);
      }
    }
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.originX) / this.cellSize)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.originY) / this.cellSize)));
  }

  /** Items whose box contains the point (grown by `margin`); the caller tests the exact shape. */
  forEachAtPoint(x: number, y: number, margin: number, visit: (item: number) => boolean | void): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const column0 = this.column(x - margin), column1 = this.column(x + margin);
    const row0 = this.row(y - margin), row1 = this.row(y + margin);
    const single = column0 === column1 && row0 === row1;
    if (!single) this.stamp++;
    for (let row = row0; row <= row1; row++) {
      for (let column = column0; column <= column1; column++) {
        const cell = row * this.columns + column;
        for (let index = this.cellStarts[cell]!; index < this.cellStarts[cell + 1]!; index++) {
          const item = this.items[index]!;
          if (!single) {
            if (this.seen[item] === this.stamp) continue;
            this.seen[item] = this.stamp;
          }
          const box = item * 4;
          if (x < this.boxes[box]! - margin || x > this.boxes[box + 2]! + margin || y < this.boxes[box + 1]! - margin || y > this.boxes[box + 3]! + margin) continue;
          if (visit(item) === true) return;
        }
      }
    }
  }

  /** Items whose box overlaps the given box. */
  itemsInBox(minX: number, minY: number, maxX: number, maxY: number): number[] {
    const found: number[] = [];
    this.stamp++;
    for (let row = this.row(minY); row <= this.row(maxY); row++) {
      for (let column = this.column(minX); column <= this.column(maxX); column++) {
        const cell = row * this.columns + column;
        for (let index = this.cellStarts[cell]!; index < this.cellStarts[cell + 1]!; index++) {
          const item = this.items[index]!;
          if (this.seen[item] === this.stamp) continue;
          this.seen[item] = this.stamp;
          const box = item * 4;
          if (this.boxes[box]! <= maxX && this.boxes[box + 2]! >= minX && this.boxes[box + 1]! <= maxY && this.boxes[box + 3]! >= minY) found.push(item);
        }
      }
    }
    return found;
  }

  /**
   * Every pair of items whose boxes overlap with a positive area, once: a
   * pair is visited in the cell that holds the lower-left corner of the two
   * boxes' overlap.
   */
  forEachOverlappingPair(visit: (a: number, b: number, overlapArea: number) => void): void {
    const boxes = this.boxes;
    for (let cell = 0; cell + 1 < this.cellStarts.length; cell++) {
      const start = this.cellStarts[cell]!, end = this.cellStarts[cell + 1]!;
      for (let first = start; first < end; first++) {
        const a = this.items[first]!;
        for (let second = first + 1; second < end; second++) {
          const b = this.items[second]!;
          const left = Math.max(boxes[a * 4]!, boxes[b * 4]!), bottom = Math.max(boxes[a * 4 + 1]!, boxes[b * 4 + 1]!);
          const width = Math.min(boxes[a * 4 + 2]!, boxes[b * 4 + 2]!) - left;
          const height = Math.min(boxes[a * 4 + 3]!, boxes[b * 4 + 3]!) - bottom;
          if (!(width > 0 && height > 0)) continue;
          if (this.row(bottom) * this.columns + this.column(left) !== cell) continue;
          visit(Math.min(a, b), Math.max(a, b), width * height);
        }
      }
    }
  }
}
