/**
 * Where an export's files go, written so that a failed or canceled export
 * leaves nothing behind and an existing file is only replaced on --force:
 * GDAL writes into a hidden folder beside the output, and the finished files
 * are then renamed into place (a rename within one folder cannot half-happen).
 */
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';
import { FORMAT_SPECS, type ExportFormat } from './export_formats.js';

export interface ExportOutput {
  /** Where GDAL writes (inside the hidden folder). */
  stagingPath: string;
  /** Moves the written files into place. */
  commit(force: boolean): string[];
  discard(): void;
}

/** Checks the output path and the files that would be replaced; refuses before any work is done. */
export function prepareExportOutput(outPath: string, format: ExportFormat, force: boolean): ExportOutput {
  const spec = FORMAT_SPECS[format];
  const extension = extname(outPath).toLowerCase();
  if (!spec.extensions.includes(extension)) {
    throw new CityGridError('INVALID_REQUEST', `a ${format} export must be named *${spec.extensions.join(' or *')}`, outPath);
  }
  const folder = dirname(outPath);
  if (!existsSync(folder)) throw new CityGridError('OUTPUT_UNWRITABLE', `its folder ${folder} does not exist`, outPath);
  if (!statSync(folder).isDirectory()) throw new CityGridError('OUTPUT_UNWRITABLE', `${folder} is a file, not a folder`, outPath);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CityGridError('OUTPUT_UNWRITABLE', `its folder ${folder} is not writable`, outPath);
  }
  const base = outPath.slice(0, outPath.length - extension.length);
  const targets = [outPath, ...spec.sideFiles.map((side) => `${base}${side}`)];
  const existing = targets.filter((path) => existsSync(path));
  if (existing.some((path) => statSync(path).isDirectory())) throw new CityGridError('OUTPUT_UNWRITABLE', 'a folder is in the way', outPath);
  if (existing.length > 0 && !force) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `already exists (${existing.map((path) => basename(path)).join(', ')}); use --force to replace it`, outPath);
  }
  let hidden: string;
  try {
    hidden = mkdtempSync(join(folder, '.citygrid-export-'));
  } catch (thrown) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `cannot write in ${folder} (${(thrown as NodeJS.ErrnoException).code ?? 'error'})`, outPath);
  }
  const stagingPath = join(hidden, basename(outPath));
  return {
    stagingPath,
    commit(replace) {
      const written = readdirSync(hidden);
      // A stale side file of an earlier export (its .cpg, say) must not pair with the new one.
      if (replace) for (const path of targets) if (!written.includes(basename(path))) rmSync(path, { force: true });
      for (const name of written) renameSync(join(hidden, name), join(folder, name));
      rmSync(hidden, { recursive: true, force: true });
      return written.map((name) => join(folder, name));
    },
    discard() {
      rmSync(hidden, { recursive: true, force: true });
    },
  };
}
