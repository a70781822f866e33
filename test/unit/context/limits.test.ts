import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, limitsCandidates, loadLimits, parseLimits } from '../../../src/core/context/limits.js';

const FILE = '.sentinel/context/limits/context-limits.json';

describe('parseLimits', () => {
  it('reads JSON and fills defaults for keys left out', () => {
    const loaded = parseLimits('{"defaultMaxLines": 120, "artifacts": [{"name": "src", "globs": ["src/**"], "maxTokens": 900}]}', FILE);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.limits).toEqual({ ...DEFAULT_LIMITS, defaultMaxLines: 120, artifacts: [{ name: 'src', globs: ['src/**'], maxTokens: 900 }] });
  });

  it('reads YAML with the same meaning', () => {
    const yaml = 'defaultMaxLines: 120\nwarningThreshold: 0.5\nforbiddenPaths:\n  - .env\nartifacts:\n  - name: src\n    globs: ["src/**"]\n';
    const loaded = parseLimits(yaml, 'limits.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.limits).toMatchObject({ defaultMaxLines: 120, warningThreshold: 0.5, forbiddenPaths: ['.env'] });
  });

  it('reports JSON syntax errors with their line', () => {
    const [d] = parseLimits('{\n  "defaultMaxLines": 10,\n}', FILE).diagnostics;
    expect(d).toMatchObject({ code: 'CONTEXT_LIMITS_INVALID', severity: 'error', path: FILE, line: 3 });
  });

  it('reports YAML syntax errors with their line', () => {
    const [d] = parseLimits('defaultMaxLines: 10\nartifacts: [\n', 'l.yml').diagnostics;
    expect(d).toMatchObject({ code: 'CONTEXT_LIMITS_INVALID', path: 'l.yml' });
    expect(d!.line).toBeGreaterThan(1);
  });

  it('schema-checks values and unknown keys, pointing at the line (JSON and YAML)', () => {
    const json = '{\n  "defaultMaxLines": 100,\n  "warningThreshold": 3,\n  "artifact": []\n}';
    const diagnostics = parseLimits(json, FILE).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['CONTEXT_LIMITS_SCHEMA', 1],
      ['CONTEXT_LIMITS_SCHEMA', 3],
    ]);
    expect(diagnostics[0]!.message).toContain('unknown key "artifact"');
    const yaml = parseLimits('defaultMaxLines: 10\nartifacts:\n  - name: x\n    globs: []\n', 'l.yaml').diagnostics;
    expect(yaml.map((d) => d.line)).toEqual([4]);
  });

  it('accepts the keys init writes ($schema, version, description)', () => {
    const loaded = parseLimits(
      '{"$schema": "x", "version": 1, "description": "d", "artifacts": [{"name": "a", "globs": ["a/**"], "description": "why"}]}',
      FILE,
    );
    expect(loaded.diagnostics).toEqual([]);
  });
});

describe('loadLimits', () => {
  it('tries .json, then .yaml and .yml beside the configured path', () => {
    expect(limitsCandidates(FILE)).toEqual([FILE, '.sentinel/context/limits/context-limits.yaml', '.sentinel/context/limits/context-limits.yml']);
    const files: Record<string, string> = { '/r/.sentinel/context/limits/context-limits.yml': 'defaultMaxLines: 42\n' };
    const loaded = loadLimits('/r', FILE, (p) => files[p.replace(/\\/g, '/')]);
    expect(loaded.file).toBe('.sentinel/context/limits/context-limits.yml');
    expect(loaded.limits.defaultMaxLines).toBe(42);
  });

  it('falls back to defaults with an info note when no file exists', () => {
    const loaded = loadLimits('/r', FILE, () => undefined);
    expect(loaded.file).toBeUndefined();
    expect(loaded.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'CONTEXT_LIMITS_MISSING']]);
  });
});
