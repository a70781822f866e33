// A whole `context lint` on an unchanged workspace is answered from its signed record
// (src/core/context/lint-memo.ts) without opening the per-file fact shards. Every kind of change
// must still be seen: after each one the cached run's report equals a run without any cache.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return { ...real, readFileSync: vi.fn(real.readFileSync) };
});

// @ts-expect-error -- a plain .mjs generator shared with bench/
const { generateCheckWorkspace, sourcePath } = await import('../../../bench/lib/check-workspace.mjs');
const { openCache } = await import('../../../src/core/cache/store.js');
const { contextLintOperation } = await import('../../../src/core/operations/context-lint.js');
const { runOperation } = await import('../../../src/core/operations/operation.js');
const { loadConfig } = await import('../../../src/core/workspace/config.js');
const { layoutOf } = await import('../../../src/core/workspace/layout.js');
type OperationContext = import('../../../src/core/operations/operation.js').OperationContext;

const SIZE = { capsules: 40, contracts: 1, fixturesPerContract: 2, sources: 300 };
const secret = randomBytes(32);
let root: string;
let outside: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const at = (relative: string) => path.join(root, ...relative.split('/'));
const cacheDir = () => at(layoutOf(loadConfig(root)).cacheDir);

async function lint(cached: boolean): Promise<string> {
  const cache = cached ? openCache({ dir: cacheDir(), version: 'test', secret }) : undefined;
  const ctx: OperationContext = { root, config: loadConfig(root), caller: {}, ...(cache ? { cache: async () => cache } : {}) };
  return JSON.stringify((await runOperation(contextLintOperation, ctx, { full: true })).document);
}

/** A cached run, and whether it opened any of the per-file fact shards (`files-*.json`). */
async function cachedRun(): Promise<{ report: string; shards: number }> {
  const read = vi.mocked(fs.readFileSync);
  read.mockClear();
  const report = await lint(true);
  return { report, shards: read.mock.calls.filter(([file]) => /files-[0-9a-f]\.json$/.test(String(file))).length };
}

/** Let every stat settle (the cache records only stats older than two seconds), then record and hit. */
async function recorded(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  const first = await cachedRun();
  const hit = await cachedRun();
  expect(hit.report).toBe(first.report);
  expect(hit.shards).toBe(0);
  return hit.report;
}

/** After `change`, the cached report is the uncached one, and it differs from the one before. */
async function seen(change: () => void, code: string) {
  const before = await recorded();
  change();
  const fresh = await lint(false);
  expect(fresh).not.toBe(before);
  expect(fresh).toContain(code);
  expect((await cachedRun()).report).toBe(fresh);
  expect(await lint(true)).toBe(fresh);
}

function addAllowed(capsule: number, entry: string) {
  const file = at(`.specify/specs/${String(capsule).padStart(4, '0')}-capsule/capsule.md`);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('## Allowed Context\n', `## Allowed Context\n- \`${entry}\`\n`));
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(tmpdir(), 'sentinel-lint-memo-'));
  outside = fs.mkdtempSync(path.join(tmpdir(), 'sentinel-lint-memo-out-'));
  generateCheckWorkspace(root, SIZE);
  // Paths git never lists (ignored), named in Allowed Context: only the view's questions see them change.
  fs.appendFileSync(at('.git/info/exclude'), 'notes/\nlinked/\n');
  fs.mkdirSync(at('linked'));
  fs.writeFileSync(at('linked/inner.md'), 'inside\n');
  fs.writeFileSync(path.join(outside, 'inner.md'), 'outside\n');
  addAllowed(0, 'notes/later.md');
  addAllowed(0, 'linked/inner.md');
  git('commit', '-qam', 'allowed context of ignored paths');
}, 120_000);
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  fs.rmSync(outside, { recursive: true, force: true });
});

describe('context lint answered from its record', () => {
  it('equals a run without cache before and after every kind of change', async () => {
    const fresh = await lint(false);
    expect(await recorded()).toBe(fresh);
    // A tracked source grows past its budget.
    await seen(() => fs.appendFileSync(at(sourcePath(5)), 'export const grown = 1;\n'.repeat(400)), 'CONTEXT_OVER_BUDGET');
    // A new, untracked source past its budget.
    await seen(() => fs.writeFileSync(at('src/mod000/extra.ts'), 'export const x = 1;\n'.repeat(500)), 'src/mod000/extra.ts');
    // A tracked file named in Allowed Context is deleted.
    await seen(() => fs.rmSync(at(sourcePath(2))), 'CONTEXT_ALLOWED_MISSING');
    // An ignored file named in Allowed Context appears (no finding about it is left).
    await seen(() => {
      fs.mkdirSync(at('notes'));
      fs.writeFileSync(at('notes/later.md'), 'later\n');
    }, '"counts"');
    // An ignored folder becomes a symlink that leaves the workspace.
    await seen(() => {
      fs.rmSync(at('linked'), { recursive: true });
      fs.symlinkSync(outside, at('linked'));
    }, 'CONTEXT_ALLOWED_OUTSIDE_ROOT');
    // A capsule names a forbidden path.
    await seen(() => addAllowed(1, '.env'), 'CONTEXT_ALLOWED_FORBIDDEN');
    // The limits change.
    await seen(() => {
      const file = at('.sentinel/context/limits/context-limits.json');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"maxLines": 400', '"maxLines": 30'));
    }, 'CONTEXT_OVER_BUDGET');
    // The config points at other limits (none there: the defaults).
    await seen(
      () => fs.writeFileSync(at('.sentinel/config.json'), JSON.stringify({ version: 1, contextLimits: '.sentinel/context/limits/other.json' })),
      'CONTEXT_LIMITS_MISSING',
    );
  }, 180_000);

  it('ignores a forged record', async () => {
    const honest = await recorded();
    const file = path.join(cacheDir(), 'v2-test', 'context-lint.json');
    const text = fs.readFileSync(file, 'utf8');
    // Another line count would change the report; the signature no longer matches.
    fs.writeFileSync(file, text.replace(/\["(src\/[^"]+)",\d+,/, '["$1",999,'));
    expect(fs.readFileSync(file, 'utf8')).not.toBe(text);
    expect((await cachedRun()).report).toBe(honest);
  }, 120_000);

  it('is reused on a split index (git update-index --split-index), and a staged change there is still seen', async () => {
    git('update-index', '--split-index');
    expect(fs.readdirSync(at('.git')).some((name) => name.startsWith('sharedindex.'))).toBe(true);
    expect(await recorded()).toBe(await lint(false));
    await seen(() => {
      fs.appendFileSync(at(sourcePath(7)), 'export const staged = 1;\n'.repeat(400));
      git('add', sourcePath(7));
    }, sourcePath(7));
  }, 120_000);
});
