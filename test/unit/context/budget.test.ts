import { describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { budgetFor, budgetLevel, folderGlobMatcher, globMatcher } from '../../../src/core/context/budget.js';
import { DEFAULT_LIMITS, type ContextLimits } from '../../../src/core/context/limits.js';

const LIMITS: ContextLimits = {
  ...DEFAULT_LIMITS,
  defaultMaxLines: 100,
  artifacts: [
    { name: 'source', globs: ['src/**'], maxLines: 200, maxTokens: 5000 },
    { name: 'docs', globs: ['docs'] },
    { name: 'all-ts', globs: ['**/*.ts'], maxLines: 999 },
  ],
  overrides: [
    { pattern: 'src/generated/**', maxLines: 5000, reason: 'generated' },
    { pattern: 'src/**/*.gen.ts', maxLines: 1 },
    { pattern: 'src/big.ts', maxTokens: 9000 },
  ],
};

describe('budgetFor', () => {
  it('takes the first matching override', () => {
    expect(budgetFor(LIMITS, 'src/generated/a.gen.ts')).toMatchObject({
      maxLines: 5000,
      source: 'override',
      pattern: 'src/generated/**',
      reason: 'generated',
      artifact: 'source',
    });
  });

  it('else the first matching artifact with maxLines', () => {
    expect(budgetFor(LIMITS, 'src/app.ts')).toEqual({ maxLines: 200, maxTokens: 5000, source: 'artifact', artifact: 'source' });
    expect(budgetFor(LIMITS, 'lib/x.ts')).toMatchObject({ maxLines: 999, artifact: 'all-ts' });
  });

  it('else defaultMaxLines (or the fallback given), keeping the artifact name', () => {
    expect(budgetFor(LIMITS, 'docs/guide.md')).toEqual({ maxLines: 100, source: 'default', artifact: 'docs' });
    expect(budgetFor(LIMITS, 'README.md')).toEqual({ maxLines: 100, source: 'default' });
    expect(budgetFor(LIMITS, 'README.md', { maxLines: 300, source: 'config' })).toEqual({ maxLines: 300, source: 'config' });
  });

  it('an override without maxLines still sets the token budget', () => {
    expect(budgetFor(LIMITS, 'src/big.ts')).toMatchObject({ maxLines: 200, maxTokens: 9000, source: 'artifact' });
  });
});

describe('budgetLevel', () => {
  it('warns at the threshold and fails above the limit', () => {
    expect(budgetLevel(79, 100, 0.8)).toBe('ok');
    expect(budgetLevel(80, 100, 0.8)).toBe('warning');
    expect(budgetLevel(100, 100, 0.8)).toBe('warning');
    expect(budgetLevel(101, 100, 0.8)).toBe('over');
  });
});

describe('folderGlobMatcher', () => {
  it('matches exactly what picomatch (dot: true) matches for `<folder>/**`, and declines other globs', () => {
    const globs = ['src/a/**', '.github/**', 'a.b/c-d_e/**', 'src/**', 'x/**'];
    const paths = [
      'src/a',
      'src/a/',
      'src/a/b',
      'src/a/.x',
      'src/a/./b',
      'src/a/../b',
      'src/ab',
      'src/a//b',
      'src/a/b/..',
      'src/a/..',
      'src/a/.',
      'src/a/b/.git/x',
      'src/a/..x',
      'src/a/...',
      'SRC/a/b',
      '.github',
      '.github/workflows/ci.yml',
      '.githubx',
      'a.b/c-d_e',
      'a.b/c-d_e/f',
      'aXb/c-d_e/f',
      'src',
      'src/',
      'x',
      'x/y',
      'y/x/z',
      '',
    ];
    for (const glob of globs) {
      const fast = folderGlobMatcher(glob);
      expect(fast, glob).toBeDefined();
      const regex = picomatch.makeRe(glob, { dot: true });
      for (const p of paths) expect(fast!(p), `${glob} ~ ${p}`).toBe(regex.test(p));
    }
    for (const other of ['src/*/**', 'src/a/**/*.ts', '**', 'src/{a,b}/**', 'src/a(b)/**', 'src/../a/**', './src/**', '/abs/**', 'src//a/**', 'src/a/*']) {
      expect(folderGlobMatcher(other), other).toBeUndefined();
    }
    expect(globMatcher('./src/a/**')('src/a/b.ts')).toBe(true);
  });
});
