/**
 * A small hand-built workspace: two grids side by side, three components,
 * one road. Small enough to know every answer by hand, and clean: its
 * mandatory attributes are filled, so the standards check (and with it the
 * publish gate) finds nothing; it has no streets or communities, so the
 * rules that need them are skipped.
 */
import { join } from 'node:path';
import type { FeatureRecord } from '../../src/core/api/geo_types.js';
import { Workspace } from '../../src/node/workspace/workspace.js';

const X = 39620000;
/** 临沂市城市管理局, as in the sample city (a unified social credit code shape). */
const DEPARTMENT = { DEPTCODE1: '11371300MBWEEUAY1R', DEPTNAME1: '临沂市城市管理局' };
const SURVEYED = '20250601';
const Y = 3880000;

export const TINY = {
  westGrid: '37130200100101',
  eastGrid: '37130200100102',
  light: '3713020118000001',
  manhole: '3713020101000001',
  bin: '3713020305000001',
  lightPosition: [X + 50, Y + 50] as [number, number],
};

function square(minX: number, minY: number, size: number): FeatureRecord['geometry'] {
  return { type: 'Polygon', coordinates: [[[minX, minY], [minX + size, minY], [minX + size, minY + size], [minX, minY + size], [minX, minY]]] };
}

export async function createTinyWorkspace(folder: string, name = 'tiny.gpkg'): Promise<string> {
  const path = join(folder, name);
  const workspace = Workspace.create(path, { name: '小样例', crs: 'EPSG:4527', taxonomy: 'legacy-cjt214-components' });
  try {
    await workspace.writeMeta({ packageName: 'tiny' });
    await workspace.replaceFeatures('grids', [
      { geometry: square(X, Y, 100), properties: { BGCODE: TINY.westGrid, BGNAME: '前十社区第01网格', AREA: 10000, SQCODE: '371302001001', JDCODE: '371302001', ORDATE: SURVEYED } },
      { geometry: square(X + 100, Y, 100), properties: { BGCODE: TINY.eastGrid, BGNAME: '前十社区第02网格', AREA: 10000, SQCODE: '371302001001', JDCODE: '371302001', ORDATE: SURVEYED } },
    ]);
    await workspace.replaceFeatures('components', [
      { geometry: { type: 'Point', coordinates: TINY.lightPosition }, properties: { OBJCODE: TINY.light, OBJNAME: '路灯', BGCODE: TINY.westGrid, OBJSTATE: '完好', ...DEPARTMENT, DEPTNAME1: '兰山区住房和城乡建设局', ORDATE: SURVEYED } },
      { geometry: { type: 'Point', coordinates: [X + 150, Y + 20] }, properties: { OBJCODE: TINY.manhole, OBJNAME: '上水井盖', BGCODE: TINY.eastGrid, OBJSTATE: '破损', ...DEPARTMENT, ORDATE: SURVEYED } },
      { geometry: { type: 'Point', coordinates: [X + 180, Y + 80] }, properties: { OBJCODE: TINY.bin, OBJNAME: '垃圾箱', BGCODE: TINY.eastGrid, OBJSTATE: '完好', ...DEPARTMENT, ORDATE: SURVEYED } },
    ]);
    await workspace.replaceFeatures('roads', [
      { geometry: { type: 'LineString', coordinates: [[X, Y], [X + 200, Y]] }, properties: { ROADCODE: 'R001', ROADNAME: '通达路', ROADCLASS: '主干路', WIDTH: 30 } },
    ]);
  } finally {
    workspace.close();
  }
  return path;
}
