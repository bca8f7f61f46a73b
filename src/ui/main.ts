/**
 * Renderer entry: builds the frame, connects to the services (IPC under
 * Electron, loopback HTTP under the web host) and opens the current
 * workspace, or asks for one.
 */
import 'ol/ol.css';
import './styles/app.css';
import type OlMap from 'ol/Map.js';
import { connectSourcePicker, connectToServices } from './api/connect.js';
import { buildAppShell } from './app/app_shell.js';
import { createHeader } from './app/header.js';
import { createToolbar } from './app/toolbar.js';
import { createMessageBar } from './app/message_bar.js';
import { createOpenWorkspaceForm } from './app/open_workspace_form.js';
import { createWorkspaceController } from './app/workspace_controller.js';
import { createMap, fitToExtent } from './map/create_map.js';
import { createSelectionLayer } from './map/selection_layer.js';
import { installIdentifyTool } from './map/identify_tool.js';
import { createLayerList } from './panels/layer_list.js';
import { createIdentifyPanel } from './panels/identify_panel.js';
import { createStatusBar } from './panels/status_bar.js';
import { createImportDialog } from './panels/import_dialog.js';
import { createPublishDialog } from './panels/publish_dialog.js';
import { createQaReportPanel } from './panels/qa_report_panel.js';
import { showFinding } from './map/show_finding.js';
import { getLanguage } from './i18n/language.js';
import { filesOf } from './import/source_drop.js';

declare global {
  interface Window {
    /** For browser tests: they turn known coordinates into pixels with it. */
    citygridDebug?: { map: OlMap };
  }
}

async function start(): Promise<void> {
  document.documentElement.lang = getLanguage() === 'zh' ? 'zh-CN' : 'en';
  const client = connectToServices();
  const shell = buildAppShell(document.body);
  const messages = createMessageBar(shell.messageHost);
  const map = createMap(shell.mapTarget);
  window.citygridDebug = { map };

  const selection = createSelectionLayer();
  map.addLayer(selection.layer);
  const header = createHeader(shell.header);
  const layerList = createLayerList(shell.leftPanel, map);
  const identifyPanel = createIdentifyPanel(shell.rightPanel);
  const statusBar = createStatusBar(shell.statusHost, map);

  let openForm: ReturnType<typeof createOpenWorkspaceForm> | null = null;
  const toolbar = createToolbar(shell.toolbar, {
    openWorkspace: () => openForm?.show(workspace.info !== null),
    fullExtent: () => fitToExtent(map, workspace.info?.extent ?? null, 300),
    clearSelection: () => {
      selection.clear();
      identifyPanel.clear();
    },
    validate: () => qaPanel.open(),
    importData: () => importDialog.open(),
    publish: () => publishDialog.open(),
  });
  toolbar.setWorkspaceOpen(false);

  const workspace = createWorkspaceController(map, client, {
    header, toolbar, layerList, identifyPanel, statusBar, selection,
    reportError: (error) => messages.showError(error),
  });
  openForm = createOpenWorkspaceForm(shell.mapArea, (path) => workspace.open(path));

  const publishDialog = createPublishDialog(shell.mapArea, client, {
    layers: () => workspace.info?.layers ?? [],
    onError: (error) => messages.showError(error),
    onFinished: (result) => {
      if (!result.ok && result.error.code !== 'CANCELED') messages.showError(result.error);
      // The published version in the header moves on.
      if (result.ok) void workspace.reload();
    },
  });

  const importDialog = createImportDialog(shell.mapArea, client, connectSourcePicker(), map, {
    layers: () => workspace.info?.layers ?? [],
    onError: (error) => messages.showError(error),
    onFinished: (result) => {
      if (!result.ok && result.error.code !== 'CANCELED') messages.showError(result.error);
    },
  });
  // Files dropped anywhere on the map open the import dialog on them.
  shell.mapArea.addEventListener('dragover', (event) => {
    if (workspace.info && event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  shell.mapArea.addEventListener('drop', (event) => {
    const files = filesOf(event);
    if (!files || !workspace.info) return;
    event.preventDefault();
    importDialog.openWithFiles(files);
  });

  const qaPanel = createQaReportPanel(shell.mapArea, client, {
    onError: (error) => messages.showError(error),
    onSelect: (finding) => void showFinding(map, client, finding, {
      selection,
      onFeature: (feature) => identifyPanel.showHits([feature]),
      onError: (error) => messages.showError(error),
    }),
  });

  installIdentifyTool(map, client, () => workspace.layers, {
    onStart: () => identifyPanel.showPending(),
    onHits: (hits) => {
      identifyPanel.showHits(hits);
      selection.show(hits);
    },
    onError: (error) => {
      identifyPanel.clear();
      messages.showError(error);
    },
  });

  client.onEvent((event) => {
    publishDialog.handleEvent(event);
    importDialog.handleEvent(event);
    qaPanel.handleEvent(event);
    if (event.kind === 'workspace-changed') {
      qaPanel.reset();
      void workspace.refresh();
    }
  });

  const current = await client.getWorkspace({});
  if (!current.ok) {
    messages.showError(current.error);
    openForm.show(false);
  } else if (current.value) {
    await workspace.show(current.value);
  } else {
    openForm.show(false);
  }
}

void start();
