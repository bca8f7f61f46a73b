/**
 * Errors are values with a stable code, a message a person can act on, and
 * the place (file, layer, feature, field) the problem is in. They cross the
 * process boundary as plain objects; `CityGridError` is only the in-process
 * carrier, so that service code can throw and adapters can catch.
 */
export type ErrorCode =
  | 'WORKSPACE_NOT_OPEN'
  | 'WORKSPACE_INVALID'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'FILE_CORRUPT'
  | 'FILE_TOO_LARGE'
  | 'FORMAT_UNSUPPORTED'
  | 'LAYER_UNKNOWN'
  | 'CRS_MISSING'
  | 'CRS_UNSUPPORTED'
  | 'OUTPUT_UNWRITABLE'
  | 'INVALID_REQUEST'
  | 'JOB_UNKNOWN'
  | 'CANCELED'
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  /** An import would empty a layer or leave less than half of it (core/import/layer_shrink.ts); allowShrink lets it. */
  | 'LAYER_WOULD_SHRINK'
  /** Another process is writing the workspace; retry when it is done. */
  | 'WORKSPACE_BUSY'
  | 'INTERNAL';

export interface ServiceError {
  code: ErrorCode;
  message: string;
  /** Where the problem is: a file path, `layer:NAME`, `layer:NAME#fid`, … */
  place?: string;
}

export class CityGridError extends Error {
  readonly code: ErrorCode;
  readonly place: string | undefined;

  constructor(code: ErrorCode, message: string, place?: string) {
    super(place ? `${place}: ${message}` : message);
    this.name = 'CityGridError';
    this.code = code;
    this.place = place;
  }

  toValue(): ServiceError {
    const value: ServiceError = { code: this.code, message: this.message };
    if (this.place !== undefined) value.place = this.place;
    return value;
  }
}

/** Any thrown thing as an error value; unknown failures keep their message. */
export function toServiceError(thrown: unknown): ServiceError {
  if (thrown instanceof CityGridError) return thrown.toValue();
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: 'INTERNAL', message: message || 'unexpected failure' };
}

export function isServiceError(value: unknown): value is ServiceError {
  return typeof value === 'object' && value !== null
    && typeof (value as ServiceError).code === 'string'
    && typeof (value as ServiceError).message === 'string';
}
