/**
 * The one implementation of the service contract. Electron's IPC adapter and
 * the web host both dispatch to an instance of this class.
 */
import { dirname, join } from 'node:path';
import type {
  CancelJobRequest, CancelJobResult, CityGridApi, FeaturePage, FeaturesRequest, IdentifyRequest, IdentifyResult,
  ImportRequest, ImportResult, InspectSourceRequest, JobHandle, LayerInfo, ListMappingPresetsRequest, MappingPresetInfo,
  OpenWorkspaceRequest, PublishRequest, SaveMappingPresetRequest, ServiceEvent, SourceInspection, ValidationRequest, WorkspaceInfo,
  TaxonomyInfo,
} from '../../core/api/contract.js';
import { requireString } from '../../core/api/dispatch.js';
import { CityGridError } from '../../core/api/errors.js';
import { requireRegularFile } from '../files/require_regular_file.js';
import { importLayer } from '../import/import_layer.js';
import { inspectForUi, withMappingFile } from '../import/inspect_for_ui.js';
import { listPresets, savePreset } from '../import/mapping_preset_store.js';
import { parseTextEncoding } from '../../core/encoding/detect_text_encoding.js';
import { JobRunner } from '../jobs/job_runner.js';
import { publishPackage } from '../publish/publish_package.js';
import { findingsCsvPath, validateWithFindingsCsv, validateWorkspace } from '../qa/validate_workspace.js';
import { describeWorkspaceTaxonomy } from '../schemas/describe_workspace_taxonomy.js';
import { featuresInExtent, identifyAt } from '../workspace/query_features.js';
import { sweepStaleStaging } from '../staging/staging_folder.js';
import { Workspace } from '../workspace/workspace.js';

export type ServiceEventListener = (event: ServiceEvent) => void;

export class CityGridServices implements CityGridApi {
  private workspace: Workspace | null = null;
  private readonly listeners = new Set<ServiceEventListener>();
  private readonly jobs = new JobRunner((event) => this.emit(event));

