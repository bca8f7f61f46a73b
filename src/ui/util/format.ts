/** Number and coordinate formatting for the status bar and the panels. */

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Projected coordinates with centimetres, geographic ones with ~0.1 m. */
export function formatProjected(value: number, isDegrees: boolean): string {
  return value.toFixed(isDegrees ? 6 : 2);
}

export function formatLongitude(lon: number): string {
  return `${Math.abs(lon).toFixed(5)}°${lon < 0 ? 'W' : 'E'}`;
}

export function formatLatitude(lat: number): string {
  return `${Math.abs(lat).toFixed(5)}°${lat < 0 ? 'S' : 'N'}`;
}

/** Rounds a scale denominator to a readable figure, e.g. 4,837 → 4,800. */
export function formatScale(denominator: number): string {
  if (!Number.isFinite(denominator) || denominator <= 0) return '—';
  const magnitude = Math.pow(10, Math.max(0, Math.floor(Math.log10(denominator)) - 1));
  return `1:${formatCount(Math.round(denominator / magnitude) * magnitude)}`;
}

export function formatResolution(metresPerPixel: number): string {
  if (metresPerPixel >= 10) return `${metresPerPixel.toFixed(0)} m/px`;
  if (metresPerPixel >= 1) return `${metresPerPixel.toFixed(1)} m/px`;
  return `${metresPerPixel.toFixed(2)} m/px`;
}

export function formatValue(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
  return value;
}
