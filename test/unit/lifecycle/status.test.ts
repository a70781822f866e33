import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { capsuleSlug } from '../../../src/core/capsule/discover.js';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { lastRoute, stateChanges } from '../../../src/core/lifecycle/repair.js';
import { gatesSummary, humanAge, statusRows } from '../../../src/core/lifecycle/status.js';
import { emptyState, readState, writeState } from '../../../src/core/state/state.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';

const NOW = new Date('2025-03-01T12:00:00.000Z');
let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('humanAge', () => {
  it('uses the largest unit that fits', () => {
    expect(humanAge('2025-03-01T11:59:30.000Z', NOW)).toBe('30s');
    expect(humanAge('2025-03-01T11:15:00.000Z', NOW)).toBe('45m');
    expect(humanAge('2025-03-01T02:00:00.000Z', NOW)).toBe('10h');
    expect(humanAge('2025-02-25T12:00:00.000Z', NOW)).toBe('4d');
    expect(humanAge('2025-01-01T12:00:00.000Z', NOW)).toBe('8w');
  });
});

describe('tamper detection', () => {
  it('a state written by writeState verifies; a hand edit does not', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'h4-state-'));
    const file = writeState(dir, DEFAULT_CONFIG, { ...emptyState('orders-api'), status: 'in_progress', lead: 'backender' });
    expect(readState(dir, DEFAULT_CONFIG, 'orders-api')?.tampered).toBe(false);
    const absolute = path.join(dir, file);
    writeFileSync(absolute, readFileSync(absolute, 'utf8').replace('"in_progress"', '"done"'));
    const loaded = readState(dir, DEFAULT_CONFIG, 'orders-api')!;
    expect(loaded.tampered).toBe(true);
    const { rows, diagnostics } = statusRows([], [loaded], NOW);
    expect(rows[0]).toMatchObject({ slug: 'orders-api', status: 'done', tampered: true });
    expect(diagnostics.map((d) => d.code)).toEqual(['STATE_TAMPERED', 'STATE_ORPHANED']);
    expect(diagnostics[0]!.fix).toContain('sentinel status --repair orders-api');
  });
});

describe('statusRows', () => {
  const capsule = parseCapsule('# Capsule orders-api@0badc0de\n\n## Goal\nX.\n', '.specify/specs/orders-api/capsule.md');
  const verdict = (ok: boolean) => ({ slug: capsuleSlug(capsule), id: capsule.id ?? null, file: capsule.file!, title: capsule.title, ok });
  it('a capsule without state is ready when it validates, draft otherwise', () => {
    expect(statusRows([verdict(true)], [], NOW).rows[0]).toMatchObject({ status: 'ready', lead: null, age: null });
    expect(statusRows([verdict(false)], [], NOW).rows[0]!.status).toBe('draft');
  });
  it('joins the state: lead, phase, gates, age', () => {
    const state = {
      ...emptyState('orders-api', '2025-03-01T11:00:00.000Z'),
      status: 'in_progress' as const,
      lead: 'backender',
      phase: 'VERIFY',
      gates: { scope: 'ok', logs: 'pending' },
    };
    const { rows, diagnostics } = statusRows([verdict(true)], [{ state, file: 'x', tampered: false }], NOW);
    expect(rows[0]).toMatchObject({ status: 'in_progress', lead: 'backender', phase: 'VERIFY', age: '1h', tampered: false });
    expect(diagnostics).toEqual([]);
    expect(gatesSummary(rows[0]!.gates)).toBe('pending 1, ok 1');
  });
});

describe('repair helpers', () => {
  it('lastRoute takes the latest decision and skips torn lines', () => {
    const log = [
      JSON.stringify({ timestamp: '2025-01-01T00:00:00Z', capsuleId: 'a@1', decision: { leadAgent: 'builder' } }),
      '{"torn',
      JSON.stringify({ timestamp: '2025-01-02T00:00:00Z', capsuleId: 'a@2', decision: { leadAgent: 'backender' } }),
      '',
    ].join('\n');
    expect(lastRoute(log)).toEqual({ lead: 'backender', at: '2025-01-02T00:00:00Z', capsuleId: 'a@2' });
    expect(lastRoute(undefined)).toBeUndefined();
  });
  it('stateChanges lists only differing fields', () => {
    const a = { ...emptyState('s'), status: 'done' as const, lead: 'backender', phase: 'HANDOFF' };
    const b = { ...emptyState('s'), status: 'routed' as const, lead: 'backender' };
    expect(stateChanges(a, b)).toEqual([
      { field: 'status', from: 'done', to: 'routed' },
      { field: 'phase', from: 'HANDOFF', to: null },
    ]);
  });
});
