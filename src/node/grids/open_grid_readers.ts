/**
 * Two read connections on a workspace that has grids and components, for the
 * assignment readers: GDAL runs each connection's SQL on its own libuv thread,
 * so two of them read side by side. Refuses a file GDAL cannot open or that
 * lacks either layer, closing what it opened.
 */
import { CityGridError } from '../../core/api/errors.js';
import gdal from '../gdal/gdal_runtime.js';
import { SqlReader } from '../qa/sql_columns.js';
import { describeLayers, TableCatalog, type LayerFacts } from '../qa/workspace_tables.js';

export interface GridReaders {
  layers: LayerFacts[];
  catalog: TableCatalog;
  readers: [SqlReader, SqlReader];
}

export function openGridReaders(path: string): GridReaders {
  let layers: LayerFacts[];
  const readers: SqlReader[] = [];
  try {
    layers = describeLayers(path, ['grids', 'components']);
    for (let index = 0; index < 2; index++) readers.push(new SqlReader(gdal.open(path, 'r')));
  } catch (thrown) {
    for (const reader of readers) reader.close();
    throw new CityGridError('WORKSPACE_INVALID', `GDAL cannot open the workspace for reading (${(thrown as Error).message})`, path);
  }
  for (const name of ['grids', 'components']) {
    if (!layers.some((layer) => layer.name === name)) {
      for (const reader of readers) reader.close();
      throw new CityGridError('WORKSPACE_INVALID', `the workspace lacks layer "${name}"`, path);
    }
  }
  return { layers, catalog: new TableCatalog(layers), readers: readers as [SqlReader, SqlReader] };
}
