import { describe, expect, it } from 'vitest';
import { checkRouterAnswer } from '../../../src/core/router/accept.js';
import { makeCapsule, ROSTER } from './fixtures.js';

const capsule = makeCapsule({
  goal: 'Add the orders route.',
  outputs: ['`server/src/routes/orders.ts`', '`db/migrations/0002_orders.sql` (forward-only)'],
  acceptance: ['`npm test` passes', 'POST /orders returns 201'],
  context: ['`server/src/app.ts`', '`server/src/lib/**`'],
});

const good = {
  leadAgent: 'backender',
  requiredOutputs: ['`server/src/routes/orders.ts`', '`db/migrations/0002_orders.sql` (forward-only)'],
  acceptanceCriteria: ['`npm test` passes', 'POST /orders returns 201'],
  contextToMount: ['server/src/app.ts', 'server/src/lib/db.ts', '.sentinel/agents/backender/**'],
  notes: 'owns server/src and db/migrations',
};

const check = (answer: unknown, text = JSON.stringify(answer, null, 2)) =>
  checkRouterAnswer({ text, source: 'answer.json', capsule, agents: ROSTER, agentsDir: '.sentinel/agents' });
const codes = (outcome: ReturnType<typeof check>) => outcome.diagnostics.map((d) => d.code);

describe('checkRouterAnswer', () => {
  it('accepts a correct answer, also inside a ```json fence', () => {
    expect(check(good).ok).toBe(true);
    expect(check(good, `\`\`\`json\n${JSON.stringify(good)}\n\`\`\``).ok).toBe(true);
  });

  it('rejects text that is not JSON, with the line', () => {
    const outcome = check(undefined, '{\n  "leadAgent": "backender",\n}');
    expect(codes(outcome)).toEqual(['ROUTER_ANSWER_JSON']);
    expect(outcome.diagnostics[0]!.line).toBe(3);
  });

  it('rejects schema violations (missing key, unknown key)', () => {
    const { notes: _notes, ...missing } = good;
    expect(codes(check(missing))).toEqual(['ROUTER_ANSWER_SCHEMA']);
    expect(codes(check({ ...good, confidence: 0.9 }))).toEqual(['ROUTER_ANSWER_SCHEMA']);
  });

  it('rejects more than one lead', () => {
    expect(codes(check({ ...good, leadAgent: ['backender', 'verifier'] }))).toEqual(['ROUTER_ANSWER_MULTIPLE_LEADS']);
    expect(codes(check([good, good]))).toEqual(['ROUTER_ANSWER_MULTIPLE_LEADS']);
  });

  it('rejects a lead that is not in the roster', () => {
    expect(codes(check({ ...good, leadAgent: 'wizard', contextToMount: ['server/src/app.ts'] }))).toEqual(['ROUTER_ANSWER_UNKNOWN_LEAD']);
  });

  it('rejects a lead whose charter forbids the outputs', () => {
    expect(codes(check({ ...good, leadAgent: 'verifier', contextToMount: ['server/src/app.ts'] }))).toContain('ROUTER_ANSWER_LEAD_CHARTER');
  });

  it('rejects outputs or acceptance that are reworded, reordered, missing or extra', () => {
    expect(codes(check({ ...good, requiredOutputs: ['server/src/routes/orders.ts', good.requiredOutputs[1]] }))).toEqual([
      'ROUTER_ANSWER_OUTPUTS_NOT_VERBATIM',
    ]);
    expect(codes(check({ ...good, requiredOutputs: [...good.requiredOutputs].reverse() }))).toEqual([
      'ROUTER_ANSWER_OUTPUTS_NOT_VERBATIM',
      'ROUTER_ANSWER_OUTPUTS_NOT_VERBATIM',
    ]);
    expect(codes(check({ ...good, acceptanceCriteria: [good.acceptanceCriteria[0]] }))).toEqual(['ROUTER_ANSWER_ACCEPTANCE_NOT_VERBATIM']);
    expect(codes(check({ ...good, acceptanceCriteria: [...good.acceptanceCriteria, 'and it is fast'] }))).toEqual(['ROUTER_ANSWER_ACCEPTANCE_NOT_VERBATIM']);
  });

  it('rejects context beyond Allowed Context and the lead folder, including escapes and another agent folder', () => {
    for (const extra of ['server/src/secret.ts', '/etc/passwd', '../outside.ts', '.sentinel/agents/verifier/ROLE.md', '.sentinel/**']) {
      const outcome = check({ ...good, contextToMount: [...good.contextToMount, extra] });
      expect(codes(outcome), extra).toEqual(['ROUTER_ANSWER_CONTEXT_OUTSIDE']);
    }
  });

  it('points diagnostics at the offending line of the answer', () => {
    const outcome = check({ ...good, contextToMount: ['server/src/app.ts', 'nope.ts'] });
    const text = JSON.stringify({ ...good, contextToMount: ['server/src/app.ts', 'nope.ts'] }, null, 2);
    expect(text.split('\n')[outcome.diagnostics[0]!.line! - 1]).toContain('nope.ts');
  });
});
