/**
 * The coordinate systems of Chinese city data, built from their parameters
 * (schemas/crs-registry.json) rather than copied definitions: CGCS2000
 * geographic, the 6° and 3° Gauss-Krüger zones in both numberings, WGS 84 and
 * Web Mercator. Each comes out as a proj4 definition.
 */
export interface CrsRegistryData {
  id: string;
  version: string;
  ellipsoids: Record<string, { a: number; rf: number }>;
  geographic: Array<{ code: string; name: string; ellipsoid: string }>;
  webMercator: Array<{ code: string; name: string; ellipsoid: string }>;
  gaussKrugerFamilies: Array<{
    firstCode: number; lastCode: number; zoneWidth: 3 | 6; firstZone: number; zoneInFalseEasting: boolean; name: string;
  }>;
}

export interface CrsDefinition {
  code: string;
  name: string;
  kind: 'geographic' | 'projected';
  proj4: string;
  /** Central meridian and zone, for Gauss-Krüger systems. */
  centralMeridian?: number;
  zone?: number;
  zoneWidth?: number;
}

export function buildCrsRegistry(data: CrsRegistryData): Map<string, CrsDefinition> {
  const registry = new Map<string, CrsDefinition>();
  const ellipsoid = (name: string): string => {
    const parameters = data.ellipsoids[name];
    if (!parameters) throw new Error(`crs registry ${data.version}: unknown ellipsoid ${name}`);
    return `+a=${parameters.a} +rf=${parameters.rf}`;
  };
  for (const entry of data.geographic) {
    registry.set(entry.code, { code: entry.code, name: entry.name, kind: 'geographic', proj4: `+proj=longlat ${ellipsoid(entry.ellipsoid)} +no_defs` });
  }
  for (const entry of data.webMercator) {
    registry.set(entry.code, {
      code: entry.code, name: entry.name, kind: 'projected',
      proj4: `+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs`,
    });
  }
  for (const family of data.gaussKrugerFamilies) {
    for (let code = family.firstCode; code <= family.lastCode; code++) {
      const zone = family.firstZone + (code - family.firstCode);
      // 6° zone n is centred on 6n − 3; 3° zone n on 3n.
      const centralMeridian = family.zoneWidth === 6 ? zone * 6 - 3 : zone * 3;
      const falseEasting = family.zoneInFalseEasting ? zone * 1_000_000 + 500_000 : 500_000;
      const name = family.name.replace('{zone}', String(zone)).replace('{meridian}', String(centralMeridian));
      registry.set(`EPSG:${code}`, {
        code: `EPSG:${code}`, name, kind: 'projected', centralMeridian, zone, zoneWidth: family.zoneWidth,
        proj4: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 ${ellipsoid('CGCS2000')} +units=m +no_defs`,
      });
    }
  }
  return registry;
}

/** The 3° zone (EPSG:4513–4533 numbering) whose band holds a longitude. */
export function threeDegreeZoneFor(longitude: number): number {
  return Math.round(longitude / 3);
}
