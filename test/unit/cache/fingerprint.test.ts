import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { treeFingerprint, type StatRecord } from '../../../src/core/cache/fingerprint.js';
import { openCache } from '../../../src/core/cache/store.js';

// A racy window of 0: files written by this test count as settled, so the stat table is used.
const SETTLED = 0;

/**
 * Rewrite a file so its stat surely differs: on a file system with a coarse clock, two writes of the
 * same size within one tick keep size, mtime and ctime, which the racy window (0 here) exists for.
 */
function rewrite(file: string, text: string, mtime: Date): void {
  writeFileSync(file, text);
  utimesSync(file, mtime, mtime);
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'sentinel-fp-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
  const cache = openCache({ dir: path.join(root, '.sentinel', 'cache'), version: '1.0.0', secret: randomBytes(32) });
  const listing = { cached: Object.keys(files), others: [], deleted: [] };
  const fingerprint = () => {
    const table = cache.namespace<StatRecord>('stat');
    const result = treeFingerprint(root, listing, [], table, SETTLED);
    table.save();
    return result;
  };
  return { root, listing, cache, fingerprint };
}

describe('tree fingerprint', () => {
  it('reads only files whose stat changed, and changes with content only', () => {
    const ws = workspace({ 'a.txt': 'one', 'b.txt': 'two' });
    const first = ws.fingerprint();
    expect(first.hashed).toBe(2);
    const again = ws.fingerprint();
    expect(again).toEqual({ ...first, hashed: 0 });
    rewrite(path.join(ws.root, 'a.txt'), 'ONE', new Date('2021-01-01T00:00:00Z'));
    const changed = ws.fingerprint();
    expect(changed.hashed).toBe(1);
    expect(changed.digest).not.toBe(first.digest);
    // Same content again (other stat): the digest is the first one.
    rewrite(path.join(ws.root, 'a.txt'), 'one', new Date('2022-01-01T00:00:00Z'));
    expect(ws.fingerprint().digest).toBe(first.digest);
  });

  it('sees an edit that restores size and mtime (ctime and inode still differ)', () => {
    const ws = workspace({ 'a.txt': 'one' });
    const first = ws.fingerprint();
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(path.join(ws.root, 'a.txt'), past, past);
    const settled = ws.fingerprint();
    expect(settled.digest).toBe(first.digest);
    // Rewritten until the ctime moved: a coarse clock can give the edit the settled stat's ctime.
    const file = path.join(ws.root, 'a.txt');
    const settledCtime = statSync(file, { bigint: true }).ctimeNs;
    do rewrite(file, 'two', past);
    while (statSync(file, { bigint: true }).ctimeNs === settledCtime);
    expect(ws.fingerprint().digest).not.toBe(first.digest);
  });

  it('does not trust a stat table forged in the workspace (old hash for new content)', () => {
    const ws = workspace({ 'a.txt': 'one' });
    const first = ws.fingerprint();
    writeFileSync(path.join(ws.root, 'a.txt'), 'two');
    // The agent writes a table claiming the new stat has the old content's hash, signed with a key of its own.
    const forged = openCache({ dir: path.join(ws.root, '.sentinel', 'cache'), version: '1.0.0', secret: randomBytes(32) }).namespace<StatRecord>('stat');
    const fresh = treeFingerprint(ws.root, ws.listing, [], forged, SETTLED);
    forged.set('a.txt', [...(forged.get('a.txt')!.slice(0, 4) as [string, string, string, string]), 'x'.repeat(64)]);
    forged.save();
    const after = ws.fingerprint();
    expect(after.hashed).toBe(1);
    expect(after.digest).toBe(fresh.digest);
    expect(after.digest).not.toBe(first.digest);
  });

  it('counts untracked, extra and deleted files apart', () => {
    const ws = workspace({ 'a.txt': 'one' });
    const tracked = treeFingerprint(ws.root, ws.listing, [], ws.cache.namespace('stat'), SETTLED).digest;
    const untracked = treeFingerprint(ws.root, { cached: [], others: ['a.txt'], deleted: [] }, [], ws.cache.namespace('stat'), SETTLED).digest;
    const deleted = treeFingerprint(ws.root, { cached: ['a.txt'], others: [], deleted: ['a.txt'] }, [], ws.cache.namespace('stat'), SETTLED).digest;
    expect(new Set([tracked, untracked, deleted]).size).toBe(3);
  });
});
