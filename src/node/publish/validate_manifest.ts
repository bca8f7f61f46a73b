/** Checks a package manifest against schemas/package.schema.json before it is written. */
import AjvModule, { type ValidateFunction } from 'ajv';
import { CityGridError } from '../../core/api/errors.js';
import { readSchemaFile } from '../schemas/load_schemas.js';

// ajv is CommonJS with a `default` export; under NodeNext the default import is the module object.
const Ajv = AjvModule.default;

let validator: ValidateFunction | undefined;

export function validateManifest(manifest: unknown): void {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    validator = ajv.compile(readSchemaFile<object>('package.schema.json'));
  }
  if (!validator(manifest)) {
    const problems = (validator.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
    throw new CityGridError('INTERNAL', `the package manifest does not follow schemas/package.schema.json: ${problems}`);
  }
}
