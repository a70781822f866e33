import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInsideChecker } from '../../../src/core/workspace/inside-cache.js';
import { checkInside } from '../../../src/core/workspace/paths.js';
import { resolvedTarget } from '../../../src/core/workspace/resolved.js';
import { makeTempDir } from '../../helpers/cli.js';

let dirs: { dir: string; cleanup(): void }[] = [];
afterEach(() => {
  for (const d of dirs) d.cleanup();
  dirs = [];
});

describe('createInsideChecker', () => {
  it('answers exactly as checkInside for plain, missing, escaping and symlinked paths', () => {
    const outside = makeTempDir({ 'secret.txt': 's' });
    const ws = makeTempDir({ 'src/a.ts': 'a', 'src/deep/b.ts': 'b', 'docs/x.md': 'x', '..odd/f.txt': 'f' });
    dirs.push(outside, ws);
    symlinkSync(outside.dir, path.join(ws.dir, 'out'));
    symlinkSync(path.join(outside.dir, 'secret.txt'), path.join(ws.dir, 'src', 'leak.txt'));
    symlinkSync(path.join(ws.dir, 'docs'), path.join(ws.dir, 'src', 'docs-link'));
    mkdirSync(path.join(ws.dir, 'empty'));
    const candidates = [
      'src/a.ts',
      './src/a.ts',
      'src/',
      'src',
      'src/deep/b.ts',
      'src/deep/../a.ts',
      'src/missing/c.ts',
      'missing.ts',
      'src/a.ts/below',
      'out',
      'out/secret.txt',
      'out/missing',
      'src/leak.txt',
      'src/docs-link/x.md',
      'src/docs-link',
      'empty',
      '.',
      '',
      '..',
      '../x',
      'src/../../x',
      '..odd/f.txt',
      '/etc/passwd',
      'C:\\x',
      'src\\a.ts',
      'docs/**',
      'src/*.ts',
    ];
    const inside = createInsideChecker(ws.dir);
    for (const candidate of [...candidates, ...candidates]) expect(inside(candidate), candidate).toEqual(checkInside(ws.dir, candidate));
    expect(inside('src/leak.txt').ok).toBe(false);
    expect(inside('src/docs-link/x.md').ok).toBe(true);
  });

  it('maybeLinked is false only where resolvedTarget has nothing to say (no symlink on the way)', () => {
    const outside = makeTempDir({ 'secret.txt': 's' });
    const ws = makeTempDir({ 'src/a.ts': 'a', 'src/deep/b.ts': 'b', 'docs/x.md': 'x', '.env': 'K=v' });
    dirs.push(outside, ws);
    symlinkSync(path.join(ws.dir, '.env'), path.join(ws.dir, 'src', 'envalias.txt'));
    symlinkSync(path.join(ws.dir, 'docs'), path.join(ws.dir, 'src', 'docs-link'));
    symlinkSync(path.join(ws.dir, 'src', 'deep'), path.join(ws.dir, 'deep-link'));
    symlinkSync(path.join(ws.dir, 'missing-target'), path.join(ws.dir, 'dangling'));
    const paths = ['src/a.ts', 'src/deep/b.ts', 'src/envalias.txt', 'src/docs-link/x.md', 'src/docs-link', 'deep-link/b.ts', 'deep-link', 'dangling'];
    const unusual = ['missing.ts', 'src/a.ts/below', 'src/missing/c.ts', 'src', '.', 'src/./a.ts', 'src//a.ts', 'src/', '../x'];
    const inside = createInsideChecker(ws.dir);
    for (const relative of [...paths, ...unusual]) {
      inside(relative);
      const target = resolvedTarget(ws.dir, relative);
      // Where a symlink could make the target differ, the checker must say so; elsewhere the answer is "none".
      if (!inside.maybeLinked(relative)) expect(target, relative).toBeUndefined();
    }
    expect(resolvedTarget(ws.dir, 'src/envalias.txt')).toBe('.env');
    expect(inside.maybeLinked('src/envalias.txt')).toBe(true);
    expect(inside.maybeLinked('deep-link/b.ts')).toBe(true);
    expect(inside.maybeLinked('src/a.ts')).toBe(false);
  });
});
