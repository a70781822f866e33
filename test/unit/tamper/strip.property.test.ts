import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goFacts } from '../../../src/core/tamper/go-facts.js';
import { jsFacts } from '../../../src/core/tamper/js-facts.js';
import { pyFacts } from '../../../src/core/tamper/py-facts.js';
import { stripGo, stripPython } from '../../../src/core/tamper/strip.js';

/** Text made of the characters that steer the tokenizers: quotes, comment starts, brackets, newlines. */
const codeish = fc.string({
  unit: fc.constantFrom(
    '"',
    "'",
    '`',
    '#',
    '/',
    '*',
    '\\',
    '\n',
    '\r',
    '{',
    '}',
    '(',
    ')',
    ':',
    ' ',
    '\t',
    'a',
    'assert',
    'def test_x():',
    'func TestX(t *testing.T) {',
    'return',
    'if false',
    't.Error(',
    'x',
  ),
  maxLength: 80,
});

describe('tamper tokenizers', () => {
  it('stripping strings and comments keeps length and every newline in place', () => {
    fc.assert(
      fc.property(codeish, (text) => {
        for (const strip of [stripPython, stripGo]) {
          const out = strip(text);
          expect(out.length).toBe(text.length);
          for (let i = 0; i < text.length; i++) if (text[i] === '\n' || text[i] === '\r') expect(out[i]).toBe(text[i]);
        }
      }),
    );
  });
  it('the analyses never throw, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(codeish, fc.string({ maxLength: 60 })), (text) => {
        pyFacts('t_test.py', text);
        goFacts('x_test.go', text);
        jsFacts('x.test.ts', text);
      }),
      { numRuns: 150 },
    );
  });
  it('blanks the inside of strings and comments only', () => {
    expect(stripPython('x = "a#b"  # assert True\nassert y')).toBe(`x = "   "${' '.repeat(15)}\nassert y`);
    expect(stripPython("s = '''\nassert 1\n'''\nassert z")).toBe("s = '''\n        \n'''\nassert z");
    expect(stripGo('s := `t.Error(\n`// x\nt.Fatal("}")')).toBe('s := `        \n`    \nt.Fatal(" ")');
  });
});
