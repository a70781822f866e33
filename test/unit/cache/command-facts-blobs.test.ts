// `context lint` on the CLI takes the identity of tracked files git found unchanged from git's
// blob ids (docs/cache.md), as `check` does: a warm run neither stat's nor opens them. A file
// edited behind git's back (assume-unchanged) is left out of the blob ids, so its edit is still
// seen — by `context lint` and by `contracts validate` (which checks its fixtures by stat: a git
// listing of a 23,000-file index costs more than stat'ing 2,000 fixtures, docs/bench.md).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return { ...real, statSync: vi.fn(real.statSync), openSync: vi.fn(real.openSync) };
});

// @ts-expect-error -- a plain .mjs generator shared with bench/
const { generateCheckWorkspace, sourcePath } = await import('../../../bench/lib/check-workspace.mjs');
const { openCache } = await import('../../../src/core/cache/store.js');
const { contextLintOperation } = await import('../../../src/core/operations/context-lint.js');
const { contractsOperation } = await import('../../../src/core/operations/contracts.js');
const { runOperation } = await import('../../../src/core/operations/operation.js');
const { loadConfig } = await import('../../../src/core/workspace/config.js');
const { layoutOf } = await import('../../../src/core/workspace/layout.js');
type OperationContext = import('../../../src/core/operations/operation.js').OperationContext;

const SIZE = { capsules: 40, contracts: 2, fixturesPerContract: 20, sources: 600 };
const secret = randomBytes(32);
let root: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const digest = (text: string) => `${createHash('sha256').update(text).digest('hex').slice(0, 16)} (${text.length} chars)`;

async function run(operation: Parameters<typeof runOperation>[0], raw: unknown, cached: boolean) {
  const cache = cached ? openCache({ dir: path.join(root, ...layoutOf(loadConfig(root)).cacheDir.split('/')), version: 'test', secret }) : undefined;
  const ctx: OperationContext = { root, config: loadConfig(root), caller: {}, ...(cache ? { cache: async () => cache } : {}) };
  return JSON.stringify((await runOperation(operation, ctx, raw)).document);
}

/** Stat and open calls of the run on the workspace's tracked sources (`src/…`). */
async function touchingSources<T>(body: () => Promise<T>): Promise<{ value: T; calls: number }> {
  const sources = path.join(root, 'src') + path.sep;
  const stat = vi.mocked(fs.statSync);
  const open = vi.mocked(fs.openSync);
  stat.mockClear();
  open.mockClear();
  const value = await body();
  const calls = [...stat.mock.calls, ...open.mock.calls].filter(([file]) => String(file).startsWith(sources)).length;
  return { value, calls };
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(tmpdir(), 'sentinel-command-blobs-'));
  generateCheckWorkspace(root, SIZE, { faults: true });
  await new Promise((resolve) => setTimeout(resolve, 2_100));
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true, maxRetries: 5 }), 60_000);

describe('context lint with git blob ids', () => {
  it('neither stats nor opens unchanged tracked sources when warm, and sees edits git is told to ignore', async () => {
    const fresh = await run(contextLintOperation, { full: true }, false);
    expect(digest(await run(contextLintOperation, { full: true }, true))).toBe(digest(fresh));
    const warm = await touchingSources(() => run(contextLintOperation, { full: true }, true));
    expect(digest(warm.value)).toBe(digest(fresh));
    expect(warm.calls).toBe(0);

    // One file edited in the open, one behind git's back: both are read again, nothing else is.
    fs.appendFileSync(path.join(root, sourcePath(5)), 'export const grown = 1;\n'.repeat(400));
    git('update-index', '--assume-unchanged', sourcePath(8));
    fs.appendFileSync(path.join(root, sourcePath(8)), 'export const hidden = 1;\n'.repeat(400));
    const edited = await run(contextLintOperation, { full: true }, false);
    expect(edited).toContain(sourcePath(8));
    expect(digest(edited)).not.toBe(digest(fresh));
    const after = await touchingSources(() => run(contextLintOperation, { full: true }, true));
    // Both edits seen (the cached report is the fresh one) with at most the two files touched again;
    // how many of those touches a run needs depends on what an earlier run in this process kept.
    expect(digest(after.value)).toBe(digest(edited));
    expect(after.calls).toBeLessThanOrEqual(4);
  }, 120_000);
});

describe('contracts validate and a fixture git is told to ignore', () => {
  const content = (document: string) => document.replace(/"validatorsCompiled":\d+/, '');

  it('gives the uncached verdict after the fixture is edited', async () => {
    const fresh = await run(contractsOperation, { full: true }, false);
    expect(digest(content(await run(contractsOperation, { full: true }, true)))).toBe(digest(content(fresh)));
    const fixture = '.sentinel/contracts/fixtures/domain01.v1/good/f000.json';
    git('update-index', '--assume-unchanged', fixture);
    fs.writeFileSync(path.join(root, fixture), '{"id": 1}');
    const edited = await run(contractsOperation, { full: true }, false);
    expect(edited).toContain('CONTRACT_FIXTURE_INVALID');
    expect(digest(content(await run(contractsOperation, { full: true }, true)))).toBe(digest(content(edited)));
  }, 120_000);
});
