import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCacheSecret } from '../../../src/core/cache/secret.js';
import { CACHE_SCHEMA, openCache } from '../../../src/core/cache/store.js';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const secret = randomBytes(32);
const fileOf = (dir: string, version = '1.0.0', ns = 'demo') => path.join(dir, `v${CACHE_SCHEMA}-${version}`, `${ns}.json`);

describe('cache store', () => {
  it('keeps records across processes and ignores itself in git', () => {
    const dir = temp();
    const ns = openCache({ dir, version: '1.0.0', secret }).namespace<{ n: number }>('demo');
    ns.set('a', { n: 1 });
    ns.save();
    expect(openCache({ dir, version: '1.0.0', secret }).namespace<{ n: number }>('demo').get('a')).toEqual({ n: 1 });
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('ignores and removes a corrupted file', () => {
    const dir = temp();
    const ns = openCache({ dir, version: '1.0.0', secret }).namespace('demo');
    ns.set('a', 1);
    ns.save();
    writeFileSync(fileOf(dir), '{"schema":1, truncated');
    expect(openCache({ dir, version: '1.0.0', secret }).namespace('demo').get('a')).toBeUndefined();
    expect(existsSync(fileOf(dir))).toBe(false);
  });

  it('rejects a record edited in place (signature no longer matches) and one signed with another key', () => {
    const dir = temp();
    const ns = openCache({ dir, version: '1.0.0', secret }).namespace<{ status: string }>('demo');
    ns.set('verdict', { status: 'fail' });
    ns.save();
    const original = readFileSync(fileOf(dir), 'utf8');
    writeFileSync(fileOf(dir), original.replace('"fail"', '"ok"'));
    expect(openCache({ dir, version: '1.0.0', secret }).namespace('demo').get('verdict')).toBeUndefined();

    const other = openCache({ dir, version: '1.0.0', secret: randomBytes(32) }).namespace<{ status: string }>('demo');
    other.set('verdict', { status: 'ok' });
    other.save();
    expect(openCache({ dir, version: '1.0.0', secret }).namespace('demo').get('verdict')).toBeUndefined();
  });

  it('starts empty after a version bump and removes the older version', () => {
    const dir = temp();
    const ns = openCache({ dir, version: '1.0.0', secret }).namespace('demo');
    ns.set('a', 1);
    ns.save();
    const next = openCache({ dir, version: '1.1.0', secret }).namespace('demo');
    expect(next.get('a')).toBeUndefined();
    expect(existsSync(path.dirname(fileOf(dir)))).toBe(false);
    // A file of another version copied into this version's folder is not read either.
    next.set('b', 2);
    next.save();
    const text = readFileSync(fileOf(dir, '1.1.0'), 'utf8');
    writeFileSync(fileOf(dir, '1.1.0'), text.replace('"version":"1.1.0"', '"version":"1.0.0"'));
    expect(openCache({ dir, version: '1.1.0', secret }).namespace('demo').get('b')).toBeUndefined();
  });

  it('stays within its size bound, keeping the newest records', () => {
    const dir = temp();
    const ns = openCache({ dir, version: '1.0.0', secret, maxBytes: 2_000 }).namespace<string>('demo');
    for (let i = 0; i < 100; i++) ns.set(`key-${i}`, 'x'.repeat(50));
    ns.save();
    expect(statSync(fileOf(dir)).size).toBeLessThan(2_000 + 200);
    const reopened = openCache({ dir, version: '1.0.0', secret, maxBytes: 2_000 }).namespace<string>('demo');
    expect(reopened.get('key-99')).toBeDefined();
    expect(reopened.get('key-0')).toBeUndefined();
  });

  it('writes nothing when nothing changed', () => {
    const dir = temp();
    openCache({ dir, version: '1.0.0', secret }).namespace('demo').save();
    expect(existsSync(fileOf(dir))).toBe(false);
  });
});

describe('cache secret', () => {
  it('is created once, private to the user, and read back', () => {
    const dir = path.join(temp(), 'key');
    const first = loadCacheSecret(dir);
    expect(first?.length).toBe(32);
    expect(loadCacheSecret(dir)?.equals(first!)).toBe(true);
    expect(statSync(path.join(dir, 'cache-secret')).mode & 0o077).toBe(0);
  });

  it('is refused when the file holds something else (nothing cached then)', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'cache-secret'), 'not a key');
    expect(loadCacheSecret(dir)).toBeUndefined();
  });
});
