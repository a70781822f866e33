import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeText, readTextIfExists, writeFileAtomic } from '../../../src/core/workspace/fs.js';
import { withWorkspaceLock } from '../../../src/core/workspace/lock.js';
import { LEFTOVER_MIN_AGE_MS, lockPathFor, sweepLeftovers } from '../../../src/core/workspace/scratch.js';
import { makeTempDir } from '../../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('workspace fs helpers', () => {
  it('readTextIfExists: text for files, undefined for missing paths, folders and links to folders', () => {
    const dir = makeTempDir({ 'a.txt': 'hello' });
    cleanup = dir.cleanup;
    mkdirSync(path.join(dir.dir, 'folder'));
    symlinkSync(path.join(dir.dir, 'folder'), path.join(dir.dir, 'link'));
    expect(readTextIfExists(path.join(dir.dir, 'a.txt'))).toBe('hello');
    expect(readTextIfExists(path.join(dir.dir, 'missing.txt'))).toBeUndefined();
    expect(readTextIfExists(path.join(dir.dir, 'a.txt', 'under-a-file'))).toBeUndefined();
    expect(readTextIfExists(path.join(dir.dir, 'folder'))).toBeUndefined();
    expect(readTextIfExists(path.join(dir.dir, 'link'))).toBeUndefined();
  });

  it('writeFileAtomic creates folders and leaves no temp file behind', () => {
    const dir = makeTempDir({});
    cleanup = dir.cleanup;
    const file = path.join(dir.dir, 'deep', 'x.json');
    writeFileAtomic(file, '{}\n');
    writeFileAtomic(file, '{"a":1}\n');
    expect(readTextIfExists(file)).toBe('{"a":1}\n');
    expect(readdirSync(path.dirname(file))).toEqual(['x.json']);
  });

  it('writeFileAtomic keeps the mode of the file it replaces (the temp is chmod-ed before the rename)', () => {
    const dir = makeTempDir({ 'run.sh': '#!/bin/sh\n' });
    cleanup = dir.cleanup;
    const file = path.join(dir.dir, 'run.sh');
    chmodSync(file, 0o750);
    writeFileAtomic(file, '#!/bin/sh\necho hi\n');
    expect(statSync(file).mode & 0o777).toBe(0o750);
  });

  it('in a workspace, temp and lock files live in .sentinel/tmp, which ignores itself in git', () => {
    const dir = makeTempDir({ '.sentinel/config.json': '{}\n', 'docs/guide.md': '# x\n' });
    cleanup = dir.cleanup;
    writeFileAtomic(path.join(dir.dir, 'docs/guide.md'), '# y\n');
    expect(readdirSync(path.join(dir.dir, 'docs'))).toEqual(['guide.md']);
    expect(readFileSync(path.join(dir.dir, '.sentinel/tmp/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    const lock = lockPathFor(path.join(dir.dir, 'docs/guide.md'), dir.dir);
    expect(path.dirname(lock)).toBe(path.join(dir.dir, '.sentinel/tmp/locks'));
    // Same target, same lock, however it is spelled; another target, another lock.
    expect(lockPathFor(path.join(dir.dir, 'docs/../docs/guide.md'), dir.dir)).toBe(lock);
    expect(lockPathFor(path.join(dir.dir, 'guide.md'), dir.dir)).not.toBe(lock);
    // Decided by the path alone for Sentinel's own files, even before .sentinel/ exists.
    const fresh = makeTempDir({});
    try {
      expect(path.dirname(lockPathFor(path.join(fresh.dir, '.sentinel/state/x.json')))).toBe(path.join(fresh.dir, '.sentinel/tmp/locks'));
    } finally {
      fresh.cleanup();
    }
  });

  it('re-creates .sentinel/tmp when something (git clean -X) deleted it under a running process', async () => {
    const dir = makeTempDir({ '.sentinel/config.json': '{}\n', 'docs/guide.md': '# x\n' });
    cleanup = dir.cleanup;
    writeFileAtomic(path.join(dir.dir, 'docs/guide.md'), '# y\n');
    rmSync(path.join(dir.dir, '.sentinel/tmp'), { recursive: true, force: true });
    writeFileAtomic(path.join(dir.dir, 'docs/guide.md'), '# z\n');
    expect(readFileSync(path.join(dir.dir, 'docs/guide.md'), 'utf8')).toBe('# z\n');
    expect(readFileSync(path.join(dir.dir, '.sentinel/tmp/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    rmSync(path.join(dir.dir, '.sentinel/tmp'), { recursive: true, force: true });
    await expect(withWorkspaceLock(dir.dir, path.join(dir.dir, 'docs/guide.md'), () => 'locked')).resolves.toBe('locked');
    expect(existsSync(path.join(dir.dir, '.sentinel/tmp/locks'))).toBe(true);
  });

  it("a workspace file's lock is in one place whether or not .sentinel/ exists yet, so two processes exclude each other", async () => {
    const dir = makeTempDir({ 'ops/runbook.md': '# Runbook\n' });
    cleanup = dir.cleanup;
    const target = path.join(dir.dir, 'ops/runbook.md');
    const before = lockPathFor(target, dir.dir);
    expect(path.dirname(before)).toBe(path.join(dir.dir, '.sentinel/tmp/locks'));
    rmSync(path.join(dir.dir, '.sentinel'), { recursive: true, force: true });
    // One process holds the lock before .sentinel/ exists; another, after init created it, must wait for it.
    let release!: () => void;
    const held = withWorkspaceLock(dir.dir, target, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((r) => setTimeout(r, 20));
    mkdirSync(path.join(dir.dir, '.sentinel/state'), { recursive: true });
    expect(lockPathFor(target, dir.dir)).toBe(before);
    await expect(withWorkspaceLock(dir.dir, target, () => 'second', { timeoutMs: 300 })).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
    release();
    await held;
    await expect(withWorkspaceLock(dir.dir, target, () => 'second')).resolves.toBe('second');
  });

  it('leftovers younger than the minimum age stay on disk, unlisted, even when their pid looks dead (another pid namespace)', () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const lockBody = `${dead}\n${Date.now()}\n`;
    const dir = makeTempDir({
      '.sentinel/config.json': '{}\n',
      [`docs/.guide.md.${dead}.0f0e0d0c.tmp`]: 'x',
      'docs/guide.md.lock': lockBody,
      [`docs/.old.md.${dead}.0f0e0d0c.tmp`]: 'x',
      'docs/old.md.lock': lockBody,
      [`.sentinel/tmp/.DECISIONS.md.${dead}.11223344.tmp`]: 'x',
      [`.sentinel/tmp/.STATE.md.${dead}.11223344.tmp`]: 'x',
    });
    cleanup = dir.cleanup;
    const old = new Date(Date.now() - LEFTOVER_MIN_AGE_MS - 60_000);
    for (const rel of [`docs/.old.md.${dead}.0f0e0d0c.tmp`, 'docs/old.md.lock', `.sentinel/tmp/.STATE.md.${dead}.11223344.tmp`])
      utimesSync(path.join(dir.dir, rel), old, old);
    const untracked = [`docs/.guide.md.${dead}.0f0e0d0c.tmp`, 'docs/guide.md.lock', `docs/.old.md.${dead}.0f0e0d0c.tmp`, 'docs/old.md.lock'];
    expect(sweepLeftovers(dir.dir, untracked)).toEqual([]);
    expect(existsSync(path.join(dir.dir, `docs/.guide.md.${dead}.0f0e0d0c.tmp`))).toBe(true);
    expect(existsSync(path.join(dir.dir, 'docs/guide.md.lock'))).toBe(true);
    expect(existsSync(path.join(dir.dir, 'docs/old.md.lock'))).toBe(false);
    expect(existsSync(path.join(dir.dir, `.sentinel/tmp/.DECISIONS.md.${dead}.11223344.tmp`))).toBe(true);
    expect(existsSync(path.join(dir.dir, `.sentinel/tmp/.STATE.md.${dead}.11223344.tmp`))).toBe(false);
  });

  it('outside a workspace the lock stays beside its target', () => {
    const dir = makeTempDir({});
    cleanup = dir.cleanup;
    writeFileSync(path.join(dir.dir, 'report.xml'), '');
    expect(lockPathFor(path.join(dir.dir, 'report.xml'))).toBe(path.join(dir.dir, 'report.xml.lock'));
  });

  it('normalizeText strips a BOM and turns CRLF and CR into LF', () => {
    expect(normalizeText('\uFEFFa\r\nb\rc')).toBe('a\nb\nc');
  });
});
