import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { startupMaxInputBytes } from '../../../src/mcp/limits.js';
import { allTools } from '../../../src/mcp/registry.js';

describe('tool definitions load no domain code', () => {
  const staticImports = (dir: string, allowed: (spec: string) => boolean) =>
    readdirSync(dir).flatMap((file) =>
      [...readFileSync(path.join(dir, file), 'utf8').matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm)]
        .map((m) => m[1]!)
        .filter((spec) => !allowed(spec))
        .map((spec) => `${file}: ${spec}`),
    );

  it('keeps every tool definition free of core imports but its operation (handlers load them)', () => {
    const dir = path.resolve(__dirname, '../../../src/mcp/tools');
    const allowed = new Set(['../tool.js', '../operation-tool.js', '../../core/gates/types.js']);
    expect(staticImports(dir, (spec) => allowed.has(spec) || /^\.\.\/\.\.\/core\/operations\/[\w-]+\.js$/.test(spec))).toEqual([]);
    expect(allTools().every((t) => typeof t.handler === 'function')).toBe(true);
  });

  // An operation module is loaded to list tools: its domain code is imported inside run().
  it('keeps every operation module down to zod, types and a few leaf modules', () => {
    const dir = path.resolve(__dirname, '../../../src/core/operations');
    const allowed = new Set([
      'zod',
      './operation.js',
      '../errors.js',
      '../diagnostics.js',
      '../workspace/layout.js',
      '../report/summarise.js',
      '../gates/types.js',
      // imports types only; the cache and gate inputs load inside commandFacts()
      './command-facts.js',
    ]);
    expect(staticImports(dir, (spec) => allowed.has(spec) || /^\.\/[\w-]+-run\.js$/.test(spec))).toEqual([]);
  });
});

describe('startupMaxInputBytes', () => {
  const withConfig = (text: string | undefined): number => {
    const root = mkdtempSync(path.join(tmpdir(), 'sentinel-limits-'));
    try {
      if (text !== undefined) {
        const file = path.join(root, '.sentinel', 'config.json');
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
      return startupMaxInputBytes(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };

  it('reads mcp.maxInputBytes from the config file', () => {
    expect(withConfig('\uFEFF{"mcp":{"maxInputBytes":4096}}')).toBe(4096);
  });

  it('falls back to the default when the file is missing, broken, or the value is one the schema refuses', () => {
    const fallback = DEFAULT_CONFIG.mcp.maxInputBytes;
    expect(withConfig(undefined)).toBe(fallback);
    expect(withConfig('{"mcp":')).toBe(fallback);
    expect(withConfig('{"mcp":{"maxInputBytes":12}}')).toBe(fallback);
    expect(withConfig('{"mcp":{"maxInputBytes":"9000"}}')).toBe(fallback);
    expect(withConfig('null')).toBe(fallback);
  });
});
