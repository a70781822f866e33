import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInsideChecker } from '../../../src/core/workspace/inside-cache.js';
import { checkInside } from '../../../src/core/workspace/paths.js';
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
});
