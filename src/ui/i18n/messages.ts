/**
 * Every fixed piece of UI text, Chinese and English side by side so that a
 * missing translation shows up in review, not at run time.
 */
import type { LocalizedText } from '../../core/api/geo_types.js';
import { localize } from './language.js';

export const MESSAGES = {
  productName: { zh: '城市网格工作台', en: 'CityGrid Studio' },
  noWorkspace: { zh: '未打开工作空间', en: 'No workspace open' },
  publishedVersion: { zh: '已发布版本', en: 'Published version' },
  notPublished: { zh: '尚未发布', en: 'Not published yet' },

  openWorkspace: { zh: '打开工作空间', en: 'Open workspace' },
  openWorkspaceHint: {
    zh: '输入工作空间文件 (.gpkg) 在本机上的完整路径。',
    en: 'Enter the full path of the workspace file (.gpkg) on this computer.',
  },
  workspacePath: { zh: '工作空间路径', en: 'Workspace path' },
  open: { zh: '打开', en: 'Open' },
  opening: { zh: '正在打开…', en: 'Opening…' },
  cancel: { zh: '取消', en: 'Cancel' },
  close: { zh: '关闭', en: 'Close' },
  fullExtent: { zh: '全图', en: 'Full extent' },
  zoomIn: { zh: '放大', en: 'Zoom in' },
  zoomOut: { zh: '缩小', en: 'Zoom out' },
  clearSelection: { zh: '清除选择', en: 'Clear selection' },

  layers: { zh: '图层', en: 'Layers' },
  dataLayers: { zh: '数据图层', en: 'Data layers' },
  baseLayers: { zh: '底图', en: 'Base map' },
  outOfScale: { zh: '放大后显示', en: 'Zoom in to show' },
  partlyLoaded: { zh: '仅加载部分要素，放大可加载全部', en: 'Partly loaded; zoom in to load all' },
  legendMajorClasses: { zh: '部件大类', en: 'Component major classes' },

  identify: { zh: '要素查询', en: 'Identify' },
  identifyHint: { zh: '在地图上单击以查询要素属性。', en: 'Click the map to see the attributes of features.' },
  identifying: { zh: '正在查询…', en: 'Identifying…' },
  nothingHere: { zh: '未找到要素', en: 'Nothing here' },
  field: { zh: '字段', en: 'Field' },
  value: { zh: '值', en: 'Value' },
  featureId: { zh: '要素编号', en: 'Feature id' },
  hitCount: { zh: '个要素', en: 'feature(s)' },

  publish: { zh: '发布数据包', en: 'Publish' },
  importData: { zh: '导入', en: 'Import' },
  importTitle: { zh: '导入数据', en: 'Import data' },
  importLayer: { zh: '目标图层', en: 'Target layer' },
  importSource: { zh: '源文件路径', en: 'Source file path' },
  importSourceHint: {
    zh: 'Shapefile (.shp/.zip)、GeoPackage、GeoJSON、FileGDB、KML、CSV 或 DXF 在本机上的完整路径；导入会替换该图层的全部要素。',
    en: 'Full path of a Shapefile (.shp/.zip), GeoPackage, GeoJSON, FileGDB, KML, CSV or DXF on this computer; the import replaces the layer\'s features.',
  },
  importEncoding: { zh: '文字编码', en: 'Text encoding' },
  importEncodingAuto: { zh: '自动 (.cpg 或检测)', en: 'Automatic (.cpg or detected)' },
  importCrs: { zh: '坐标系 (源文件无坐标系时)', en: 'Coordinate system (when the source has none)' },
  importDone: { zh: '导入完成', en: 'Imported' },
  importFailed: { zh: '导入失败，工作空间未改变', en: 'Import failed; the workspace is unchanged' },
  importReplaced: { zh: '替换', en: 'replaced' },
  publishTitle: { zh: '发布数据包', en: 'Publish data package' },
  outputFolder: { zh: '输出文件夹', en: 'Output folder' },
  outputFolderHint: {
    zh: '留空则发布到工作空间旁的 packages 文件夹。',
    en: 'Leave empty to publish into the packages folder beside the workspace.',
  },
  publishAllowErrors: { zh: '检查发现错误时仍然发布（数据包会记录）', en: 'Publish even if the check finds errors (the package records it)' },
  qaFindings: { zh: '检查结果', en: 'Check' },
  start: { zh: '开始', en: 'Start' },
  starting: { zh: '正在启动…', en: 'Starting…' },
  publishDone: { zh: '发布完成', en: 'Published' },
  publishFailed: { zh: '发布失败', en: 'Publish failed' },
  publishCanceled: { zh: '发布已取消', en: 'Publish canceled' },
  directory: { zh: '目录', en: 'Directory' },
  version: { zh: '版本', en: 'Version' },
  layer: { zh: '图层', en: 'Layer' },
  featureCount: { zh: '要素数', en: 'Features' },
  files: { zh: '文件', en: 'Files' },

  validate: { zh: '检查', en: 'Validate' },
  qaReportTitle: { zh: '检查报告', en: 'Validation report' },
  qaRunAgain: { zh: '重新检查', en: 'Run again' },
  qaRunning: { zh: '正在检查…', en: 'Validating…' },
  qaFailed: { zh: '检查失败', en: 'Validation failed' },
  qaCanceled: { zh: '检查已取消', en: 'Validation canceled' },
  qaClean: { zh: '未发现问题', en: 'No findings' },
  qaErrors: { zh: '错误', en: 'Errors' },
  qaWarnings: { zh: '警告', en: 'Warnings' },
  qaSkipped: { zh: '未检查', en: 'Not checked' },
  qaListed: { zh: '仅列出前', en: 'listing the first' },
  qaFindingHint: { zh: '单击问题以在地图上定位。', en: 'Click a finding to show it on the map.' },
  pointer: { zh: '坐标', en: 'Pointer' },
  scale: { zh: '比例尺', en: 'Scale' },
  resolution: { zh: '分辨率', en: 'Resolution' },
  loading: { zh: '加载中', en: 'Loading' },
  dismiss: { zh: '关闭消息', en: 'Dismiss' },
  languageToggleTitle: { zh: '切换语言 / Switch language', en: 'Switch language / 切换语言' },
} satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof MESSAGES;

/** The fixed text for `key` in the current language. */
export function text(key: MessageKey): string {
  return localize(MESSAGES[key]);
}
