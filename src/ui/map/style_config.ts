/**
 * Typed view of the default map style (schemas/styles/default.json). The
 * style is data so that a city can restyle without a rebuild; this module
 * only gives it types.
 */
import styleJson from '../../../schemas/styles/default.json';

export interface AreaStyle { fill?: string; stroke?: string; width?: number; dash?: number[] }
export interface RoadStyle { stroke: string; casing: string; widthField: string }
export interface GridStyle extends AreaStyle { labelColor: string; labelMaxResolution: number }
export interface PointStyle { fill: string; radius: number; labelMaxResolution?: number; maxResolution?: number }
export interface ComponentStyle {
  radius: number;
  /** In metres per pixel: the components layer is not drawn (nor loaded) above it. */
  maxResolution: number;
  majorColors: Record<string, string>;
  /** For majors majorColors does not name (a city's own), in the order of the workspace's taxonomy. */
  paletteColors: string[];
  fallbackColor: string;
}

export interface MapStyleConfig {
  id: string;
  version: string;
  background: string;
  layers: {
    blocks: AreaStyle;
    green: AreaStyle;
    water: AreaStyle;
    roads: RoadStyle;
    streets: AreaStyle;
    communities: AreaStyle;
    grids: GridStyle;
    ownership: AreaStyle;
    addresses: PointStyle;
    components: ComponentStyle;
  };
}

export const MAP_STYLE: MapStyleConfig = styleJson as MapStyleConfig;

/** The simple area styles, by layer name, for layers without a special renderer. */
export function areaStyleFor(layerName: string): AreaStyle | undefined {
  const layers = MAP_STYLE.layers as unknown as Record<string, AreaStyle | undefined>;
  return layers[layerName];
}

/**
 * Addresses (door plates) are as dense as components; the style file gives
 * them no scale limit, so they follow the components' unless it adds one.
 */
export function maxResolutionFor(layerName: string): number | undefined {
  const layers = MAP_STYLE.layers;
  if (layerName === 'components') return layers.components.maxResolution;
  if (layerName === 'addresses') return layers.addresses.maxResolution ?? layers.components.maxResolution;
  return undefined;
}
