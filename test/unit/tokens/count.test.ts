import fc from 'fast-check';
import { countTokens } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { chunkedCounter, LONG_RUN, loadTokenCounter } from '../../../src/core/tokens/count.js';

const exact = (text: string) => countTokens(text, { disallowedSpecial: new Set<string>() });

/** An exact counter that records the longest piece and the longest run without spaces it was given. */
function spy() {
  const seen = { longestPiece: 0, longestRun: 0, chars: 0 };
  const counter = chunkedCounter((text) => {
    seen.longestPiece = Math.max(seen.longestPiece, text.length);
    for (const run of text.split(/[\t\n\v\f\r ]/)) seen.longestRun = Math.max(seen.longestRun, run.length);
    seen.chars += text.length;
    return exact(text);
  });
  return { counter, seen };
}

describe('the token counter', () => {
  it('counts text that mentions special tokens instead of throwing', async () => {
    const count = await loadTokenCounter();
    expect(count('Stop at <|endoftext|> and <|im_start|>.')).toBeGreaterThan(5);
  });

  it('is exact on ordinary prose and code', () => {
    const prose = 'The quick brown fox jumps over the lazy dog.\n'.repeat(2000);
    expect(chunkedCounter(exact)(prose)).toBe(exact(prose));
  });

  it('never hands the tokenizer a run longer than LONG_RUN, and sees every character once', () => {
    const { counter, seen } = spy();
    const text = `intro ${'a'.repeat(100_000)} middle ${'b'.repeat(LONG_RUN + 1)} end`;
    expect(counter(text)).toBeGreaterThan(text.length / 64);
    expect(seen.longestRun).toBeLessThanOrEqual(LONG_RUN);
    expect(seen.longestPiece).toBeLessThanOrEqual(8192);
    expect(seen.chars).toBe(text.length);
  });

  it('counts 10 MB without a separator (stack overflow before)', () => {
    expect(chunkedCounter(exact)('q'.repeat(10_000_000))).toBeGreaterThan(10_000_000 / 256);
  });

  it('stays within 2% of the exact count on any mix of words and long runs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('word', 'x', '\n', ' ', '.', 'ünï', '<|endoftext|>'), fc.string({ maxLength: 600 })), { maxLength: 40 }),
        (parts) => {
          const text = parts.join(' ');
          const { counter, seen } = spy();
          const got = counter(text);
          const want = exact(text);
          expect(seen.chars).toBe(text.length);
          expect(seen.longestRun).toBeLessThanOrEqual(LONG_RUN);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.ceil(want * 0.02) + Math.ceil(text.length / LONG_RUN));
        },
      ),
      { numRuns: 60 },
    );
  });
});
