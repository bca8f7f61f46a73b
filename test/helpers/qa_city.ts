/**
 * A hand-built city for the QA rules, small enough to know every answer:
 * one street (兰山街道) of two communities, each tiled by four 100 m grids,
 * one component per grid, an address per community and three
 * responsibility zones. Clean as built; tests break it on purpose and check
 * that each rule fires exactly where it should.
 */
import { join } from 'node:path';
import type { FeatureRecord, Position } from '../../src/core/api/geo_types.js';
import { Workspace } from '../../src/node/workspace/workspace.js';

export const X0 = 39620000;
export const Y0 = 3880000;
export const STREET = '371302001';
export const COMMUNITY_WEST = '371302001001';
export const COMMUNITY_EAST = '371302001002';
const DEPARTMENT = { DEPTCODE1: '11371300MBWEEUAY1R', DEPTNAME1: '临沂市城市管理局' };

export function rectangle(minX: number, minY: number, maxX: number, maxY: number): FeatureRecord['geometry'] {
  const ring: Position[] = [[X0 + minX, Y0 + minY], [X0 + maxX, Y0 + minY], [X0 + maxX, Y0 + maxY], [X0 + minX, Y0 + maxY], [X0 + minX, Y0 + minY]];
  return { type: 'Polygon', coordinates: [ring] };
}

export function point(x: number, y: number): FeatureRecord['geometry'] {
  return { type: 'Point', coordinates: [X0 + x, Y0 + y] };
}

export interface QaCity {
  streets: FeatureRecord[];
  communities: FeatureRecord[];
  grids: FeatureRecord[];
  components: FeatureRecord[];
  addresses: FeatureRecord[];
  ownership: FeatureRecord[];
  roads: FeatureRecord[];
}

export function gridCode(community: string, sequence: number): string {
  return `${community}${String(sequence).padStart(2, '0')}`;
}

export function grid(community: string, sequence: number, box: [number, number, number, number]): FeatureRecord {
  const area = (box[2] - box[0]) * (box[3] - box[1]);
  return {
    geometry: rectangle(...box),
    properties: { BGCODE: gridCode(community, sequence), BGNAME: `第${sequence}网格`, AREA: area, SQCODE: community, JDCODE: STREET, ORDATE: '20250601' },
  };
}

export function component(code: string, name: string, at: [number, number], gridCodeValue: string): FeatureRecord {
  return { geometry: point(...at), properties: { OBJCODE: code, OBJNAME: name, ...DEPARTMENT, BGCODE: gridCodeValue, OBJSTATE: '完好', ORDATE: '20250601', DATASOURCE: '实测' } };
}

/**
 * Grids 1–4 tile the west community ([0,200]×[0,200]) and 5–8 the east one
 * ([200,400]×[0,200]), south-west, south-east, north-west, north-east;
 * component n (fid n) is a street light in the middle of grid n.
 */
export function cleanQaCity(): QaCity {
  const grids: FeatureRecord[] = [];
  const components: FeatureRecord[] = [];
  [COMMUNITY_WEST, COMMUNITY_EAST].forEach((community, communityIndex) => {
    for (let index = 0; index < 4; index++) {
      const minX = communityIndex * 200 + (index % 2) * 100, minY = Math.floor(index / 2) * 100;
      grids.push(grid(community, index + 1, [minX, minY, minX + 100, minY + 100]));
      const number = grids.length;
      components.push(component(`3713020118${String(number).padStart(6, '0')}`, '路灯', [minX + 50, minY + 50], gridCode(community, index + 1)));
    }
  });
  return {
    streets: [{ geometry: rectangle(0, 0, 400, 200), properties: { code: STREET, name: '兰山街道' } }],
    communities: [
      { geometry: rectangle(0, 0, 200, 200), properties: { code: COMMUNITY_WEST, name: '前十社区居民委员会', street: STREET } },
      { geometry: rectangle(200, 0, 400, 200), properties: { code: COMMUNITY_EAST, name: '后十社区居民委员会', street: STREET } },
    ],
    grids,
    components,
    addresses: [
      { geometry: point(20, 20), properties: { ADDRCODE: '371302001001000001', ADDRNAME: '山东省临沂市兰山区通达路1号', ROADNAME: '通达路', DOORNUM: '1号', ADDRTYPE: '门牌', SQCODE: COMMUNITY_WEST, JDCODE: STREET } },
      { geometry: point(220, 20), properties: { ADDRCODE: '371302001002000001', ADDRNAME: '山东省临沂市兰山区通达路101号', ROADNAME: '通达路', DOORNUM: '101号', ADDRTYPE: '门牌', SQCODE: COMMUNITY_EAST, JDCODE: STREET } },
    ],
    ownership: [
      { geometry: rectangle(0, 0, 400, 200), properties: { ZONECODE: '371302ZG000001', ZONETYPE: '主管', DEPTCODE: '11371302MBTAPYLG65', DEPTNAME: '兰山街道办事处' } },
      { geometry: rectangle(0, 0, 200, 200), properties: { ZONECODE: '371302YH000001', ZONETYPE: '养护', DEPTCODE: '12371302MB3N4KL58T', DEPTNAME: '兰山区园林环卫保障中心' } },
      { geometry: rectangle(200, 0, 400, 200), properties: { ZONECODE: '371302YH000002', ZONETYPE: '养护', DEPTCODE: '12371302MB3N4KL58T', DEPTNAME: '兰山区园林环卫保障中心' } },
    ],
    roads: [{ geometry: { type: 'LineString', coordinates: [[X0, Y0], [X0 + 400, Y0]] }, properties: { ROADCODE: 'R001', ROADNAME: '通达路', ROADCLASS: '主干路', WIDTH: 30 } }],
  };
}

export async function writeQaCity(folder: string, name: string, city: QaCity, taxonomy = 'legacy-cjt214-components'): Promise<string> {
  const path = join(folder, name);
  const workspace = Workspace.create(path, { name: 'QA 样例', crs: 'EPSG:4527', taxonomy });
  try {
    for (const layer of ['streets', 'communities', 'grids', 'components', 'addresses', 'ownership', 'roads'] as const) {
      await workspace.replaceFeatures(layer, city[layer]);
    }
  } finally {
    workspace.close();
  }
  return path;
}
