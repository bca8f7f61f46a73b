/**
 * A road segment between two nodes of the lattice, in a local frame: `along`
 * runs south → north (west → east), `lateral` is signed, positive to the east
 * (north). Placement code thinks in this frame and the frame maps back to
 * EPSG:4527 metres.
 */
import { nodeArms, type RoadLattice, type RoadLine } from './road_lattice.js';

export interface RoadSegment {
  orientation: 'north-south' | 'east-west';
  /** Index of the line in its family, and of the segment (cell row or column) on it. */
  line: number;
  index: number;
  road: RoadLine;
  /** Centre-line coordinate across the road (x of a north–south road). */
  centre: number;
  start: number;
  end: number;
  /** Half width of the crossing road at each end, or null where the road runs straight through. */
  startCrossing: number | null;
  endCrossing: number | null;
  /** Distance of the kerb from the centre line. */
  kerb: number;
}

export function segmentPoint(segment: RoadSegment, along: number, lateral: number): [number, number] {
  return segment.orientation === 'north-south' ? [segment.centre + lateral, along] : [along, segment.centre + lateral];
}

/** Half width of the road crossing a node, or null when no road crosses there. */
function crossingHalfWidth(lattice: RoadLattice, orientation: RoadSegment['orientation'], line: number, node: number): number | null {
  if (orientation === 'north-south') {
    const arms = nodeArms(lattice, line, node);
    return arms.east || arms.west ? lattice.eastWest[node].width / 2 : null;
  }
  const arms = nodeArms(lattice, node, line);
  return arms.north || arms.south ? lattice.northSouth[node].width / 2 : null;
}

export function roadSegment(lattice: RoadLattice, orientation: RoadSegment['orientation'], line: number, index: number): RoadSegment {
  const road = orientation === 'north-south' ? lattice.northSouth[line] : lattice.eastWest[line];
  const positions = orientation === 'north-south' ? lattice.ys : lattice.xs;
  return {
    orientation, line, index, road,
    centre: road.position,
    start: positions[index],
    end: positions[index + 1],
    startCrossing: crossingHalfWidth(lattice, orientation, line, index),
    endCrossing: crossingHalfWidth(lattice, orientation, line, index + 1),
    kerb: road.width / 2 - road.sidewalk,
  };
}

/** Every present segment: north–south lines west → east, then east–west lines south → north. */
export function* roadSegments(lattice: RoadLattice): Generator<RoadSegment> {
  for (let line = 0; line <= lattice.columnCount; line++) {
    for (let row = 0; row < lattice.rowCount; row++) {
      if (lattice.northSouthPresent[line * lattice.rowCount + row] === 1) yield roadSegment(lattice, 'north-south', line, row);
    }
  }
  for (let line = 0; line <= lattice.rowCount; line++) {
    for (let column = 0; column < lattice.columnCount; column++) {
      if (lattice.eastWestPresent[line * lattice.columnCount + column] === 1) yield roadSegment(lattice, 'east-west', line, column);
    }
  }
}
