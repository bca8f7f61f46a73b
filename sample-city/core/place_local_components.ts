/**
 * A city's local component classes at junctions: shared-bike parking and
 * waste-sorting points on the pavement just past the corner, chargers on
 * main roads, and the sensors a smart-city programme fits at arterial
 * crossings. Classes the sample's taxonomy does not have are skipped by the
 * emitter, and this placement draws from its own random stream, so a
 * taxonomy without them gives exactly the city it gave before.
 */
import { hashText, mixSeed, mulberry32 } from './seeded_random.js';
import type { ComponentEmitter } from './component_emitter.js';
import { nodeArms, type RoadLattice } from './road_lattice.js';

const PURPOSE = hashText('local-components');

export function placeLocalComponents(lattice: RoadLattice, northSouthLine: number, eastWestLine: number, emitter: ComponentEmitter, seed: number): void {
  const arms = nodeArms(lattice, northSouthLine, eastWestLine);
  if (!(arms.north || arms.south) || !(arms.east || arms.west)) return;
  const next = mulberry32(mixSeed(seed, PURPOSE, northSouthLine, eastWestLine));
  const northSouth = lattice.northSouth[northSouthLine];
  const eastWest = lattice.eastWest[eastWestLine];
  const x = northSouth.position;
  const y = eastWest.position;
  const arterials = [northSouth, eastWest].filter((road) => road.roadClass === '主干路').length;
  const majors = [northSouth, eastWest].filter((road) => road.roadClass !== '支路').length;
  // Points on the pavement 1.5 m inside the red line, a few metres along an arm, clear of the corner furniture.
  if (arms.east && next() < 0.3) emitter.emit('共享单车停放点', x + northSouth.width / 2 + 15, y - eastWest.width / 2 + 1.5);
  if (arms.north && majors > 0 && next() < 0.12) emitter.emit('电动汽车充电桩', x - northSouth.width / 2 + 1.5, y + eastWest.width / 2 + 25);
  if (arms.east && next() < 0.2) emitter.emit('垃圾分类投放点', x + northSouth.width / 2 + 30, y + eastWest.width / 2 - 1.5);
  if (arterials === 2) {
    if (arms.south && next() < 0.5) emitter.emit('井盖位移传感器', x + northSouth.width / 2 - 1.5, y - eastWest.width / 2 - 12);
    if (arms.west && next() < 0.3) emitter.emit('道路积水监测设备', x - northSouth.width / 2 - 20, y - eastWest.width / 2 + 1.5);
  }
}
