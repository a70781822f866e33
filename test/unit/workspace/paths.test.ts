import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInside, isAbsoluteAnywhere, normalizeRelative, relativeToRoot, resolveInside, toPosix } from '../../../src/core/workspace/paths.js';

describe('toPosix', () => {
  it('turns backslashes into slashes', () => {
    expect(toPosix('.sentinel\\agents\\backender\\ROLE.md')).toBe('.sentinel/agents/backender/ROLE.md');
    expect(toPosix('already/posix')).toBe('already/posix');
  });
});

describe('isAbsoluteAnywhere', () => {
  it.each(['/etc/passwd', '\\Windows\\System32', 'C:\\Users\\me', 'c:/Users/me', 'D:', '\\\\server\\share\\file'])('%s is absolute', (p) => {
    expect(isAbsoluteAnywhere(p)).toBe(true);
  });
  it.each(['src/app.ts', '.\\src\\app.ts', 'C_drive/file', 'docs\\C:notes.md', '..\\x'])('%s is relative', (p) => {
    expect(isAbsoluteAnywhere(p)).toBe(false);
  });
});

describe('normalizeRelative', () => {
  it('normalises separators, dots and trailing slashes', () => {
    expect(normalizeRelative('.\\src\\lib\\..\\app.ts')).toBe('src/app.ts');
    expect(normalizeRelative('./docs/')).toBe('docs');
    expect(normalizeRelative(' a//b ')).toBe('a/b');
    expect(normalizeRelative('.')).toBe('.');
    expect(normalizeRelative('a\\..')).toBe('.');
  });
});

describe('checkInside', () => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-paths-')));
  const outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-outside-')));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('accepts relative paths with either separator', () => {
    const result = checkInside(root, 'src\\core\\x.ts');
    expect(result).toMatchObject({ ok: true, relative: 'src/core/x.ts' });
    expect(result.ok && result.absolute).toBe(path.join(root, 'src', 'core', 'x.ts'));
  });

  it.each(['C:\\Windows\\system.ini', 'c:/secrets.txt', '/etc/passwd', '\\\\host\\share\\x'])('rejects absolute %s', (p) => {
    expect(checkInside(root, p)).toMatchObject({ ok: false, reason: 'absolute' });
  });

  it.each(['..\\secret', '../secret', 'a\\..\\..\\b', 'src/../../x', '..'])('rejects escape %s', (p) => {
    expect(checkInside(root, p)).toMatchObject({ ok: false, reason: 'parent' });
  });

  it('accepts .. that stays inside', () => {
    expect(checkInside(root, 'a\\b\\..\\c')).toMatchObject({ ok: true, relative: 'a/c' });
  });

  it.skipIf(process.platform === 'win32')('rejects a symlink pointing outside the root', () => {
    symlinkSync(outside, path.join(root, 'link'));
    mkdirSync(path.join(root, 'real'));
    expect(checkInside(root, 'link')).toMatchObject({ ok: false, reason: 'symlink' });
    expect(checkInside(root, 'real')).toMatchObject({ ok: true });
  });

  it('resolveInside throws a usage error naming the fix', () => {
    expect(() => resolveInside(root, 'D:\\x')).toThrow(/absolute path/);
    try {
      resolveInside(root, '..\\x');
    } catch (err) {
      expect(err).toMatchObject({ kind: 'usage', code: 'PATH_OUTSIDE_ROOT', fix: expect.stringContaining('inside the workspace') });
    }
  });

  it('relativeToRoot returns POSIX paths', () => {
    expect(relativeToRoot(root, path.join(root, 'a', 'b.ts'))).toBe('a/b.ts');
  });
});
