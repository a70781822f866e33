import { describe, expect, it } from 'vitest';
import { draftFromInput, renderCapsule } from '../../../src/core/capsule/generate.js';
import { canonicalJson } from '../../../src/core/schema/canonical-json.js';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { sha256 } from '../../../src/core/workspace/fs.js';

const INPUT = {
  slug: 'orders-api',
  goal: 'Expose POST /orders.',
  outputs: ['server/src/routes/orders.ts'],
  accept: ['`npm test` passes'],
  context: ['src/app.ts (entry point)'],
  lead: 'Backender',
  notes: ['Decision: D-0007'],
};

describe('draftFromInput + renderCapsule', () => {
  it('hashes a canonical serialisation of the inputs into the id', () => {
    const draft = draftFromInput(INPUT);
    const canonical = canonicalJson({
      slug: 'orders-api',
      goal: 'Expose POST /orders.',
      outputs: INPUT.outputs,
      accept: INPUT.accept,
      context: INPUT.context,
      lead: 'backender',
      notes: INPUT.notes,
    });
    expect(draft.hash).toBe(sha256(canonical).slice(0, 8));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: undefined }] })).toBe('{"a":[2,{"d":3}],"b":1}');
  });

  it('renders byte-identical text for the same inputs and a new id when they change', () => {
    const first = renderCapsule(draftFromInput(INPUT));
    expect(renderCapsule(draftFromInput({ ...INPUT }))).toBe(first);
    expect(renderCapsule(draftFromInput({ ...INPUT, goal: 'Expose GET /orders.' }))).not.toBe(first);
    expect(first).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('writes the provenance comment (with the decision when one is given) and the title', () => {
    const text = renderCapsule(draftFromInput(INPUT));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1\.0 Decision=D-0007 Capsule=orders-api@[0-9a-f]{8} -->$/);
    expect(lines[1]).toMatch(/^# Capsule orders-api@[0-9a-f]{8}$/);
    const plain = renderCapsule(draftFromInput({ slug: 'x', goal: 'g' }));
    expect(plain.split('\n')[0]).not.toContain('Decision=');
  });

  it('produces a capsule the parser reads back', () => {
    const capsule = parseCapsule(renderCapsule(draftFromInput(INPUT)));
    expect(capsule.routerNotes.lead).toBe('backender');
    expect(capsule.routerNotes.decision).toBe('D-0007');
    expect(capsule.allowedContext[0]).toMatchObject({ path: 'src/app.ts', note: 'entry point' });
    expect(capsule.provenance?.fields.ProducedBy).toBe('CAPSULEAUTHOR');
  });

  it('keeps Router Notes non-empty without a lead and defuses Markdown in free text', () => {
    const capsule = parseCapsule(renderCapsule(draftFromInput({ slug: 'x', goal: '## Not a heading', accept: ['# nor this'] })));
    expect(capsule.routerNotes.items).toHaveLength(1);
    expect(Object.keys(capsule.sections).filter((k) => k === 'goal')).toHaveLength(1);
    expect(capsule.goal).toBe('\\## Not a heading');
  });
});
