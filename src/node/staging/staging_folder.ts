/**
 * Where work in progress goes, and how what a killed process left is found
 * again. An import stages ~270 MB for a full city; a publish builds its
 * package in a hidden `.partial` folder; a `kill -9` (or a power cut) leaves
 * both behind. So:
 * - imports stage in `.citygrid/staging/` beside the workspace: the product's
 *   own folder, on the workspace's file system (a full city's staging is as
 *   large as its layer, which the OS temp folder, often a RAM disk, may not
 *   hold), out of the way of the user's own files. Dry runs and inspections,
 *   which must not touch the workspace's folder, stage in
 *   `<OS temp>/citygrid/staging/`. A publish stages in its output folder,
 *   because only a rename on the same file system is atomic.
 * - every staging name carries the owning process id, and a sweep at start
 *   removes entries whose process is gone, never those of a live one.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The product's folder beside a workspace, and its staging part. */
export const PRODUCT_FOLDER = '.citygrid';
const STAGING = 'staging';

/** `<kind>-<pid>-<time>`: the pid says whose it is. */
const STAGED_NAME = /^[a-z]+-(\d+)-/;
/** What imports before this folder existed left beside the workspace: `.citygrid-import-<pid>-<time>.gpkg` and its journal. */
const LEGACY_STAGED_NAME = /^\.citygrid-(?:import|inspect)-(\d+)-/;
/** A publish's package in progress: `.<name>-<version>.partial-<pid>`. */
const PARTIAL_PACKAGE = /^\..+\.partial-(\d+)$/;

/** The staging folder beside a workspace, created when missing. */
export function stagingFolderBeside(workspacePath: string): string {
  const folder = join(dirname(workspacePath), PRODUCT_FOLDER, STAGING);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** The staging folder in the OS temp folder, for work that must leave the workspace's folder alone. */
export function temporaryStagingFolder(): string {
  const folder = join(tmpdir(), 'citygrid', STAGING);
  mkdirSync(folder, { recursive: true });
  return folder;
}

let staged = 0;
/** A fresh staging path in `folder` owned by this process. */
export function stagingPathIn(folder: string, kind: string, extension: string): string {
  return join(folder, `${kind}-${process.pid}-${Date.now().toString(36)}${(staged++).toString(36)}${extension}`);
}

/** True while a process of this id exists (kill 0 only asks). A reused id keeps a stale entry, which is the safe mistake. */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (thrown) {
    // EPERM: it exists, under another user.
    return (thrown as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the entries of `folder` matching `pattern` whose owner (the pattern's first group) is gone; the removed paths. */
function sweep(folder: string, pattern: RegExp): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const owner = pattern.exec(entry)?.[1];
    if (owner === undefined || isProcessAlive(Number(owner))) continue;
    const path = join(folder, entry);
    try {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Another sweeper got there first, or it cannot be removed now: the next start tries again.
    }
  }
  return removed;
}

/**
 * Sweeps what killed imports left: the temporary staging folder, and for a
 * workspace (null: none) its staging folder and the hidden files imports
 * left beside it before that folder existed.
 */
export function sweepStaleStaging(workspacePath: string | null): string[] {
  const removed = sweep(join(tmpdir(), 'citygrid', STAGING), STAGED_NAME);
  if (workspacePath === null) return removed;
  const folder = dirname(workspacePath);
  return [...removed, ...sweep(join(folder, PRODUCT_FOLDER, STAGING), STAGED_NAME), ...sweep(folder, LEGACY_STAGED_NAME)];
}

/** Sweeps the `.partial` package folders killed publishes left in an output folder. */
export function sweepStalePartials(outDir: string): string[] {
  return sweep(outDir, PARTIAL_PACKAGE);
}

/** Removes a staged SQLite file with the journal a killed writer may have left beside it. */
export function removeStaged(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
