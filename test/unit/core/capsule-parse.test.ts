import { describe, expect, it } from 'vitest';
import { parseCapsule, splitPathItem } from '../../../src/core/capsule/parse.js';

const SAMPLE = [
  '<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 Decision=D-0001 -->',
  '# Capsule orders-api@1a2b3c4d',
  '',
  '## Goal',
  'Expose POST /orders. It validates input.',
  '',
  '## required outputs',
  '- `server/src/routes/orders.ts`',
  '* db/migrations/0002_orders.sql (forward-only)',
  '',
  '## Acceptance Criteria',
  '1. `npm test` passes',
  '',
  '```md',
  '## Allowed Context',
  '- not/a/real/entry',
  '```',
  '',
  '## Allowed Context',
  '- `db/schema.sql` (read only)',
  '- src/app.ts — entry point',
  '- server/src/services/orders.ts (to be created by Backender)',
  '',
  '## Router Notes',
  '- Lead: backender',
  '- Decision: D-0002',
].join('\r\n');

describe('parseCapsule', () => {
  it('reads title, provenance, sections case-insensitively and ignores fenced headings', () => {
    const capsule = parseCapsule(`\uFEFF${SAMPLE}`, 'caps/capsule.md');
    expect(capsule.id).toBe('orders-api@1a2b3c4d');
    expect(capsule.provenance?.fields.Decision).toBe('D-0001');
    expect(capsule.goal).toBe('Expose POST /orders. It validates input.');
    expect(capsule.title).toBe('Expose POST /orders.');
    expect(capsule.requiredOutputs.map((o) => o.path)).toEqual(['server/src/routes/orders.ts', 'db/migrations/0002_orders.sql']);
    expect(capsule.requiredOutputs[1]!.note).toBe('forward-only');
    expect(capsule.acceptanceCriteria).toEqual([{ text: '`npm test` passes', line: 12 }]);
    expect(capsule.allowedContext.map((c) => [c.path, c.note, c.line])).toEqual([
      ['db/schema.sql', 'read only', 20],
      ['src/app.ts', 'entry point', 21],
      ['server/src/services/orders.ts', 'to be created by Backender', 22],
    ]);
    expect(capsule.allowedContext[2]!.createdBy).toBe('backender');
    expect(capsule.routerNotes.lead).toBe('backender');
    expect(capsule.routerNotes.decision).toBe('D-0002');
    expect(capsule.diagnostics).toEqual([]);
  });

  it('reports duplicate sections with the line of the first', () => {
    const capsule = parseCapsule('# Capsule a@12345678\n## Goal\nx\n## goal\ny\n');
    expect(capsule.diagnostics.map((d) => [d.code, d.line])).toEqual([['CAPSULE_SECTION_DUPLICATE', 4]]);
  });
});

describe('splitPathItem', () => {
  it.each([
    ['`a b/c.ts` note', { path: 'a b/c.ts', note: 'note' }],
    ['src\\win\\file.ts', { path: 'src/win/file.ts' }],
    ['x.ts - helper', { path: 'x.ts', note: 'helper' }],
    ['x.ts: helper', { path: 'x.ts', note: 'helper' }],
  ])('%s', (input, expected) => {
    expect(splitPathItem(input)).toEqual(expected);
  });
});

describe('splitPathItem on prose that names a backticked path (the predecessor capsule)', () => {
  it.each([
    ['Capsule template at `.specify/specs/005-capsule-gen/capsule.md` seeded with Goal sections.', '.specify/specs/005-capsule-gen/capsule.md'],
    [
      'CLI entry `pnpm -C .sentinel capsule:create --spec <dir>` backed by `.sentinel/scripts/capsule-create.mjs` with tests.',
      '.sentinel/scripts/capsule-create.mjs',
    ],
    ['Allowed Context helper under `.sentinel/scripts/lib/allowed-context.mjs` plus sentinel coverage.', '.sentinel/scripts/lib/allowed-context.mjs'],
  ])('%s', (input, path) => {
    expect(splitPathItem(input)).toEqual({ path, note: input });
  });

  it('keeps a leading path, a bare file name and prose without a path as they were', () => {
    expect(splitPathItem('src/a.ts — uses `lib/b.ts`')).toEqual({ path: 'src/a.ts', note: 'uses `lib/b.ts`' });
    expect(splitPathItem('Dockerfile for `api/`')).toEqual({ path: 'Dockerfile', note: 'for `api/`' });
    expect(splitPathItem('README section (managed via md-surgeon snippet)')).toEqual({ path: 'README', note: 'section (managed via md-surgeon snippet)' });
    expect(splitPathItem('Docs that run `npm test` and `--flag.x`').path).toBe('Docs');
    expect(splitPathItem('Link to `https://x.org/a.html`').path).toBe('Link');
  });
});
