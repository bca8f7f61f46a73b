/**
 * Puts a workspace on screen: registers its CRS, replaces the map view and
 * layers, and tells every panel. Also the one place that opens workspaces,
 * so the form, start-up and `workspace-changed` events behave alike.
 */
import type OlMap from 'ol/Map.js';
import type { ApiClient } from '../../core/api/client.js';
import type { WorkspaceInfo } from '../../core/api/contract.js';
import type { ServiceError } from '../../core/api/errors.js';
import { setWorkspaceTaxonomy } from '../map/component_classes.js';
import { registerWorkspaceCrs } from '../map/projection_setup.js';
import { setWorkspaceView } from '../map/create_map.js';
import { addWorkspaceLayers, type WorkspaceLayers } from '../map/workspace_layers.js';
import type { SelectionLayer } from '../map/selection_layer.js';
import type { LayerList } from '../panels/layer_list.js';
import type { IdentifyPanel } from '../panels/identify_panel.js';
import type { StatusBar } from '../panels/status_bar.js';
import type { Header } from './header.js';
import type { Toolbar } from './toolbar.js';

export interface WorkspaceViews {
  header: Header;
  toolbar: Toolbar;
  layerList: LayerList;
  identifyPanel: IdentifyPanel;
  statusBar: StatusBar;
  selection: SelectionLayer;
  reportError(error: ServiceError): void;
}

export interface WorkspaceController {
  readonly info: WorkspaceInfo | null;
  readonly layers: WorkspaceLayers | null;
  /** Puts the workspace on screen once its taxonomy is read (the components' colours and the legend need it). */
  show(info: WorkspaceInfo): Promise<void>;
  /** Opens a workspace by path; false (with the error shown) when it fails. */
  open(path: string): Promise<boolean>;
  /** Re-reads the workspace after a change on the service side. */
  reload(): Promise<void>;
  /** Rebuild layers and counts after the data changed. */
  refresh(): Promise<void>;
}

export function createWorkspaceController(map: OlMap, client: ApiClient, views: WorkspaceViews): WorkspaceController {
  let info: WorkspaceInfo | null = null;
  let layers: WorkspaceLayers | null = null;

  const show = async (next: WorkspaceInfo, keepView = false): Promise<void> => {
    const taxonomy = await client.getTaxonomy({});
    if (!taxonomy.ok) views.reportError(taxonomy.error);
    setWorkspaceTaxonomy(taxonomy.ok ? taxonomy.value : null);
    let projection;
    try {
      projection = registerWorkspaceCrs(next.crs);
    } catch (thrown) {
      views.reportError({ code: 'CRS_UNSUPPORTED', message: thrown instanceof Error ? thrown.message : String(thrown), place: next.crs.code });
      return;
    }
    layers?.remove();
    views.selection.clear();
    info = next;
    if (!keepView) setWorkspaceView(map, projection.projection, next.extent, projection.metresPerUnit);
    layers = addWorkspaceLayers(map, client, next.layers, next.extent, projection.metresPerUnit, {
      onError: views.reportError,
      onLoadingChange: (pending) => {
        views.statusBar.setLoading(pending);
        if (pending === 0) views.layerList.refreshStates();
      },
      onTruncatedChange: () => views.layerList.refreshStates(),
    });
    views.header.setWorkspace(next);
    views.toolbar.setWorkspaceOpen(true);
    views.layerList.setLayers(layers);
    views.identifyPanel.setLayers(next.layers);
    views.statusBar.setWorkspace(next.crs.code, projection);
  };

  return {
    get info() { return info; },
    get layers() { return layers; },
    show,
    async open(path) {
      const result = await client.openWorkspace({ path });
      if (!result.ok) {
        views.reportError(result.error);
        return false;
      }
      await show(result.value);
      return true;
    },
    async reload() {
      const result = await client.getWorkspace({});
      if (!result.ok) {
        views.reportError(result.error);
        return;
      }
      const next = result.value;
      if (!next) return;
      // Same workspace (e.g. after a publish): only the header changes; the
      // map keeps its position and loaded features.
      if (info && next.path === info.path) {
        info = next;
        views.header.setWorkspace(next);
      } else {
        await show(next);
      }
    },
    async refresh() {
      const result = await client.getWorkspace({});
      if (!result.ok) {
        views.reportError(result.error);
        return;
      }
      // The data changed (an import, or another workspace opened from the
      // menu): rebuild layers and counts; keep the view on the same workspace.
      if (result.value) await show(result.value, info !== null && result.value.path === info.path);
    },
  };
}
