import { describe, expect, it } from 'vitest';
import { renderCapsule } from '../../../src/core/capsule/generate.js';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { validateCapsule } from '../../../src/core/capsule/validate.js';
import { handoffDraft, handoffFile, type RoleInfo } from '../../../src/core/handoff/capsule.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { fakeView } from '../capsule/fake-view.js';

const PARENT = parseCapsule(
  [
    '# Capsule orders-api@0badc0de',
    '',
    '## Goal',
    'Add POST /orders.',
    '',
    '## Required Outputs',
    '- `server/src/routes/orders.ts`',
    '- `db/migrations/0002_orders.sql`',
    '- POST /orders',
    '',
    '## Acceptance Criteria',
    '- `npm test` passes',
    '',
    '## Allowed Context',
    '- `server/src/app.ts`',
    '',
    '## Router Notes',
    '- Lead: backender',
    '- Decision: D-0007',
    '',
  ].join('\n'),
  '.specify/specs/orders-api/capsule.md',
);

const ROLES: RoleInfo[] = [
  { id: 'verifier', name: 'Verifier', summary: 'Proves claims with tests.' },
  { id: 'releaser', name: 'Releaser', summary: 'Wires CI.' },
  { id: 'observer', name: 'Observer', summary: 'Owns the log schema.' },
  { id: 'integrator', name: 'Integrator', summary: 'Writes external clients.' },
  { id: 'scribe', name: 'Scribe', summary: 'Writes docs.' },
  { id: 'builder', name: 'Builder', summary: 'General work.' },
  { id: 'custom', name: 'Custom', summary: 'A role of this project.', owns: ['custom/**'] },
];
const BACKENDER: RoleInfo = { id: 'backender', name: 'Backender', summary: 'Routes.' };
const view = fakeView(['server/src/app.ts', 'server/src/routes/orders.ts', '.specify/specs/orders-api/capsule.md'], {
  roles: [...ROLES, BACKENDER].map((r) => ({ id: r.id, name: r.name })),
});
const present = (entry: string) => view.exists(entry);
const budget = { maxLines: 300, source: 'config' } as const;

function build(to: RoleInfo, reason = 'Extend tests around the new orders route') {
  const slug = `orders-api-${to.id}`;
  const draft = handoffDraft({
    parent: PARENT,
    parentSlug: 'orders-api',
    parentId: 'orders-api@0badc0de',
    parentLead: BACKENDER,
    to,
    reason,
    slug,
    config: DEFAULT_CONFIG,
    present,
  });
  const file = handoffFile(PARENT.file, slug);
  return parseCapsule(renderCapsule(draft), file);
}

describe('handoff capsule', () => {
  it.each(ROLES.map((r) => [r.id, r] as const))('the follow-up for %s validates', (_id, role) => {
    const capsule = build(role);
    const errors = validateCapsule(capsule, view, { budget: budget as never }).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    expect(capsule.routerNotes).toMatchObject({ lead: role.id, parent: 'orders-api@0badc0de', decision: 'D-0007' });
  });

  it('links the parent: its outputs and capsule file as Allowed Context, missing ones to be created by its lead', () => {
    const capsule = build(ROLES[0]!);
    expect(capsule.file).toBe('.specify/specs/orders-api-verifier/capsule.md');
    expect(capsule.allowedContext.map((i) => [i.path, i.createdBy ?? null])).toEqual([
      ['server/src/routes/orders.ts', null],
      ['db/migrations/0002_orders.sql', 'backender'],
      ['.specify/specs/orders-api/capsule.md', null],
    ]);
  });

  it('outputs come from the role: verifier plan + sentinel tests, observer schema, custom owns', () => {
    expect(build(ROLES[0]!).requiredOutputs.map((o) => o.path)).toEqual(['verification/orders-api/plan.md', '.sentinel/tests/sentinels/orders-api/**']);
    expect(build(ROLES[2]!).requiredOutputs.map((o) => o.path)).toEqual(['ops/logging/schema.json', 'ops/logging/redaction.json']);
    expect(build(ROLES[6]!).requiredOutputs.map((o) => o.path)).toEqual(['custom/**']);
  });

  it('the goal carries the reason and the role; the same inputs give the same id', () => {
    const a = build(ROLES[1]!, 'Wire the migrate step into CI');
    expect(a.goal).toContain('Wire the migrate step into CI');
    expect(a.goal).toContain('As Releaser: Wires CI.');
    expect(build(ROLES[1]!, 'Wire the migrate step into CI').id).toBe(a.id);
    expect(build(ROLES[1]!, 'Another reason').id).not.toBe(a.id);
  });

  it('a parent without a vague-free output would still be caught by validation', () => {
    const broken = parseCapsule(
      renderCapsule({ slug: 'x', hash: '00000000', goal: 'g', outputs: ['stuff'], acceptance: ['works well'], context: [], routerNotes: ['Lead: verifier'] }),
      'x/capsule.md',
    );
    expect(validateCapsule(broken, view, { budget: budget as never }).some((d) => d.severity === 'error')).toBe(true);
  });
});
