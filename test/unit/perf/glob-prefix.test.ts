import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../../src/core/context/budget.js';
import { literalPrefix, mayMatch } from '../../../src/core/context/glob-prefix.js';
import { lineCount } from '../../../src/core/context/lint.js';

const PATHS = ['src', 'src/a.ts', 'src/mod1', 'src/mod1/x.ts', 'src/mod1/deep/y.ts', 'src/mod10/x.ts', 'src/mod2/x.ts', 'src/.hidden/z.ts', 'docs/a.md', 'a.ts', 'src/b/c.ts', 'src/x/mod1/y.ts'];

describe('literalPrefix / mayMatch', () => {
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
    const globs = ['src/mod1/**', 'src/**', 'src/*.ts', 'src/mod1/*', 'src/mod{1,2}/**', 'src/@(mod1|b)/**', 'src/!(mod1)/**', 'src/mod?/x.ts', 'src/[ab]/*', '**/mod1/**', 'src/x/../mod1/**', 'docs/*.md', 'src/mod1/deep/**'];
    for (const glob of globs) {
      const matcher = globMatcher(glob);
      const candidate = mayMatch(glob);
      for (const p of PATHS) if (matcher(p)) expect(candidate(p), `${glob} ${p}`).toBe(true);
    }
  });
  it('never rules out a match, for generated globs and paths', () => {
    const segment = fc.constantFrom('src', 'mod1', 'a', 'b.ts', '*', '**', '*.ts', '{a,b}', '[ab]', '?', '@(a|b)', '.x');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.array(segment.filter((s) => !/[*?[\]{}()|@]/.test(s)), { minLength: 1, maxLength: 4 }), (g, p) => {
        const glob = g.join('/');
        const file = p.join('/');
        if (globMatcher(glob)(file)) expect(mayMatch(glob)(file)).toBe(true);
      }),
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
    for (const text of ['', 'a', 'a\n', 'a\nb', '\n', '\r', '\r\n', 'a\r\nb\r\n', 'a\rb', 'a\r\r\nb\n\r', '\n\n\n']) expect(lineCount(text), JSON.stringify(text)).toBe(bySplit(text));
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', ' ')).map((parts) => parts.join('')), (text) => lineCount(text) === bySplit(text)));
  });
});
