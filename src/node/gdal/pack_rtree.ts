/**
 * A packed R-tree (Sort-Tile-Recursive) in SQLite's own rtree node format,
 * for the GeoPackage spatial index of a freshly loaded layer (the sample
 * writer) or a layer an import replaced. SQLite's rtree module has no bulk
 * load: inserting a million points one by one costs about 8 s on this
 * machine, half of loading a layer, and GDAL 3.6 does exactly that (GDAL ≥
 * 3.7 packs the tree itself, as here). Packing takes a fraction of a second
 * and gives a tree at least as good for queries.
 *
 * Format (sqlite/ext/rtree/rtree.c): a node is a blob of the table's node
 * size (page size − 64, at most 4 + 51 cells × 24 bytes); 2 bytes of tree
 * depth (root only), 2 bytes of cell count, then cells of an 8-byte id (a
 * rowid in leaves, a child node number above) and minX, maxX, minY, maxY as
 * big-endian 32-bit floats, rounded outwards so every box still holds its
 * feature. Node 1 is the root.
 */

/** Boxes of `count` features: of fids `ids`, or of fids 1…count (the row index + 1) without it. */
export interface FeatureBoxes {
  count: number;
  /** The features' fids (doubles, so any SQLite rowid up to 2^53 fits). */
  ids?: Float64Array;
  minX: Float64Array;
  minY: Float64Array;
  maxX: Float64Array;
  maxY: Float64Array;
}

export interface PackedRtree {
  /** Node blobs; node number = index + 1, the root first. */
  nodes: Buffer[];
  /** Leaf node number of each feature, by its row in the boxes (row i has fid ids[i], or i + 1). */
  leafOfFeature: Int32Array;
  /** Parent node number of each node (index = node − 1; 0 for the root). */
  parentOfNode: Int32Array;
}

const CELL_BYTES = 24;

const single = new Float32Array(1);
const singleBits = new Uint32Array(single.buffer);

/** The largest 32-bit float not above `value`. */
export function floatDown(value: number): number {
  single[0] = value;
  if (single[0] > value) singleBits[0] += single[0] > 0 ? -1 : 1;
  return single[0];
}

/** The smallest 32-bit float not below `value`. */
export function floatUp(value: number): number {
  single[0] = value;
  if (single[0] < value) singleBits[0] += single[0] >= 0 ? 1 : -1;
  return single[0];
}

interface Level {
  /** Per entry: the id the parent cell carries (fid or node number) and its box. */
  ids: Float64Array;
  minX: Float64Array;
  minY: Float64Array;
  maxX: Float64Array;
  maxY: Float64Array;
}

/**
 * The entries sorted by key, ties by entry number, with the engine's native numeric sort
 * (no comparison callback: ten times faster on a million entries): each key is scaled to
 * an integer of the bits the entry numbers leave free in a double's 53 (33 for a million
 * entries) and the entry number put in the low bits. Keys closer than 1/2^bits of their
 * range may come out in entry order, which changes nothing for a packed tree.
 */
function sortByKey(entries: Int32Array, key: Float64Array, count: number): Int32Array {
  const entryBits = Math.max(1, Math.ceil(Math.log2(count + 1)));
  const entryScale = 2 ** entryBits;
  const keySteps = 2 ** (53 - entryBits) - 1;
  let [lowest, highest] = [Infinity, -Infinity];
  for (const entry of entries) {
    const value = key[entry]!;
    if (value < lowest) lowest = value;
    if (value > highest) highest = value;
  }
  const scale = highest > lowest ? keySteps / (highest - lowest) : 0;
  const combined = new Float64Array(entries.length);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    combined[index] = Math.floor((key[entry]! - lowest) * scale) * entryScale + entry;
  }
  combined.sort();
  const sorted = new Int32Array(entries.length);
  for (let index = 0; index < combined.length; index++) sorted[index] = combined[index]! % entryScale;
  return sorted;
}

