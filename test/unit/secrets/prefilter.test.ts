import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPrefilter } from '../../../src/core/secrets/prefilter.js';
import { SECRET_RULES } from '../../../src/core/secrets/rules.js';

/** The plain definition the one-pass prefilter must agree with: every case-insensitive occurrence. */
function naivePositions(text: string, keyword: string): number[] {
  const lower = text.toLowerCase();
  const out: number[] = [];
  for (let at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) out.push(at);
  return out;
}

const RULE_KEYWORDS = SECRET_RULES.flatMap((r) => r.keywords ?? []);

describe('the one-pass keyword prefilter', () => {
  it('finds every keyword of the rules wherever the naive per-keyword search does (overlaps, prefixes, case, common keywords)', () => {
    const prefilter = buildPrefilter(RULE_KEYWORDS);
    const pieces = fc.constantFrom(
      ...prefilter.keywords,
      ...prefilter.keywords.map((k) => k.toUpperCase()),
      'Key-',
      'SK-ANT-',
      'tokenkey',
      'passwd',
      ' ',
      '\n',
      'x',
      '_',
      'é',
      '“',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const hits = prefilter.find(text);
        prefilter.keywords.forEach((keyword, id) => {
          const expected = naivePositions(text, keyword);
          expect(hits.has(id)).toBe(expected.length > 0);
          expect(hits.positions(id)).toEqual(expected);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('finds a keyword that only starts inside a longer one (`key` in `key-`, `sk-` in `sk-ant-`)', () => {
    const prefilter = buildPrefilter(['key-', 'key', 'sk-ant-', 'sk-', 'ant']);
    const hits = prefilter.find('SK-ANT-x key-y');
    const id = (k: string) => prefilter.keywords.indexOf(k);
    expect(hits.positions(id('sk-'))).toEqual([0]);
    expect(hits.positions(id('sk-ant-'))).toEqual([0]);
    expect(hits.positions(id('ant'))).toEqual([3]);
    expect(hits.positions(id('key'))).toEqual([9]);
    expect(hits.positions(id('key-'))).toEqual([9]);
  });
});
