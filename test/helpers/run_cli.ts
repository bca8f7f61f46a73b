/** Runs the real `citygrid` command in a child process. */
import { spawnSync } from 'node:child_process';
import { citygridBin, repoRoot } from './paths.js';

export interface CliRun { status: number | null; stdout: string; stderr: string }

export function runCli(args: string[], timeoutMs = 300_000): CliRun {
  const result = spawnSync(process.execPath, [citygridBin(), ...args], { cwd: repoRoot(), encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runTool(command: string, args: string[], cwd?: string): CliRun {
  const result = spawnSync(command, args, { cwd: cwd ?? repoRoot(), encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
