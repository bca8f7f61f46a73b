/**
 * SQL queries through gdal-async in tests. Every result layer is kept until
 * the dataset closes: a result layer the garbage collector frees while a
 * synchronous call on the same dataset runs (reading the next result's
 * features) waits for that dataset's lock on the same thread, and gdal-async
 * deadlocks (seen about one run in ten).
 */
import type { Dataset, Layer } from 'gdal-async';

export type SqlRows = (sql: string) => Array<Record<string, unknown> & { fid: number }>;

export function sqlRows(dataset: Dataset): SqlRows {
  const kept: Layer[] = [];
  return (sql) => {
    const layer = dataset.executeSQL(sql);
    kept.push(layer);
    return layer.features.map((feature) => ({ ...(feature.fields.toObject() as Record<string, unknown>), fid: feature.fid }));
  };
}
