/**
 * Components at intersections: street-name plates (路名牌) and bins at the
 * corners of every junction, signals, cameras, signs and controller cabinets
 * where main roads cross, and now and then a footbridge or an underpass.
 */
import { hashText, mixSeed, mulberry32 } from './seeded_random.js';
import type { ComponentEmitter } from './component_emitter.js';
import { nodeArms, type RoadLattice } from './road_lattice.js';

type Corner = 'NE' | 'NW' | 'SE' | 'SW';

const PURPOSE = hashText('intersection-components');

export function placeIntersectionComponents(lattice: RoadLattice, northSouthLine: number, eastWestLine: number, emitter: ComponentEmitter, seed: number): void {
  const arms = nodeArms(lattice, northSouthLine, eastWestLine);
  // A junction needs a road in both directions; elsewhere the road runs straight on.
  if (!(arms.north || arms.south) || !(arms.east || arms.west)) return;
  const next = mulberry32(mixSeed(seed, PURPOSE, northSouthLine, eastWestLine));
  const northSouth = lattice.northSouth[northSouthLine];
  const eastWest = lattice.eastWest[eastWestLine];
  const x = northSouth.position;
  const y = eastWest.position;
  const present: Record<Corner, boolean> = {
    NE: arms.north && arms.east, NW: arms.north && arms.west, SE: arms.south && arms.east, SW: arms.south && arms.west,
  };
  /** A point in the pavement corner, `inset` metres in from the two red lines. */
  const at = (name: string, corner: Corner, inset: number): void => {
    if (!present[corner]) return;
    const signX = corner === 'NE' || corner === 'SE' ? 1 : -1;
    const signY = corner === 'NE' || corner === 'NW' ? 1 : -1;
    emitter.emit(name, x + signX * (northSouth.width / 2 - inset), y + signY * (eastWest.width / 2 - inset));
  };
  const arterials = [northSouth, eastWest].filter((road) => road.roadClass === '主干路').length;
  const majors = [northSouth, eastWest].filter((road) => road.roadClass !== '支路').length;

  at('路名牌', 'NE', 1.0);
  at('路名牌', 'SW', 1.0);
  if (majors > 0) at('垃圾箱', 'NW', 1.5);

  if (arterials === 2 || (arterials === 1 && majors === 2 && next() < 0.7)) {
    for (const corner of ['NE', 'NW', 'SE', 'SW'] as const) {
      at('交通信号灯', corner, Math.min(northSouth.sidewalk, eastWest.sidewalk) - 0.5);
    }
    at('交通标志牌', 'NW', 2.5);
    at('交通标志牌', 'SE', 2.5);
    at('监控电子眼', 'NE', 2.0);
    if (arterials === 2) {
      at('监控电子眼', 'SW', 2.0);
      at('交通信号设施', 'SE', 1.2);
      at('公安井盖', 'SE', 2.0);
      if (next() < 0.25) at('交通岗亭', 'NE', 3.5);
      if (next() < 0.1) at('噪声显示屏', 'SW', 3.0);
      if (next() < 0.2 && arms.east) {
        // Variable message signs stand on the approach, not at the corner.
        emitter.emit('道路信息显示屏', x + northSouth.width / 2 + 60, y - eastWest.width / 2 + 1.5);
      }
      if (next() < 0.05 && arms.north) emitter.emit('过街天桥', x + 0.5, y + eastWest.width / 2 + 40);
      if (next() < 0.04 && arms.west) emitter.emit('地下通道', x - northSouth.width / 2 - 30, y + 0.5);
    }
  } else if (next() < 0.5) {
    at('交通标志牌', 'SW', 2.0);
  }
}
