// `context lint` and `contracts validate` on the CLI reuse the per-file facts `check` keeps
// (src/core/operations/command-facts.ts): their documents must be exactly those of a run without a
// cache — cold, warm, and after a one-file edit — on the bench's seeded workspace with its planted findings.
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs generator shared with bench/
import { generateCheckWorkspace, sourcePath } from '../../../bench/lib/check-workspace.mjs';
import { openCache, type Cache } from '../../../src/core/cache/store.js';
import { contextLintOperation } from '../../../src/core/operations/context-lint.js';
import { contractsOperation } from '../../../src/core/operations/contracts.js';
import { runOperation, type OperationContext } from '../../../src/core/operations/operation.js';
import { loadConfig } from '../../../src/core/workspace/config.js';
import { layoutOf } from '../../../src/core/workspace/layout.js';

const SIZE = { capsules: 100, contracts: 2, fixturesPerContract: 60, sources: 2_000 };
const secret = randomBytes(32);
let root: string;

/** A cache that counts the records it answered, so a test can tell a warm run from a cold one. */
function countingCache(): { cache: Cache; hits: () => number } {
  const inner = openCache({ dir: path.join(root, ...layoutOf(loadConfig(root)).cacheDir.split('/')), version: 'test', secret });
  let hits = 0;
  const cache: Cache = {
    dir: inner.dir,
    namespace<T>(name: string, options?: { maxBytes?: number }) {
      const ns = inner.namespace<T>(name, options);
      return {
        ...ns,
        get: (key: string) => {
          const value = ns.get(key);
          if (value !== undefined) hits++;
          return value;
        },
        keys: () => ns.keys(),
        set: (key: string, value: T) => ns.set(key, value),
        delete: (key: string) => ns.delete(key),
        save: () => ns.save(),
      };
    },
  };
  return { cache, hits: () => hits };
}

/** Documents compared by digest: a failure names the digests, not two megabytes of JSON. */
const digest = (text: string) => `${createHash('sha256').update(text).digest('hex').slice(0, 16)} (${text.length} chars)`;

async function run(operation: Parameters<typeof runOperation>[0], raw: unknown, cache?: Cache) {
  const ctx: OperationContext = { root, config: loadConfig(root), caller: {}, ...(cache ? { cache: async () => cache } : {}) };
  return JSON.stringify((await runOperation(operation, ctx, raw)).document);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sentinel-command-facts-'));
  generateCheckWorkspace(root, SIZE, { faults: true });
  // Files modified in the last two seconds are not recorded (their timestamps could still move within a tick).
  await new Promise((resolve) => setTimeout(resolve, 2_100));
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true, maxRetries: 5 }), 60_000);

describe('context lint with per-file facts from the cache', () => {
  it('prints the document of an uncached run, cold, warm and after an edit', async () => {
    const fresh = await run(contextLintOperation, {});
    expect(fresh.includes('CONTEXT_OVER_BUDGET') && fresh.includes('CONTEXT_ALLOWED_MISSING')).toBe(true);
    const cold = countingCache();
    expect(digest(await run(contextLintOperation, {}, cold.cache))).toBe(digest(fresh));
    const warm = countingCache();
    expect(digest(await run(contextLintOperation, {}, warm.cache))).toBe(digest(fresh));
    // Nothing changed: the whole lint came from its one record (context/lint-memo.ts).
    expect(warm.hits()).toBe(1);

    appendFileSync(path.join(root, sourcePath(3)), 'export const grown = 1;\n'.repeat(400));
    const edited = await run(contextLintOperation, {});
    expect(digest(edited)).not.toBe(digest(fresh));
    const after = countingCache();
    expect(digest(await run(contextLintOperation, {}, after.cache))).toBe(digest(edited));
    // The record no longer holds; every other measured file's line count and every capsule came from the per-file records.
    expect(after.hits()).toBeGreaterThan(SIZE.sources);
    expect(digest(await run(contextLintOperation, { capsule: 'capsule-0003' }, countingCache().cache))).toBe(
      digest(await run(contextLintOperation, { capsule: 'capsule-0003' })),
    );
  }, 120_000);
});

describe('contracts validate with per-file facts from the cache', () => {
  /** How many schemas a run compiled differs by design (none when every verdict was reused); nothing else may. */
  const content = (document: string) => document.replace(/"validatorsCompiled":\d+/, '');

  it('prints the document of an uncached run, cold, warm and after a fixture edit', async () => {
    const fresh = await run(contractsOperation, { full: true });
    // Bad fixtures that must fail (and do), good ones that must pass.
    expect(fresh.includes('"expected":"fail"') && fresh.includes('"expected":"pass"')).toBe(true);
    expect(digest(content(await run(contractsOperation, { full: true }, countingCache().cache)))).toBe(digest(content(fresh)));
    const warm = countingCache();
    const reused = await run(contractsOperation, { full: true }, warm.cache);
    expect(digest(content(reused))).toBe(digest(content(fresh)));
    expect(reused).toContain('"validatorsCompiled":0');
    // Nothing changed: the whole report kept by the cold run (contracts/memo.ts), one record.
    expect(warm.hits()).toBe(1);

    // A good fixture that now breaks the contract: its verdict is computed again, the rest reused.
    writeFileSync(path.join(root, '.sentinel/contracts/fixtures/domain00.v1/good/f000.json'), '{"id": 1}');
    const edited = await run(contractsOperation, { full: true });
    expect(edited).toContain('CONTRACT_FIXTURE_INVALID');
    const afterEdit = countingCache();
    expect(digest(content(await run(contractsOperation, { full: true }, afterEdit.cache)))).toBe(digest(content(edited)));
    expect(afterEdit.hits()).toBeGreaterThanOrEqual(SIZE.contracts * SIZE.fixturesPerContract - 1);
    expect(digest(content(await run(contractsOperation, { id: 'domain01.v1', full: true }, countingCache().cache)))).toBe(
      digest(content(await run(contractsOperation, { id: 'domain01.v1', full: true }))),
    );
  }, 120_000);
});

describe('long lists in the context lint and contracts documents', () => {
  it('are summarised (not-ok items first, counts in `truncated`) unless `full` is asked', async () => {
    const full = JSON.parse(await run(contextLintOperation, { full: true })) as { files: { path: string; level: string }[]; truncated?: unknown };
    const shown = JSON.parse(await run(contextLintOperation, {})) as typeof full & { truncated: { data: Record<string, { total: number; shown: number }> } };
    expect(full.truncated).toBeUndefined();
    expect(full.files.length).toBeGreaterThan(2_000);
    expect(shown.files.length).toBe(200);
    expect(shown.truncated.data.files).toEqual({ total: full.files.length, shown: 200 });
    // The rows that say something (over or near budget) are never the ones left out.
    const flagged = full.files.filter((f) => f.level !== 'ok').map((f) => f.path);
    expect(flagged.length).toBeGreaterThan(0);
    expect(shown.files.filter((f) => f.level !== 'ok').map((f) => f.path)).toEqual(flagged);
  }, 120_000);
});
