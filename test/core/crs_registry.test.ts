/**
 * The registry's definitions agree with PROJ (gdaltransform, from Debian's
 * gdal-bin) within 1 mm projected and 1e-8° geographic, over each whole zone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildCrsRegistry, threeDegreeZoneFor, type CrsRegistryData } from '../../src/core/crs/crs_registry.js';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../src/core/crs/gcj02.js';
import { transformPoint } from '../../src/core/crs/transform_coordinates.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/run_cli.js';

const registry = buildCrsRegistry(JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'crs-registry.json'), 'utf8')) as CrsRegistryData);

function gdaltransform(from: string, to: string, points: Array<[number, number]>): Array<[number, number]> {
  const result = spawnSync('gdaltransform', ['-s_srs', from, '-t_srs', to, '-output_xy'], { input: points.map((point) => `${point[0]} ${point[1]}`).join('\n'), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
}

test('the registry holds CGCS2000 geographic, all 64 Gauss-Krüger zones, WGS 84 and Web Mercator', () => {
  for (let code = 4491; code <= 4554; code++) assert.ok(registry.has(`EPSG:${code}`), `EPSG:${code}`);
  for (const code of ['EPSG:4490', 'EPSG:4326', 'EPSG:3857']) assert.ok(registry.has(code));
  assert.equal(registry.get('EPSG:4527')!.centralMeridian, 117);
  assert.match(registry.get('EPSG:4527')!.proj4, /\+x_0=39500000 /);
  assert.equal(registry.get('EPSG:4548')!.centralMeridian, 117);
  assert.match(registry.get('EPSG:4548')!.proj4, /\+x_0=500000 /);
  assert.equal(registry.get('EPSG:4491')!.centralMeridian, 75);
  assert.equal(registry.get('EPSG:4501')!.centralMeridian, 135);
  assert.equal(threeDegreeZoneFor(118.3), 39);
});

test('every Gauss-Krüger zone agrees with PROJ within 1 mm, and back within 1e-8°', () => {
  let compared = 0;
  for (const definition of registry.values()) {
    if (definition.kind !== 'projected' || definition.centralMeridian === undefined) continue;
    const half = definition.zoneWidth! / 2;
    const points: Array<[number, number]> = [];
    for (let i = 0; i <= 6; i++) {
      for (let latitude = 18; latitude <= 54; latitude += 4) points.push([definition.centralMeridian - half + (2 * half * i) / 6, latitude]);
    }
    const expected = gdaltransform('EPSG:4490', definition.code, points);
    points.forEach((point, index) => {
      const ours = transformPoint(registry, 'EPSG:4490', definition.code, point);
      const reference = expected[index]!;
      assert.ok(Math.abs(ours[0] - reference[0]) < 0.001 && Math.abs(ours[1] - reference[1]) < 0.001,
        `${definition.code} at ${point}: ours ${ours}, PROJ ${reference}`);
      const back = transformPoint(registry, definition.code, 'EPSG:4490', reference);
      assert.ok(Math.abs(back[0] - point[0]) < 1e-8 && Math.abs(back[1] - point[1]) < 1e-8, `${definition.code} inverse at ${point}: ${back}`);
      compared++;
    });
  }
  assert.equal(compared, 64 * 7 * 10);
});

test('Web Mercator agrees with PROJ', () => {
  const points: Array<[number, number]> = [[118.335, 35.055], [73.5, 18.2], [135, 53.5]];
  const expected = gdaltransform('EPSG:4326', 'EPSG:3857', points);
  points.forEach((point, index) => {
    const ours = transformPoint(registry, 'EPSG:4326', 'EPSG:3857', point);
    assert.ok(Math.abs(ours[0] - expected[index]![0]) < 0.001 && Math.abs(ours[1] - expected[index]![1]) < 0.001);
  });
});

test('GCJ-02 moves points in China by tens to hundreds of metres, and back within 1e-8°', () => {
  const linyi: [number, number] = [118.335, 35.055];
  const shifted = wgs84ToGcj02(...linyi);
  const metres = Math.hypot((shifted[0] - linyi[0]) * 111_320 * Math.cos(linyi[1] * Math.PI / 180), (shifted[1] - linyi[1]) * 110_574);
  assert.ok(metres > 50 && metres < 1000, `offset ${metres} m`);
  const back = gcj02ToWgs84(...shifted);
  assert.ok(Math.abs(back[0] - linyi[0]) < 1e-8 && Math.abs(back[1] - linyi[1]) < 1e-8, `${back}`);
  assert.deepEqual(wgs84ToGcj02(2.35, 48.85), [2.35, 48.85], 'outside China nothing moves');
});

test('citygrid crs transform prints the transformed coordinate; unknown systems are refused', () => {
  const result = runCli(['crs', 'transform', '--from', 'EPSG:4490', '--to', 'EPSG:4527', '118.335', '35.055']);
  assert.equal(result.status, 0, result.stderr);
  const [x, y] = result.stdout.trim().split(/\s+/).map(Number);
  const [reference] = gdaltransform('EPSG:4490', 'EPSG:4527', [[118.335, 35.055]]);
  assert.ok(Math.abs(x! - reference![0]) < 0.001 && Math.abs(y! - reference![1]) < 0.001);
  const unknown = runCli(['crs', 'transform', '--from', 'EPSG:9999999', '--to', 'EPSG:4527', '1', '2']);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /CRS_UNSUPPORTED/);
  assert.equal(runCli(['crs', 'transform', '--from', 'EPSG:4490', '--to', 'EPSG:4527', 'abc']).status, 2);
});
