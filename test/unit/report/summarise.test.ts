import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostics.js';
import { LIST_LIMIT, summariseResult, truncationNote } from '../../../src/core/report/summarise.js';

const d = (code: string, severity: Diagnostic['severity'], i: number): Diagnostic => ({
  severity,
  code,
  message: `m${i}`,
  path: `f${String(i).padStart(5, '0')}.ts`,
});

describe('summariseResult', () => {
  it('leaves a short result untouched', () => {
    const result = { diagnostics: [d('A', 'error', 1)], data: { files: [1, 2, 3] } };
    expect(summariseResult(result)).toBe(result);
  });

  it('keeps some of every code, errors first, in their order, and counts what it left out', () => {
    const diagnostics = [...Array.from({ length: 5_000 }, (_, i) => d('COMMON', 'info', i)), d('RARE', 'error', 5_001), d('RARE', 'error', 5_002)];
    const out = summariseResult({ diagnostics, data: {} });
    expect(out.diagnostics.length).toBeLessThanOrEqual(LIST_LIMIT);
    expect(out.diagnostics.filter((x) => x.code === 'RARE')).toHaveLength(2);
    expect(out.diagnostics.map((x) => x.message)).toEqual([...out.diagnostics.map((x) => x.message)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    expect(out.truncated!.diagnostics).toMatchObject({ total: 5_002, byCode: { COMMON: { total: 5_000 }, RARE: { total: 2, shown: 2 } } });
    expect(truncationNote(out.truncated)).toMatch(/^… \d+ more diagnostic\(s\) not shown \(COMMON ×\d+\); --full lists them all$/);
  });

  it('shortens long data lists, keeping the items that are not ok first', () => {
    const files = Array.from({ length: 1_000 }, (_, i) => ({ path: `f${i}`, level: i === 700 ? 'over' : 'ok' }));
    const out = summariseResult({ diagnostics: [], data: { files, limitsFile: 'x' } });
    const kept = out.data.files as typeof files;
    expect(kept).toHaveLength(LIST_LIMIT);
    expect(kept.some((f) => f.path === 'f700')).toBe(true);
    expect(out.data.limitsFile).toBe('x');
    expect(out.truncated).toEqual({ data: { files: { total: 1_000, shown: LIST_LIMIT } } });
  });
});
