// The acceptance-criteria classifier measured on the labelled corpus (test/corpora/acceptance/).
// Targets (issue 13): at most 2% of command/inspectable items called vague, at least 90% of vague caught.
import { describe, expect, it } from 'vitest';
import { loadCriteria, pct } from './load.mjs';
import { measureCriteria, type CriteriaFigures } from './measure.js';

const MAX_FALSE_VAGUE = 0.02;
const MIN_VAGUE_CAUGHT = 0.9;

const line = (f: CriteriaFigures) =>
  `${f.split.padEnd(8)} ${String(f.total).padStart(3)} criteria: called vague ${f.falseVague}/${f.notVague} command/inspectable (${pct(f.falseVague, f.notVague)}), caught ${f.caught}/${f.vague} vague (${pct(f.caught, f.vague)}), exact class ${pct(f.sameClass, f.total)}`;

describe('acceptance-criteria corpus', () => {
  it('holds at least 200 criteria of the three labels, on both splits', () => {
    const items = loadCriteria();
    expect(items.length).toBeGreaterThanOrEqual(200);
    for (const label of ['command', 'inspectable', 'vague']) expect(items.filter((i) => i.label === label).length).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((i) => i.split))).toEqual(new Set(['tune', 'holdout']));
  });

  it.each(['tune', 'holdout', undefined])('meets the targets (split %s)', (split) => {
    const f = measureCriteria(split);
    console.log(`acceptance ${line(f)}`);
    for (const m of f.misses) console.log(`  ${m.label} called ${m.got}: ${m.text}`);
    expect(f.falseVague / f.notVague, JSON.stringify(f.misses, null, 1)).toBeLessThanOrEqual(MAX_FALSE_VAGUE);
    expect(f.caught / f.vague, JSON.stringify(f.misses, null, 1)).toBeGreaterThanOrEqual(MIN_VAGUE_CAUGHT);
  });
});
