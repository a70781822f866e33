import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv2020 } from '../../../src/core/schema/ajv.js';
import { REPO_ROOT } from '../../helpers/cli.js';

// At run time the shipped schemas are compiled without meta-schema validation (start-up cost),
// so this test is what keeps them valid.
const dir = path.join(REPO_ROOT, 'schemas');

describe('shipped JSON Schemas', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.json')))('%s is a valid 2020-12 schema', (file) => {
    const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ajv = createAjv2020();
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });
});