/** Groups a level's entries into nodes: slabs by centre x, then runs by centre y inside each slab. */
function tile(level: Level, capacity: number): Int32Array[] {
  const count = level.ids.length;
  // Twice the centres: the order is the same.
  const centreX = new Float64Array(count);
  const centreY = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    centreX[index] = level.minX[index]! + level.maxX[index]!;
    centreY[index] = level.minY[index]! + level.maxY[index]!;
  }
  const order = sortByKey(Int32Array.from({ length: count }, (_, index) => index), centreX, count);
  const nodeCount = Math.ceil(count / capacity);
  const slabs = Math.ceil(Math.sqrt(nodeCount));
  const perSlab = slabs * capacity;
  const groups: Int32Array[] = [];
  for (let start = 0; start < count; start += perSlab) {
    const slab = sortByKey(order.subarray(start, Math.min(count, start + perSlab)), centreY, count);
    for (let first = 0; first < slab.length; first += capacity) groups.push(slab.slice(first, first + capacity));
  }
  return groups;
}

/**
 * Packs the boxes into nodes of `nodeSize` bytes (the size of the existing
 * root node of the layer's rtree table).
 */
export function packRtree(boxes: FeatureBoxes, nodeSize: number): PackedRtree {
  const capacity = Math.floor((nodeSize - 4) / CELL_BYTES);
  if (capacity < 2) throw new Error(`rtree nodes of ${nodeSize} bytes hold fewer than two cells`);
  let level: Level = {
    ids: boxes.ids ?? Float64Array.from({ length: boxes.count }, (_, index) => index + 1),
    minX: boxes.minX.map(floatDown), minY: boxes.minY.map(floatDown),
    maxX: boxes.maxX.map(floatUp), maxY: boxes.maxY.map(floatUp),
  };
  // Levels from the leaves up; node numbers are given once the tree's shape is known.
  const levels: { groups: Int32Array[]; entries: Level }[] = [];
  do {
    const groups = level.ids.length === 0 ? [] : tile(level, capacity);
    levels.push({ groups, entries: level });
    const parents: Level = {
      ids: new Float64Array(groups.length),
      minX: new Float64Array(groups.length), minY: new Float64Array(groups.length),
      maxX: new Float64Array(groups.length), maxY: new Float64Array(groups.length),
    };
    groups.forEach((group, index) => {
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const entry of group) {
        minX = Math.min(minX, level.minX[entry]);
        minY = Math.min(minY, level.minY[entry]);
        maxX = Math.max(maxX, level.maxX[entry]);
        maxY = Math.max(maxY, level.maxY[entry]);
      }
      [parents.minX[index], parents.minY[index], parents.maxX[index], parents.maxY[index]] = [minX, minY, maxX, maxY];
    });
    level = parents;
  } while (level.ids.length > 1);
  // Number the nodes from the root down: the root is 1, each level follows the one above.
  const firstNodeOfLevel: number[] = new Array<number>(levels.length);
  let next = 1;
  for (let depth = levels.length - 1; depth >= 0; depth--) {
    firstNodeOfLevel[depth] = next;
    next += Math.max(1, levels[depth].groups.length);
  }
  const nodes: Buffer[] = [];
  const leafOfFeature = new Int32Array(boxes.count);
  const parentOfNode = new Int32Array(next - 1);
  for (let depth = levels.length - 1; depth >= 0; depth--) {
    const { groups, entries } = levels[depth];
    if (groups.length === 0) {
      // An empty layer: an empty root leaf.
      nodes.push(Buffer.alloc(nodeSize));
      continue;
    }
    groups.forEach((group, index) => {
      const nodeNumber = firstNodeOfLevel[depth] + index;
      const blob = Buffer.alloc(nodeSize);
      // A DataView: its setters are inlined by the engine, Buffer's write methods are not (a third of the packing).
      const view = new DataView(blob.buffer, blob.byteOffset, nodeSize);
      if (nodeNumber === 1) view.setUint16(0, levels.length - 1);
      view.setUint16(2, group.length);
      group.forEach((entry, cell) => {
        const offset = 4 + cell * CELL_BYTES;
        // Ids above the leaves are node numbers of the level below.
        const id = depth === 0 ? entries.ids[entry] : firstNodeOfLevel[depth - 1] + entry;
        view.setUint32(offset, Math.floor(id / 0x100000000));
        view.setUint32(offset + 4, id >>> 0);
        view.setFloat32(offset + 8, entries.minX[entry]);
        view.setFloat32(offset + 12, entries.maxX[entry]);
        view.setFloat32(offset + 16, entries.minY[entry]);
        view.setFloat32(offset + 20, entries.maxY[entry]);
        if (depth === 0) leafOfFeature[entry] = nodeNumber;
        else parentOfNode[id - 1] = nodeNumber;
      });
      nodes.push(blob);
    });
  }
  return { nodes, leafOfFeature, parentOfNode };
}
