import type { ErrorObject } from 'ajv';

/** Turn an ajv error into a sentence that names the key and the problem. */
export function describeAjvError(err: ErrorObject): string {
  const where = err.instancePath || '(root)';
  switch (err.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key "${(err.params as { additionalProperty: string }).additionalProperty}"`;
    case 'required':
      return `${where}: missing required key "${(err.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `${where}: must be one of ${((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where}: ${err.message ?? 'is invalid'}`;
  }
}
