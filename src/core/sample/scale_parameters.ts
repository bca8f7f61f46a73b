/**
 * The two sample sizes differ only in these numbers; every layer comes from
 * the same algorithm. Lengths are metres between road centre lines.
 */

export interface RiverSpecification {
  name: string;
  /** Distance between the centre lines of the two embankment roads. */
  corridorWidth: number;
  /** The water surface narrows and widens between these widths. */
  waterWidth: [number, number];
  /** Where the corridor lies, 0 = south edge, 1 = north edge. */
  position: number;
}

export interface ScaleParameters {
  width: number;
  height: number;
  /** Mean spacing of 主干路; each interval is jittered by ±12%. */
  arterialSpacing: number;
  /** Mean spacing of the lesser roads inside an arterial interval (blocks of ~100–200 m). */
  blockSpacing: number;
  rivers: RiverSpecification[];
  /** Roads longer than this are split into 东/西 (北/南) parts with their own names. */
  roadPartLength: number;
  /** Chance that a 支路 segment is left out, joining two cells into one larger block. */
  branchOmission: number;
  /** Number of industrial clusters (each a few superblocks). */
  industrialClusters: number;
  /** Unit grids aim at the classic 万米单元网格. */
  targetGridArea: number;
  /** A street gets at least this many grids, which bounds how many streets a small sample uses. */
  minimumGridsPerStreet: number;
  /** Mean grids per community stays between these (the code leaves room for 99). */
  communityGrids: { fewest: number; most: number };
}

const SMALL: ScaleParameters = {
  width: 1600,
  height: 1300,
  arterialSpacing: 500,
  blockSpacing: 150,
  rivers: [{ name: '涑河', corridorWidth: 200, waterWidth: [45, 65], position: 0.5 }],
  roadPartLength: 7000,
  branchOmission: 0.1,
  industrialClusters: 1,
  targetGridArea: 10000,
  minimumGridsPerStreet: 60,
  communityGrids: { fewest: 18, most: 75 },
};

/** ~18.6 km × 15.1 km = 280 km², the built-up part of a prefecture-level city. */
const FULL: ScaleParameters = {
  ...SMALL,
  width: 18560,
  height: 15080,
  rivers: [
    { name: '柳青河', corridorWidth: 180, waterWidth: [28, 40], position: 0.18 },
    { name: '祊河', corridorWidth: 440, waterWidth: [170, 240], position: 0.5 },
    { name: '涑河', corridorWidth: 200, waterWidth: [45, 65], position: 0.8 },
  ],
  industrialClusters: 5,
};

export function scaleParameters(scale: 'small' | 'full'): ScaleParameters {
  return scale === 'small' ? SMALL : FULL;
}
