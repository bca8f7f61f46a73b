/**
 * Makes the staged geometries fit the target layer's geometry kind, or
 * refuses. Formats store single geometries as one-part multis (FileGDB
 * lines, some shapefile writers, KML); those are unwrapped. A feature
 * without geometry, of another kind, or a multi of several parts cannot go
 * into a layer of single points, lines or polygons: merging the parts would
 * invent geometry and splitting would invent features, so it is refused
 * with the source feature's number. Only the misfits are visited (found by
 * SQL), so a conforming layer costs one query.
 */
import type { Dataset, Geometry, Layer } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import type { LayerSchema } from '../../core/schema/layer_schema.js';
import gdal from '../gdal/gdal_runtime.js';
import { SOURCE_FID_COLUMN, STAGING_LAYER } from './stage_source_layer.js';

const SQL_NAMES: Record<LayerSchema['geometry'], string> = {
  Point: 'POINT', LineString: 'LINESTRING', Polygon: 'POLYGON',
  MultiPoint: 'MULTIPOINT', MultiLineString: 'MULTILINESTRING', MultiPolygon: 'MULTIPOLYGON',
};

const HUMAN_NAMES: Record<string, string> = {
  POINT: 'a Point', LINESTRING: 'a LineString', POLYGON: 'a Polygon', MULTIPOINT: 'a MultiPoint',
  MULTILINESTRING: 'a MultiLineString', MULTIPOLYGON: 'a MultiPolygon', GEOMETRYCOLLECTION: 'a GeometryCollection',
};

interface Misfit { fid: number; sourceFid: number; kind: string | null }

export function fitStagedGeometries(staged: Dataset, layer: Layer, target: LayerSchema, place: string): { unwrapped: number } {
  const expected = SQL_NAMES[target.geometry];
  const misfits = findMisfits(staged, expected);
  const problems = new Map<string, number[]>();
  let unwrapped = 0;
  let missing = false;
  for (const misfit of misfits) {
    const feature = layer.features.get(misfit.fid);
    const geometry = feature?.getGeometry() ?? null;
    const single = geometry && misfit.kind === `MULTI${expected}` ? onlyPart(geometry) : null;
    if (feature && single) {
      feature.setGeometry(single);
      layer.features.set(feature);
      unwrapped++;
      continue;
    }
    if (!geometry) missing = true;
    const problem = describe(misfit, geometry);
    problems.set(problem, [...(problems.get(problem) ?? []), misfit.sourceFid]);
  }
  if (problems.size > 0) {
    const listed = [...problems].map(([problem, fids]) => `${fids.length === 1 ? 'feature' : 'features'} ${listFids(fids)} ${fids.length === 1 ? problem : plural(problem)}`);
    // A record without geometry is what a damaged or cut-off file yields; a wrong kind is the wrong file.
    throw new CityGridError(missing ? 'FILE_CORRUPT' : 'INVALID_REQUEST', `${listed.join('; ')}; layer ${target.name} holds single ${target.geometry}s`, place);
  }
  if (unwrapped > 0) layer.flush();
  return { unwrapped };
}

function listFids(fids: number[]): string {
  return fids.length <= 5 ? fids.join(', ') : `${fids.slice(0, 5).join(', ')} and ${fids.length - 5} more`;
}

function plural(problem: string): string {
  return problem.replace(/^has /, 'have ').replace(/^is /, 'are each ');
}

function findMisfits(staged: Dataset, expected: string): Misfit[] {
  const result = staged.executeSQL(
    `SELECT fid, ${SOURCE_FID_COLUMN}, CASE WHEN geom IS NULL THEN NULL ELSE ST_GeometryType(geom) END AS kind FROM ${STAGING_LAYER} `
    + `WHERE geom IS NULL OR ST_IsEmpty(geom) OR ST_GeometryType(geom) <> '${expected}' ORDER BY fid`);
  const misfits: Misfit[] = [];
  result.features.forEach((row) => {
    const values = row.fields.toObject() as { fid?: number; citygrid_source_fid: number; kind: string | null };
    misfits.push({ fid: row.fid, sourceFid: values.citygrid_source_fid, kind: values.kind });
  });
  return misfits;
}

function onlyPart(geometry: Geometry): Geometry | null {
  if (!(geometry instanceof gdal.GeometryCollection)) return null;
  return geometry.children.count() === 1 ? geometry.children.get(0).clone() : null;
}

function describe(misfit: Misfit, geometry: Geometry | null): string {
  if (!misfit.kind || !geometry) return 'has no geometry (a damaged or truncated record, a null shape, or a table without geometry)';
  if (geometry.isEmpty()) return 'has an empty geometry';
  const kind = HUMAN_NAMES[misfit.kind] ?? misfit.kind;
  if (geometry instanceof gdal.GeometryCollection) return `is ${kind} of ${geometry.children.count()} parts`;
  return `is ${kind}`;
}
