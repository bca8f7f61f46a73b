// shpjs ships no types; these are the two functions the preview uses.
declare module 'shpjs' {
  /** Geometries (GeoJSON) of a .shp; with a .prj text they are reprojected to WGS 84 lon/lat. */
  export function parseShp(shp: DataView, prj?: string): Array<{ type: string; coordinates: unknown } | null>;
  /** Records of a .dbf, decoded with the TextDecoder label given as the .cpg text. */
  export function parseDbf(dbf: DataView, cpg?: string): Array<Record<string, string | number | boolean | Date | null>>;
}
