/**
 * Two writers at the same moment: while another process holds the
 * workspace's write lock (as a second import committing would), an import
 * says the workspace is busy and to retry, instead of calling it "not a
 * GeoPackage workspace"; the workspace is unchanged, and the retry works.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { tempDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run_cli.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';
import { bytesOf, ogr2ogr } from './import_fixtures.js';

const folder = tempDir('import-busy');
const path = (name: string): string => join(folder.path, name);
let tiny: string;

before(async () => {
  tiny = await createTinyWorkspace(folder.path);
  ogr2ogr(['-f', 'GeoJSON', path('components.geojson'), tiny, 'components']);
});
after(() => folder.remove());

/** A python process holding a lock on the workspace (BEGIN IMMEDIATE: the write lock; EXCLUSIVE: readers locked out too) until killed. */
async function holdLock(workspace: string, kind: 'IMMEDIATE' | 'EXCLUSIVE'): Promise<ChildProcess> {
  const script = `import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN ${kind}")
c.execute("DELETE FROM roads")
print("locked", flush=True)
time.sleep(120)`;
  const holder = spawn('python3', ['-c', script, workspace], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => createInterface({ input: holder.stdout! }).once('line', () => resolve()));
  return holder;
}

for (const kind of ['IMMEDIATE', 'EXCLUSIVE'] as const) {
  test(`an import while another process holds the workspace's ${kind === 'IMMEDIATE' ? 'write lock' : 'exclusive lock'} says it is busy; the retry works`, async () => {
    const workspace = await createTinyWorkspace(folder.path, `busy-${kind}.gpkg`);
    const before = bytesOf(workspace);
    const holder = await holdLock(workspace, kind);
    let cli;
    try {
      cli = runCli(['import', '--workspace', workspace, '--layer', 'components', path('components.geojson')], 120_000);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stderr, /WORKSPACE_BUSY/);
    assert.match(cli.stderr, /another process is writing this workspace \(database is locked\): wait until it has finished, then retry/);
    assert.doesNotMatch(cli.stderr, /not a GeoPackage workspace/);
    assert.ok(bytesOf(workspace).equals(before), 'the workspace is unchanged');
    const retry = runCli(['import', '--workspace', workspace, '--layer', 'components', path('components.geojson')]);
    assert.equal(retry.status, 0, retry.stderr);
  });
}
