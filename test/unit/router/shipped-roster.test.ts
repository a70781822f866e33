import { describe, expect, it } from 'vitest';
import { discoverAgents } from '../../../src/core/agents/discover.js';
import { routeCapsule } from '../../../src/core/router/decide.js';
import { toRoutable } from '../../../src/core/router/score.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { makeCapsule, type CapsuleParts } from './fixtures.js';

// Typical capsules for each role of the roster `sentinel init` ships (assets/agents).
const CASES: [string, CapsuleParts][] = [
  [
    'backender',
    {
      goal: 'Add POST /orders with validation and a forward-only migration.',
      outputs: ['`server/src/routes/orders.ts`', '`db/migrations/0002_orders.sql`', '`ops/backend/runbook.md`'],
    },
  ],
  [
    'verifier',
    { goal: 'Add regression tests for the orders route.', outputs: ['`server/src/routes/orders.test.ts`', '`.sentinel/tests/sentinels/orders-total.test.ts`'] },
  ],
  ['releaser', { goal: 'Run migrations and tests in CI.', outputs: ['`.github/workflows/ci.yml`'] }],
  ['observer', { goal: 'Define the log schema and redaction rules.', outputs: ['`ops/logging/schema.json`', '`ops/logging/redaction.json`'] }],
  ['designer', { goal: 'Design tokens and the interaction spec for checkout.', outputs: ['`design/checkout/spec.md`', '`design/tokens.json`'] }],
  ['integrator', { goal: 'Add a payment client with retries and backoff.', outputs: ['`src/clients/payments.ts`'] }],
  ['scribe', { goal: 'Document the orders API for users.', outputs: ['`docs/orders.md`', '`README.md`'] }],
  ['frontender', { goal: 'Build the checkout form component with keyboard access.', outputs: ['`web/src/Checkout.tsx`'] }],
  ['commander', { goal: 'Write an idempotent backup shell runbook with dry-run and revert.', outputs: ['`ops/commander/backup/run.sh`'] }],
  ['refactorer', { goal: 'Refactor the orders service: extract pricing, behaviour-preserving.', outputs: ['`refactors/orders-pricing/plan.md`'] }],
  ['contextwarden', { goal: 'Tighten context budgets and forbidden paths.', outputs: ['`.sentinel/context/limits/context-limits.json`'] }],
  ['capsuleauthor', { goal: 'Split the checkout spec into capsules.', outputs: ['`.specify/specs/checkout/capsule.md`'] }],
  ['builder', { goal: 'Implement a small CLI script for data import.', outputs: ['`scripts/import.ts`'] }],
];

describe('the shipped roster', () => {
  const roster = discoverAgents(REPO_ROOT, { ...DEFAULT_CONFIG, agentsDir: 'assets/agents' });
  const agents = roster.agents.map(toRoutable);

  it('loads without diagnostics', () => {
    expect(roster.diagnostics).toEqual([]);
    expect(agents.length).toBeGreaterThanOrEqual(CASES.length);
  });

  it.each(CASES)('routes a typical %s capsule to that role', (expected, parts) => {
    const outcome = routeCapsule({
      capsule: makeCapsule(parts),
      agents,
      minScore: DEFAULT_CONFIG.router.minScore,
      agentsDir: '.sentinel/agents',
      validation: [],
    });
    expect(outcome.ok && outcome.decision.leadAgent).toBe(expected);
  });

  it('overrules a Verifier lead for production server code', () => {
    const capsule = makeCapsule({ goal: 'Add the orders route.', outputs: ['`server/src/routes/orders.ts`'], notes: ['Lead: verifier'] });
    const outcome = routeCapsule({ capsule, agents, minScore: 3, agentsDir: '.sentinel/agents', validation: [] });
    expect(outcome.ok && outcome.decision.leadAgent).toBe('backender');
    expect(outcome.explanation.lead?.status).toBe('overruled');
  });
});
