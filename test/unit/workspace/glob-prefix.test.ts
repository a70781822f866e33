import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../../src/core/context/budget.js';
import { below, candidatesIn, isSorted, literalPrefix } from '../../../src/core/workspace/glob-prefix.js';
import { lineCount } from '../../../src/core/context/lint.js';

const PATHS = [
  'src',
  'src/a.ts',
  'src/mod1',
  'src/mod1/x.ts',
  'src/mod1/deep/y.ts',
  'src/mod10/x.ts',
  'src/mod2/x.ts',
  'src/.hidden/z.ts',
  'docs/a.md',
  'a.ts',
  'src/b/c.ts',
  'src/x/mod1/y.ts',
];

const SORTED = [...PATHS, 'src/mod1-x/y.ts', 'src/mod1.ts', 'src/mod10', 'src/mod1/a/b/c.ts', 'src0/x', 'sr', 'zzz/q', 'src/mod1\u00e9/x'].sort();
const sameMatches = (glob: string, paths: string[]) => {
  const matcher = globMatcher(glob);
  expect(
    candidatesIn(paths, glob).filter((p) => matcher(p)),
    glob,
  ).toEqual(paths.filter((p) => matcher(p)));
};

describe('literalPrefix / candidatesIn / below', () => {
  it('finds the literal folder before the first glob segment', () => {
    expect(literalPrefix('src/mod1/**')).toBe('src/mod1');
    expect(literalPrefix('src/*.ts')).toBe('src');
    expect(literalPrefix('**/x.ts')).toBeUndefined();
    expect(literalPrefix('src/@(a|b)/**')).toBe('src');
    expect(literalPrefix('src/{a,b}/x')).toBe('src');
    expect(literalPrefix('./src/**')).toBeUndefined();
    expect(literalPrefix('../src/**')).toBeUndefined();
    expect(literalPrefix('src/mod1')).toBeUndefined();
  });
  it('never rules out a path the glob matches', () => {
    const globs = [
      'src/mod1/**',
      'src/**',
      'src/*.ts',
      'src/mod1/*',
      'src/mod{1,2}/**',
      'src/@(mod1|b)/**',
      'src/!(mod1)/**',
      'src/mod?/x.ts',
      'src/[ab]/*',
      '**/mod1/**',
      'src/x/../mod1/**',
      'docs/*.md',
      'src/mod1/deep/**',
    ];
    expect(isSorted(SORTED)).toBe(true);
    for (const glob of globs) sameMatches(glob, SORTED);
    expect(below(SORTED, 'src/mod1')).toEqual(SORTED.filter((p) => p.startsWith('src/mod1/')));
    expect(below(SORTED, 'src')).toEqual(SORTED.filter((p) => p.startsWith('src/')));
    expect(below(SORTED, 'nothing')).toEqual([]);
  });
  it('never rules out a match, for generated globs and paths', () => {
    const segment = fc.constantFrom('src', 'mod1', 'a', 'b.ts', '*', '**', '*.ts', '{a,b}', '[ab]', '?', '@(a|b)', '.x');
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.array(
            segment.filter((s) => !/[*?[\]{}()|@]/.test(s)),
            { minLength: 1, maxLength: 4 },
          ),
          { maxLength: 30 },
        ),
        (g, ps) => {
          const paths = [...new Set(ps.map((p) => p.join('/')))].sort();
          sameMatches(g.join('/'), paths);
          expect(below(paths, 'src')).toEqual(paths.filter((p) => p.startsWith('src/')));
        },
      ),
    );
  });
});

describe('lineCount', () => {
  const bySplit = (text: string) => {
    if (text === '') return 0;
    const lines = text.split(/\r\n|\r|\n/);
    return lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  };
  it('counts like splitting at CRLF, CR and LF', () => {
    for (const text of ['', 'a', 'a\n', 'a\nb', '\n', '\r', '\r\n', 'a\r\nb\r\n', 'a\rb', 'a\r\r\nb\n\r', '\n\n\n'])
      expect(lineCount(text), JSON.stringify(text)).toBe(bySplit(text));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', ' ')).map((parts) => parts.join('')),
        (text) => lineCount(text) === bySplit(text),
      ),
    );
  });
});
