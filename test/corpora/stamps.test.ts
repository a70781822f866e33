import { describe, expect, it } from 'vitest';
import { measureStamps, MUST_REFUSE } from './stamps/measure.js';

describe('stamps corpus', () => {
  it('keeps every hazard file valid: stamped where a safe place exists, refused with a reason elsewhere', () => {
    const f = measureStamps();
    console.log(`stamps corpus: ${f.valid}/${f.hazards} hazard files still valid (${f.stamped} stamped, ${f.refused} refused with a reason)${f.failures.map((o) => `\n  ${o.file}: ${o.problems.join('; ')}`).join('')}`);
    expect(f.hazards).toBeGreaterThanOrEqual(40);
    expect(f.failures).toEqual([]);
    expect(f.outcomes.filter((o) => o.status === 'refused').map((o) => o.file).sort()).toEqual([...MUST_REFUSE].sort());
  });
});
