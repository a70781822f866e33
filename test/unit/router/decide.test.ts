import { describe, expect, it } from 'vitest';
import { error, warning } from '../../../src/core/diagnostics.js';
import { buildDecision, routeCapsule } from '../../../src/core/router/decide.js';
import { makeCapsule, ROSTER } from './fixtures.js';

const base = { agents: ROSTER, minScore: 3, agentsDir: '.sentinel/agents', validation: [] };

describe('routeCapsule', () => {
  it('picks the top scorer and builds the decision from the capsule verbatim', () => {
    const capsule = makeCapsule({
      goal: 'Add the orders route.',
      outputs: ['`server/src/routes/orders.ts` — the handler', 'db/migrations/0002_orders.sql (forward-only)'],
      acceptance: ['`npm test` passes', 'POST /orders returns 201'],
      context: ['`server/src/app.ts` — entry point', '`db/schema.sql` (read only)'],
    });
    const outcome = routeCapsule({ ...base, capsule });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.decision).toMatchObject({
      leadAgent: 'backender',
      requiredOutputs: ['`server/src/routes/orders.ts` — the handler', 'db/migrations/0002_orders.sql (forward-only)'],
      acceptanceCriteria: ['`npm test` passes', 'POST /orders returns 201'],
      contextToMount: ['server/src/app.ts', 'db/schema.sql', '.sentinel/agents/backender/**'],
    });
    expect(outcome.decision.notes).toMatch(/^Chosen backender \d+/);
    expect(outcome.explanation.chosen).toBe('backender');
    expect(outcome.explanation.candidates.length).toBeGreaterThanOrEqual(3);
    expect(outcome.explanation.ranking.map((r) => r.id).sort()).toEqual(ROSTER.map((a) => a.id).sort());
  });

  it('refuses below router.minScore with the reason and what to change', () => {
    const capsule = makeCapsule({ goal: 'Polish things.', outputs: ['`misc/notes.txt`'] });
    const outcome = routeCapsule({ ...base, capsule });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.refusal.code).toBe('ROUTER_BELOW_THRESHOLD');
    expect(outcome.refusal.reason).toMatch(/below router\.minScore 3/);
    expect(outcome.refusal.fix).toMatch(/Lead: <id>/);
    expect(outcome.explanation.candidates.length).toBe(3);
  });

  it('routes the same capsule once the threshold is met', () => {
    const capsule = makeCapsule({ goal: 'Polish things.', outputs: ['`misc/notes.txt`'] });
    expect(routeCapsule({ ...base, capsule, minScore: 0 }).ok).toBe(true);
  });

  it('refuses an invalid capsule whatever the scores, carrying the validation errors', () => {
    const capsule = makeCapsule({ goal: 'Add the route.', outputs: ['`server/src/a.ts`'] });
    const invalid = [error('CAPSULE_SECTION_EMPTY', 'Section "## Goal" is empty', { path: 'x', line: 3 })];
    const outcome = routeCapsule({ ...base, capsule, validation: invalid });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.refusal.code).toBe('ROUTER_CAPSULE_INVALID');
    expect(outcome.diagnostics).toEqual(invalid);
  });

  it('routes a capsule whose only errors are judgement calls, carrying them as warnings', () => {
    const capsule = makeCapsule({ goal: 'Add the route.', outputs: ['`server/src/a.ts`'] });
    const judgement = [
      error('CAPSULE_ACCEPTANCE_VAGUE', 'Acceptance criterion "It is fast" is a judgement', { path: 'x', line: 12 }),
      error('CAPSULE_OUTPUT_VAGUE', 'Required output "the code" is not a path', { path: 'x', line: 8 }),
      error('CAPSULE_CONTEXT_MISSING', 'Allowed Context "a.ts" does not exist', { path: 'x', line: 15 }),
      error('CAPSULE_SECTION_EMPTY', 'Section "## Router Notes" is empty', { path: 'x', line: 18 }),
    ];
    const outcome = routeCapsule({ ...base, capsule, validation: judgement });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.warnings.map((d) => [d.code, d.severity])).toEqual(judgement.map((d) => [d.code, 'warning']));
  });

  it.each([
    ['CAPSULE_SECTION_MISSING', 'Required section "## Goal" is missing'],
    ['CAPSULE_SECTION_EMPTY', 'Section "## Required Outputs" is empty'],
    ['CAPSULE_SECTION_NOT_A_LIST', 'Section "## Acceptance Criteria" has text but no list items'],
    ['CAPSULE_OUTPUT_OUTSIDE_ROOT', 'Required output "../x.ts" is outside the workspace'],
    ['CAPSULE_CONTEXT_OUTSIDE_ROOT', 'Allowed Context entry "/etc/passwd" is outside the workspace'],
    ['CAPSULE_CONTEXT_FORBIDDEN', 'Allowed Context entry ".env" is forbidden'],
    ['CAPSULE_TITLE_MISSING', 'The capsule has no title'],
  ])('refuses for the structural problem %s', (code, message) => {
    const capsule = makeCapsule({ goal: 'Add the route.', outputs: ['`server/src/a.ts`'] });
    const vague = error('CAPSULE_ACCEPTANCE_VAGUE', 'judgement', { line: 12 });
    const outcome = routeCapsule({ ...base, capsule, validation: [error(code, message, { line: 3 }), vague] });
    expect(!outcome.ok && outcome.refusal.code).toBe('ROUTER_CAPSULE_INVALID');
    if (outcome.ok) return;
    expect(outcome.refusal.reason).toContain(code);
    expect(outcome.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      [code, 'error'],
      ['CAPSULE_ACCEPTANCE_VAGUE', 'warning'],
    ]);
  });

  it('does not refuse on warnings alone', () => {
    const capsule = makeCapsule({ goal: 'Add the route.', outputs: ['`server/src/a.ts`'] });
    expect(routeCapsule({ ...base, capsule, validation: [warning('W', 'just a warning')] }).ok).toBe(true);
  });

  it('refuses when the roster is empty', () => {
    const outcome = routeCapsule({ ...base, agents: [], capsule: makeCapsule({ goal: 'x', outputs: ['`a/b.ts`'] }) });
    expect(!outcome.ok && outcome.refusal.code).toBe('ROUTER_NO_AGENTS');
  });

  it('lists every candidate with explainAll', () => {
    const capsule = makeCapsule({ goal: 'Add the route.', outputs: ['`server/src/a.ts`'] });
    expect(routeCapsule({ ...base, capsule, explainAll: true }).explanation.candidates.length).toBe(ROSTER.length);
  });
});

describe('buildDecision', () => {
  it('mounts Allowed Context once each, plus the lead folder, nothing else', () => {
    const capsule = makeCapsule({ outputs: ['`a/b.ts`'], context: ['`x.ts`', '`x.ts` (again)', '`docs/**`'] });
    expect(buildDecision(capsule, 'scribe', '.sentinel/agents/', '').contextToMount).toEqual(['x.ts', 'docs/**', '.sentinel/agents/scribe/**']);
  });
});
