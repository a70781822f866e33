import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCheckReport, overallCheckStatus } from '../../../src/core/report/check-report.js';
import { createAjv2020 } from '../../../src/core/schema/ajv.js';
import { sampleGates } from './fixtures.js';

describe('overallCheckStatus', () => {
  const s = (...statuses: ('ok' | 'pending' | 'fail' | 'skipped')[]) => statuses.map((status) => ({ status }));
  it('fails when any gate fails, strict or not', () => {
    expect(overallCheckStatus(s('ok', 'fail', 'pending'), false)).toBe('fail');
    expect(overallCheckStatus(s('fail'), true)).toBe('fail');
  });
  it('lets pending pass unless strict', () => {
    expect(overallCheckStatus(s('ok', 'pending'), false)).toBe('pending');
    expect(overallCheckStatus(s('ok', 'pending'), true)).toBe('fail');
  });
  it('is ok when every gate is ok or skipped (also for no gates)', () => {
    expect(overallCheckStatus(s('ok', 'skipped'), true)).toBe('ok');
    expect(overallCheckStatus([], false)).toBe('ok');
  });
});

describe('buildCheckReport', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../schemas/check-report.schema.json', import.meta.url), 'utf8'));
  const validate = createAjv2020().compile(schema);

  it('counts gates and diagnostics and matches the published schema', () => {
    const report = buildCheckReport({ gates: sampleGates(), strict: false, base: 'abc123', capsule: null, durationMs: 1600 });
    expect(report).toMatchObject({ schemaVersion: 1, ok: false, status: 'fail', strict: false, base: 'abc123', capsule: null });
    expect(report.counts).toEqual({ gates: { ok: 1, pending: 1, fail: 1, skipped: 1 }, diagnostics: { error: 1, warning: 1, info: 1 } });
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is ok with pending gates only when not strict', () => {
    const gates = sampleGates().filter((g) => g.status !== 'fail');
    expect(buildCheckReport({ gates, strict: false, base: null, capsule: 'x', durationMs: 1 })).toMatchObject({ ok: true, status: 'pending' });
    expect(buildCheckReport({ gates, strict: true, base: null, capsule: 'x', durationMs: 1 })).toMatchObject({ ok: false, status: 'fail' });
  });

  it('the schema rejects a report with an unknown gate or a missing field', () => {
    const report = buildCheckReport({ gates: sampleGates(), strict: false, base: null, capsule: null, durationMs: 1 });
    expect(validate({ ...report, gates: [{ ...report.gates[0], gate: 'nope' }] })).toBe(false);
    const { counts: _counts, ...withoutCounts } = report;
    expect(validate(withoutCounts)).toBe(false);
  });
});
