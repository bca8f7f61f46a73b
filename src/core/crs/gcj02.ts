/**
 * GCJ-02, the obfuscated datum of Amap/Gaode and Tencent base maps, from and
 * to WGS 84 / CGCS2000 (which agree to well under a metre). For DISPLAY of
 * such base maps only: CityGrid never writes GCJ-02 coordinates into data.
 * The forward formula is the published one; the inverse iterates it.
 */
const SEMI_MAJOR_AXIS = 6378245.0;
const ECCENTRICITY_SQUARED = 0.00669342162296594323;

export function isOutsideChina(longitude: number, latitude: number): boolean {
  return longitude < 72.004 || longitude > 137.8347 || latitude < 0.8293 || latitude > 55.8271;
}

function transformLatitude(x: number, y: number): number {
  let result = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  result += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
  result += (20 * Math.sin(y * Math.PI) + 40 * Math.sin(y / 3 * Math.PI)) * 2 / 3;
  result += (160 * Math.sin(y / 12 * Math.PI) + 320 * Math.sin(y * Math.PI / 30)) * 2 / 3;
  return result;
}

function transformLongitude(x: number, y: number): number {
  let result = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  result += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
  result += (20 * Math.sin(x * Math.PI) + 40 * Math.sin(x / 3 * Math.PI)) * 2 / 3;
  result += (150 * Math.sin(x / 12 * Math.PI) + 300 * Math.sin(x / 30 * Math.PI)) * 2 / 3;
  return result;
}

/** WGS 84 (or CGCS2000) lon/lat → GCJ-02 lon/lat; unchanged outside China. */
export function wgs84ToGcj02(longitude: number, latitude: number): [number, number] {
  if (isOutsideChina(longitude, latitude)) return [longitude, latitude];
  let deltaLatitude = transformLatitude(longitude - 105, latitude - 35);
  let deltaLongitude = transformLongitude(longitude - 105, latitude - 35);
  const radians = latitude / 180 * Math.PI;
  let magic = Math.sin(radians);
  magic = 1 - ECCENTRICITY_SQUARED * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  deltaLatitude = (deltaLatitude * 180) / ((SEMI_MAJOR_AXIS * (1 - ECCENTRICITY_SQUARED)) / (magic * sqrtMagic) * Math.PI);
  deltaLongitude = (deltaLongitude * 180) / (SEMI_MAJOR_AXIS / sqrtMagic * Math.cos(radians) * Math.PI);
  return [longitude + deltaLongitude, latitude + deltaLatitude];
}

/** GCJ-02 → WGS 84 by fixed-point iteration on the forward formula (to ~1e-9°). */
export function gcj02ToWgs84(longitude: number, latitude: number): [number, number] {
  if (isOutsideChina(longitude, latitude)) return [longitude, latitude];
  let estimate: [number, number] = [longitude, latitude];
  for (let iteration = 0; iteration < 30; iteration++) {
    const [forwardLongitude, forwardLatitude] = wgs84ToGcj02(estimate[0], estimate[1]);
    const errorLongitude = forwardLongitude - longitude;
    const errorLatitude = forwardLatitude - latitude;
    estimate = [estimate[0] - errorLongitude, estimate[1] - errorLatitude];
    if (Math.abs(errorLongitude) < 1e-10 && Math.abs(errorLatitude) < 1e-10) break;
  }
  return estimate;
}
