/**
 * A throwaway PostgreSQL + PostGIS server from Debian's packages, for
 * benchmarks and tests that compare with PostGIS: its own cluster in a temp
 * folder, on a Unix socket only (no TCP), owned by the `postgres` user when
 * run as root. Stopped and removed by `stop()`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgisServer {
  /** libpq/GDAL connection string. */
  connection: string;
  psql(sql: string): { status: number | null; stdout: string; stderr: string };
  /** Server-side duration of one statement in seconds, from psql's \timing. */
  timeStatement(sql: string): number;
  stop(): void;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => join(root, version, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
  if (!found) throw new Error('PostgreSQL is not installed (Debian packages postgresql postgresql-15-postgis-3)');
  return found;
}

function asPostgres(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const isRoot = process.getuid?.() === 0;
  const result = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function startPostgis(): PostgisServer {
  const bin = postgresBin();
  const folder = mkdtempSync(join(tmpdir(), 'citygrid-pg-'));
  chmodSync(folder, 0o777);
  const data = join(folder, 'data');
  const port = String(20000 + (process.pid % 20000));
  const init = asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const options = `-p ${port} -k ${folder} -c listen_addresses='' -c shared_buffers=512MB -c work_mem=256MB -c max_parallel_workers_per_gather=2 -c fsync=off`;
  const start = asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', 'start']);
  if (start.status !== 0) throw new Error(`pg_ctl start failed: ${start.stderr}${start.stdout}`);
  const connection = `host=${folder} port=${port} user=postgres dbname=postgres`;
  const psqlArgs = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', folder, '-p', port, '-U', 'postgres', '-d', 'postgres', '-At'];
  const psql = (sql: string) => {
    const result = spawnSync('psql', [...psqlArgs, '-c', sql], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const timeStatement = (sql: string): number => {
    const result = spawnSync('psql', [...psqlArgs, '-c', '\\timing on', '-c', sql], { encoding: 'utf8' });
    const timing = /Time: ([\d.]+) ms/.exec(result.stdout);
    if (result.status !== 0 || !timing) throw new Error(`psql failed: ${result.stderr}${result.stdout}`);
    return Number(timing[1]) / 1000;
  };
  const extension = psql('CREATE EXTENSION IF NOT EXISTS postgis');
  if (extension.status !== 0) throw new Error(`PostGIS extension missing: ${extension.stderr}`);
  return {
    connection,
    psql,
    timeStatement,
    stop() {
      asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