  /** Subscribes to events for every renderer connected through an adapter. */
  subscribe(listener: ServiceEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ServiceEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async openWorkspace(request: OpenWorkspaceRequest): Promise<WorkspaceInfo> {
    const path = requireString(request as unknown as Record<string, unknown>, 'path', 'openWorkspace');
    if (this.jobs.isRunning('publish')) throw new CityGridError('INVALID_REQUEST', 'a publish is running; wait for it or cancel it first');
    requireRegularFile(path);
    // Open the new one first: a bad path must leave the current workspace open.
    const next = Workspace.open(path);
    // What imports killed earlier left beside it goes now (only theirs: live processes keep their files).
    sweepStaleStaging(next.path);
    this.workspace?.close();
    this.workspace = next;
    this.emit({ kind: 'workspace-changed', path: next.path });
    return next.info();
  }

  async getWorkspace(): Promise<WorkspaceInfo | null> {
    return this.workspace ? this.workspace.info() : null;
  }

  async listLayers(): Promise<LayerInfo[]> {
    return this.requireWorkspace().layerInfos();
  }

  async getTaxonomy(): Promise<TaxonomyInfo> {
    return describeWorkspaceTaxonomy(this.requireWorkspace().readMeta().taxonomy);
  }

  async getFeatures(request: FeaturesRequest): Promise<FeaturePage> {
    requireString(request as unknown as Record<string, unknown>, 'layer', 'getFeatures');
    return featuresInExtent(this.requireWorkspace(), request);
  }

  async identify(request: IdentifyRequest): Promise<IdentifyResult> {
    return identifyAt(this.requireWorkspace(), request);
  }

  async startPublish(request: PublishRequest): Promise<JobHandle<'publish'>> {
    const workspace = this.requireWorkspace();
    if (this.jobs.isRunning('publish')) throw new CityGridError('INVALID_REQUEST', 'a publish is already running');
    const outDir = request.outDir && request.outDir.trim() !== '' ? request.outDir : defaultPackagesDir(workspace.path);
    const jobId = this.jobs.start('publish', (feedback) => publishPackage(workspace, { outDir, allowErrors: request.allowErrors === true }, feedback));
    return { jobId };
  }

  async startValidation(request: ValidationRequest): Promise<JobHandle<'validation'>> {
    const workspace = this.requireWorkspace();
    if (this.jobs.isRunning('validation')) throw new CityGridError('INVALID_REQUEST', 'a validation is already running');
    // The check reads through its own connections; the report names the workspace it checked.
    const jobId = this.jobs.start('validation', (feedback) => (request.findingsCsv === true
      ? validateWithFindingsCsv(workspace, findingsCsvPath(workspace.path, new Date()), feedback)
      : validateWorkspace(workspace, feedback)));
    return { jobId };
  }

  async startImport(request: ImportRequest): Promise<JobHandle<'import'>> {
    const workspace = this.requireWorkspace();
    const layer = requireString(request as unknown as Record<string, unknown>, 'layer', 'startImport');
    const source = requireString(request as unknown as Record<string, unknown>, 'source', 'startImport');
    requireRegularFile(source, { folderAllowed: true, withSidecars: true });
    const encoding = request.encoding ? parseTextEncoding(request.encoding) : undefined;
    if (encoding === null) throw new CityGridError('INVALID_REQUEST', 'startImport: encoding must be UTF-8, GBK or GB18030');
    if (this.jobs.isRunning('import') || this.jobs.isRunning('publish')) {
      throw new CityGridError('INVALID_REQUEST', 'an import or a publish is running; wait for it or cancel it first');
    }
    workspace.layerSchema(layer);
    const jobId = this.jobs.start('import', async (feedback): Promise<ImportResult> => {
      // The import writes through its own connection, in one transaction.
      const report = await withMappingFile(layer, request.mapping, (mappingPreset) =>
        importLayer({ workspacePath: workspace.path, layer, source, encoding, crs: request.crs || undefined, mappingPreset, allowShrink: request.allowShrink === true }, feedback));
      // Reopen, so that counts and extents read from this connection are fresh.
      if (this.workspace === workspace) {
        workspace.close();
        this.workspace = Workspace.open(workspace.path);
        this.emit({ kind: 'workspace-changed', path: workspace.path });
      }
      return { layer, source, imported: report.imported, replaced: report.replaced, sourceCrs: report.sourceCrs, workspaceCrs: report.workspaceCrs };
    });
    return { jobId };
  }

  async cancelJob(request: CancelJobRequest): Promise<CancelJobResult> {
    const jobId = requireString(request as unknown as Record<string, unknown>, 'jobId', 'cancelJob');
    return { canceled: this.jobs.cancel(jobId) };
  }

  async inspectSource(request: InspectSourceRequest): Promise<SourceInspection> {
    const source = requireString(request as unknown as Record<string, unknown>, 'source', 'inspectSource');
    requireRegularFile(source, { folderAllowed: true, withSidecars: true });
    const encoding = request.encoding ? parseTextEncoding(request.encoding) : undefined;
    if (encoding === null) throw new CityGridError('INVALID_REQUEST', 'inspectSource: encoding must be UTF-8, GBK or GB18030');
    const layerSchema = request.layer ? this.requireWorkspace().layerSchema(request.layer) : null;
    return inspectForUi(source, encoding, layerSchema);
  }

  async listMappingPresets(request: ListMappingPresetsRequest): Promise<MappingPresetInfo[]> {
    return listPresets(presetsDir(this.requireWorkspace().path), request.layer);
  }

  async saveMappingPreset(request: SaveMappingPresetRequest): Promise<MappingPresetInfo> {
    const workspace = this.requireWorkspace();
    const name = requireString(request as unknown as Record<string, unknown>, 'name', 'saveMappingPreset');
    const layer = requireString(request as unknown as Record<string, unknown>, 'layer', 'saveMappingPreset');
    return savePreset(presetsDir(workspace.path), name, workspace.layerSchema(layer), request.fields);
  }

  async dispose(): Promise<void> {
    await this.jobs.settle();
    this.workspace?.close();
    this.workspace = null;
    this.listeners.clear();
  }

  private requireWorkspace(): Workspace {
    if (!this.workspace) throw new CityGridError('WORKSPACE_NOT_OPEN', 'no workspace is open; open a .gpkg workspace first');
    return this.workspace;
  }
}

export function defaultPackagesDir(workspacePath: string): string {
  return join(dirname(workspacePath), 'packages');
}

/** Mapping presets live beside the workspace, where the CLI's --mapping can name them too. */
export function presetsDir(workspacePath: string): string {
  return join(dirname(workspacePath), 'mapping-presets');
}
