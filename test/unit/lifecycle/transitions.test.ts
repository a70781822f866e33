import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../../../src/core/agents/playbook.js';
import { SentinelError } from '../../../src/core/errors.js';
import { canTransition, planPhase, transition, TRANSITIONS } from '../../../src/core/lifecycle/transitions.js';
import { emptyState, type CapsuleStatus } from '../../../src/core/state/state.js';

const NOW = '2025-03-01T10:00:00.000Z';
const state = (status: CapsuleStatus) => ({ ...emptyState('orders-api', NOW), status, lead: 'backender' });
const playbook = parsePlaybook('# X\n\n1) ORIENT\n   - a\n\n2) PLAN\n   - b\n\n3) Implement it\n   - c\n\n4) HANDOFF\n   - Tag Verifier to test.\n');

function usageCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SentinelError);
    expect((err as SentinelError).kind).toBe('usage');
    expect((err as SentinelError).fix).toBeTruthy();
    return (err as SentinelError).code;
  }
  throw new Error('expected a usage error');
}

describe('status transitions', () => {
  it('follows draft → ready → routed → in_progress → done', () => {
    const path: CapsuleStatus[] = ['draft', 'ready', 'routed', 'in_progress', 'done'];
    for (let i = 0; i + 1 < path.length; i++) expect(canTransition(path[i]!, path[i + 1]!)).toBe(true);
  });

  it('rejects skipping ahead, leaving done, and blocking unrouted work', () => {
    expect(canTransition('ready', 'done')).toBe(false);
    expect(canTransition('routed', 'done')).toBe(false);
    expect(canTransition('draft', 'blocked')).toBe(false);
    expect(TRANSITIONS.done).toEqual([]);
    expect(canTransition('blocked', 'in_progress')).toBe(true);
  });

  it('appends a history entry and keeps the phase', () => {
    const next = transition(state('routed'), { to: 'in_progress', by: 'cli', phase: 'PLAN', now: NOW });
    expect(next.status).toBe('in_progress');
    expect(next.phase).toBe('PLAN');
    expect(next.history).toEqual([{ at: NOW, from: 'routed', to: 'in_progress', by: 'cli', phase: 'PLAN' }]);
    const blocked = transition(next, { to: 'blocked', by: 'cli', note: 'waiting on payments API', now: NOW });
    expect(blocked.phase).toBe('PLAN');
    expect(blocked.history.at(-1)).toMatchObject({ from: 'in_progress', to: 'blocked', note: 'waiting on payments API' });
  });

  it('illegal moves are usage errors with the next step as fix', () => {
    expect(usageCode(() => transition(state('done'), { to: 'in_progress', by: 'cli', now: NOW }))).toBe('STATE_TRANSITION_ILLEGAL');
    try {
      transition(state('ready'), { to: 'done', by: 'cli', now: NOW });
    } catch (err) {
      expect((err as SentinelError).fix).toContain('sentinel route orders-api');
    }
  });
});

describe('playbook phases', () => {
  it('moves forward, case-insensitively, and may skip phases', () => {
    expect(planPhase(playbook, undefined, 'orient', { lead: 'backender' })).toEqual({ kind: 'advance', phase: 'ORIENT', index: 0 });
    expect(planPhase(playbook, 'ORIENT', 'implement it', { lead: 'backender' })).toEqual({ kind: 'advance', phase: 'IMPLEMENT_IT', index: 2 });
  });

  it('the same phase again is a no-op', () => {
    expect(planPhase(playbook, 'PLAN', 'Plan', { lead: 'backender' }).kind).toBe('same');
  });

  it('going back is an error naming the order', () => {
    expect(usageCode(() => planPhase(playbook, 'HANDOFF', 'plan', { lead: 'backender' }))).toBe('PHASE_BACKWARDS');
  });

  it('an unknown phase is an error listing the known ones', () => {
    try {
      planPhase(playbook, undefined, 'deploy', { lead: 'backender', file: '.sentinel/agents/backender/PLAYBOOK.md' });
      expect.unreachable();
    } catch (err) {
      expect((err as SentinelError).code).toBe('PHASE_UNKNOWN');
      expect((err as SentinelError).message).toContain('ORIENT, PLAN, IMPLEMENT_IT, HANDOFF');
      expect((err as SentinelError).path).toBe('.sentinel/agents/backender/PLAYBOOK.md');
    }
  });

  it('a playbook without phases is an error', () => {
    expect(usageCode(() => planPhase(parsePlaybook('# Empty\n'), undefined, 'orient', { lead: 'x' }))).toBe('PHASE_NO_PLAYBOOK');
  });
});
