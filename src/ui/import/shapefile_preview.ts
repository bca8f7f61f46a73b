/**
 * A shapefile — zipped, or its parts picked together — read in the renderer
 * with shpjs, before anything is imported: its geometries (in the source's own coordinates: the services
 * tell the CRS, the map reprojects) and its attribute table, which can be
 * decoded again in another encoding at once, without reading the file anew.
 */
import { parseDbf, parseShp } from 'shpjs';
import { readZipEntries, ZipProblem } from './read_zip.js';

export type PreviewValue = string | number | boolean | null;

export interface ShapefilePreview {
  layerName: string;
  geometries: Array<{ type: string; coordinates: unknown } | null>;
  /** The .cpg text, if the zip has one. */
  cpg: string | null;
  hasPrj: boolean;
  /** The attribute table decoded as `encoding` (a TextDecoder label: utf-8, gbk, gb18030). */
  records(encoding: string): Array<Record<string, PreviewValue>>;
}

export type PreviewOutcome = { ok: true; preview: ShapefilePreview } | { ok: false; reason: string };

/** The file names a preview reads, in a zip or among picked files. */
const PART = /\.(shp|dbf|cpg|prj)$/i;

export async function previewZippedShapefile(file: Blob): Promise<PreviewOutcome> {
  try {
    const entries = await readZipEntries(new Uint8Array(await file.arrayBuffer()), (name) => PART.test(name) && !name.includes('__MACOSX'));
    return previewParts(entries);
  } catch (thrown) {
    return { ok: false, reason: thrown instanceof ZipProblem ? thrown.message : `shpjs: ${(thrown as Error).message}` };
  }
}

/** The .shp with its .dbf/.cpg/.prj, chosen or dropped together as loose files. */
export async function previewLooseShapefile(files: File[]): Promise<PreviewOutcome> {
  const entries = new Map<string, Uint8Array>();
  for (const file of files.filter((candidate) => PART.test(candidate.name))) entries.set(file.name, new Uint8Array(await file.arrayBuffer()));
  return previewParts(entries);
}

function previewParts(entries: Map<string, Uint8Array>): PreviewOutcome {
  const shpName = [...entries.keys()].find((name) => /\.shp$/i.test(name));
  if (!shpName) return { ok: false, reason: 'no .shp file' };
  const stem = shpName.slice(0, -4);
  const part = (extension: string) => [...entries.entries()].find(([name]) => name.toLowerCase() === `${stem}.${extension}`.toLowerCase())?.[1] ?? null;
  const dbf = part('dbf');
  const cpg = part('cpg');
  try {
    const geometries = parseShp(viewOf(part('shp')!));
    const decoded = new Map<string, Array<Record<string, PreviewValue>>>();
    return {
      ok: true,
      preview: {
        layerName: stem.split('/').pop() ?? stem,
        geometries,
        cpg: cpg ? new TextDecoder().decode(cpg).trim() : null,
        hasPrj: part('prj') !== null,
        records(encoding) {
          if (!dbf) return geometries.map(() => ({}));
          if (!decoded.has(encoding)) decoded.set(encoding, parseDbf(viewOf(dbf), encoding).map(plainRecord));
          return decoded.get(encoding)!;
        },
      },
    };
  } catch (thrown) {
    return { ok: false, reason: `shpjs: ${(thrown as Error).message}` };
  }
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function plainRecord(record: Record<string, string | number | boolean | Date | null>): Record<string, PreviewValue> {
  const plain: Record<string, PreviewValue> = {};
  for (const [key, value] of Object.entries(record)) {
    plain[key] = value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)) : typeof value === 'number' && Number.isNaN(value) ? null : value;
  }
  return plain;
}
