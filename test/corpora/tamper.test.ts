import { describe, expect, it } from 'vitest';
import { measureTamper } from './tamper/measure.js';

describe('tamper corpus', () => {
  it('catches every labelled weakening with its code and flags no legitimate edit', () => {
    const f = measureTamper();
    console.log(
      `tamper corpus: recall ${f.caught}/${f.weakened}, false positives ${f.flagged}/${f.legitimate}${f.misses.map((m) => `\n  ${m.name}: expected ${m.expected ?? 'nothing'}, got ${m.codes.join(', ') || 'nothing'}`).join('')}`,
    );
    expect(f.weakened).toBeGreaterThanOrEqual(40);
    expect(f.legitimate).toBeGreaterThanOrEqual(40);
    expect(f.misses).toEqual([]);
  });

  it('covers every form issue 11 names, in every language', () => {
    const codes = new Set(measureTamper().outcomes.flatMap((o) => (o.expected ? [`${o.name.split('-')[0]} ${o.expected}`] : [])));
    for (const lang of ['nt', 'py', 'go']) {
      for (const code of ['TAMPER_TEST_SKIPPED', 'TAMPER_UNREACHABLE_ASSERTION', 'TAMPER_PROCESS_EXIT', 'TAMPER_ASSERTIONS_REMOVED', 'TAMPER_TESTS_REMOVED']) {
        expect(codes, `${lang} ${code}`).toContain(`${lang} ${code}`);
      }
    }
    for (const code of ['TAMPER_TAUTOLOGY', 'TAMPER_SWALLOWED_ASSERTION', 'TAMPER_ASSERT_REASSIGNED', 'TAMPER_MODULE_MOCKED']) expect(codes).toContain(`nt ${code}`);
  });
});
