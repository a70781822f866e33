import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeText, readTextIfExists, writeFileAtomic } from '../../../src/core/workspace/fs.js';
import { withFileLock } from '../../../src/core/workspace/lock.js';
import { lockPathFor } from '../../../src/core/workspace/scratch.js';
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
    const lock = lockPathFor(path.join(dir.dir, 'docs/guide.md'));
    expect(path.dirname(lock)).toBe(path.join(dir.dir, '.sentinel/tmp/locks'));
    // Same target, same lock, however it is spelled; another target, another lock.
    expect(lockPathFor(path.join(dir.dir, 'docs/../docs/guide.md'))).toBe(lock);
    expect(lockPathFor(path.join(dir.dir, 'guide.md'))).not.toBe(lock);
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
    await expect(withFileLock(path.join(dir.dir, 'docs/guide.md'), () => 'locked')).resolves.toBe('locked');
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
