/**
 * A realistic dirty survey delivery from the full-scale sample, the same
 * every time: a copy of its workspace in which every component's mandatory
 * DEPTCODE1 (主管部门代码) is empty, as survey companies often deliver, and
 * every tenth component (by fid) carries an OBJSTATE outside the standard's
 * list (损坏 for 破损). The bench's `validate-dirty` step checks it.
 *   node build/test/bench/make_dirty_city.js FULL_WORKSPACE.gpkg DIRTY.gpkg
 */
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { runStatement } from '../../src/node/gdal/gdal_sql.js';

/** The damage, as SQL on the copy: mandatory field empty everywhere, 10% invalid enumeration value. */
export const DIRTY_UPDATES = [
  "UPDATE components SET DEPTCODE1 = ''",
  "UPDATE components SET OBJSTATE = '损坏' WHERE rowid % 10 = 0",
];

export function makeDirtyCity(cleanPath: string, dirtyPath: string): void {
  mkdirSync(dirname(dirtyPath), { recursive: true });
  rmSync(dirtyPath, { force: true });
  copyFileSync(cleanPath, `${dirtyPath}.partial`);
  const dataset = gdal.open(`${dirtyPath}.partial`, 'r+');
  try {
    for (const statement of DIRTY_UPDATES) runStatement(dataset, statement);
  } finally {
    dataset.close();
  }
  // Complete or absent: a half-damaged copy would measure something else.
  renameSync(`${dirtyPath}.partial`, dirtyPath);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [clean, dirty] = process.argv.slice(2);
  if (!clean || !dirty) {
    process.stderr.write('usage: node build/test/bench/make_dirty_city.js FULL_WORKSPACE.gpkg DIRTY.gpkg\n');
    process.exit(2);
  }
  makeDirtyCity(clean, dirty);
}
