/**
 * What the renderer needs of a workspace's taxonomy (citygrid_meta.taxonomy):
 * the component class tables its codes are read in, a city's local majors and
 * classes included (the sample's 07 智慧感知设施), keyed by the base table each
 * code layout names, so that the legend and the identify panel name exactly
 * the classes the standards check reads.
 */
import type { TaxonomyInfo } from '../../core/api/contract.js';
import { loadCodeLayouts } from './load_schemas.js';
import { codeTablesFor, loadWorkspaceTaxonomy } from './load_taxonomy.js';

export function describeWorkspaceTaxonomy(taxonomyId: string): TaxonomyInfo {
  const layouts = loadCodeLayouts();
  const tables = codeTablesFor(layouts, taxonomyId || undefined);
  const componentTableIds = new Set(layouts.layouts.flatMap((layout) => (layout.kind === 'component' && layout.taxonomy ? [layout.taxonomy] : [])));
  const components = [...componentTableIds].flatMap((id) => {
    const table = tables[id];
    return table ? [{ id, majors: table.majors, classes: table.classes }] : [];
  });
  const name = taxonomyId ? loadWorkspaceTaxonomy(taxonomyId).city?.name ?? null : null;
  return { id: taxonomyId, name, components };
}
