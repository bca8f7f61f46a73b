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
  addresses: AddressDensity;
  /** Mean case records a day over the year (weekday, season and holidays move each day around it). */
  casesPerDay: number;
}

/**
 * How densely addresses are recorded. A whole city's address book (~1 000 000
 * entries) numbers every shopfront, building and entrance and lists the
 * shops and firms in it; the small sample keeps door plates 20–30 m apart
 * and only a sprinkling of the rest, so that the committed file stays small.
 */
export interface AddressDensity {
  /** Metres between door plates (门牌) along a frontage, by what stands behind it: [least, most]. */
  plateSpacing: { shops: [number, number]; homes: [number, number]; campus: [number, number]; works: [number, number] };
  /** Chance that a shopfront's door plate also lists its shop (兴趣点). */
  shopShare: number;
  /** Entrance plates (n号楼m单元) besides each residential building's own plate. */
  entrancePlates: boolean;
  /** Firms (兴趣点) listed in each office tower: [least, most]. */
  tenantsPerTower: [number, number];
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
  addresses: {
    plateSpacing: { shops: [20, 30], homes: [20, 30], campus: [20, 30], works: [20, 30] },
    shopShare: 0.15,
    entrancePlates: false,
    tenantsPerTower: [0, 2],
  },
  // ~1 300 a year: enough for every check of rhythm and hot spots, small enough for the committed file.
  casesPerDay: 3.6,
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
  addresses: {
    // Every shopfront has its own plate; estates, campuses and works have few gates.
    plateSpacing: { shops: [5, 8], homes: [16, 24], campus: [30, 45], works: [40, 70] },
    shopShare: 0.85,
    entrancePlates: true,
    tenantsPerTower: [6, 20],
  },
  // ~440 000 a year, what a district of this size files (1 100–1 300 on an ordinary weekday).
  casesPerDay: 1200,
};

export function scaleParameters(scale: 'small' | 'full'): ScaleParameters {
  return scale === 'small' ? SMALL : FULL;
}
