import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateValidators, OUT_DIR } from '../../../scripts/build-validators.mjs';
import { validate as validateConfig } from '../../../src/generated/validators/config.js';
import { validate as validateAgent } from '../../../src/generated/validators/agent.js';

describe('build-time schema validators (src/generated/validators)', () => {
  it('are up to date with schemas/ (run `node scripts/build-validators.mjs` after editing a schema)', () => {
    for (const [file, text] of Object.entries(generateValidators())) {
      expect(readFileSync(path.join(OUT_DIR, file), 'utf8'), file).toBe(text);
    }
  });

  it('need no module at run time (no ajv, no require)', () => {
    for (const [file, text] of Object.entries(generateValidators())) {
      if (!file.endsWith('.js')) continue;
      expect(text, file).not.toMatch(/^import /m);
      expect(text, file).not.toMatch(/(?<!['"\w.])require\(/);
    }
  });

  it('judge like the schema: unknown keys, wrong types and string lengths with surrogate pairs', () => {
    expect(validateConfig({ version: 1 })).toBe(true);
    expect(validateConfig({ version: 1, gatez: {} })).toBe(false);
    expect(validateConfig.errors?.[0]).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'gatez' } });
    expect(validateConfig({ version: 2 })).toBe(false);
    expect(validateAgent({})).toBe(false);
    expect(validateAgent.errors!.some((e) => e.keyword === 'required')).toBe(true);
  });
});
