// Review leftover: the cache store read its `.gitignore` on every save; a check saves a dozen
// namespaces (the per-file facts alone are 16), so it is checked once per opened cache.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return { ...real, readFileSync: vi.fn(real.readFileSync) };
});

const { openCache } = await import('../../../src/core/cache/store.js');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('cache store saves', () => {
  it('check the folder’s .gitignore once per opened cache, not once per save', () => {
    const dir = fs.mkdtempSync(path.join(tmpdir(), 'sentinel-cache-ignore-'));
    dirs.push(dir);
    const cache = openCache({ dir, version: '1.0.0', secret: randomBytes(32) });
    const read = vi.mocked(fs.readFileSync);
    read.mockClear();
    for (const name of ['one', 'two', 'three']) {
      const ns = cache.namespace<number>(name);
      ns.set('a', 1);
      ns.save();
    }
    const gitignoreReads = read.mock.calls.filter(([file]) => String(file).endsWith('.gitignore'));
    expect(gitignoreReads.length).toBeLessThanOrEqual(1);
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });
});
