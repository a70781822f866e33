import { describe, expect, it } from 'vitest';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { validateCapsule } from '../../../src/core/capsule/validate.js';
import type { Budget } from '../../../src/core/context/budget.js';
import { fakeView } from './fake-view.js';

const FILES = ['src/app.ts', 'src/routes/health.ts', 'db/schema.sql', 'docs/guide.md'];
const BUDGET: Budget = { maxLines: 300, source: 'config' };

interface Parts {
  title?: string | null;
  goal?: string | null;
  outputs?: string[] | null;
  accept?: string[] | null;
  context?: string[] | null;
  notes?: string[] | null;
  provenance?: boolean;
}

/** A capsule with every section valid unless a part is overridden (null drops the section). */
function capsuleText(parts: Parts = {}): string {
  const lines: string[] = [];
  if (parts.provenance !== false) lines.push('<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 -->');
  if (parts.title !== null) lines.push(parts.title ?? '# Capsule orders@0123abcd');
  const section = (title: string, body: string[] | null | undefined, fallback: string[]) => {
    if (body === null) return;
    lines.push('', `## ${title}`, ...(body ?? fallback));
  };
  section('Goal', parts.goal === null ? null : parts.goal === undefined ? undefined : [parts.goal], ['Expose GET /health.']);
  section('Required Outputs', parts.outputs?.map((o) => `- ${o}`) ?? (parts.outputs === null ? null : undefined), ['- `src/routes/health.ts`']);
  section('Acceptance Criteria', parts.accept?.map((a) => `- ${a}`) ?? (parts.accept === null ? null : undefined), ['- `npm test` passes']);
  section('Allowed Context', parts.context?.map((c) => `- ${c}`) ?? (parts.context === null ? null : undefined), ['- `src/app.ts`']);
  section('Router Notes', parts.notes?.map((n) => `- ${n}`) ?? (parts.notes === null ? null : undefined), ['- Lead: backender']);
  return `${lines.join('\n')}\n`;
}

function check(parts: Parts = {}, budget: Budget = BUDGET) {
  const capsule = parseCapsule(capsuleText(parts), '.specify/specs/orders/capsule.md');
  return validateCapsule(capsule, fakeView(FILES), { budget });
}

const codes = (parts: Parts = {}, budget?: Budget) => check(parts, budget).map((d) => d.code);

describe('validateCapsule', () => {
  it('accepts a complete capsule with no diagnostics', () => {
    expect(check()).toEqual([]);
  });

  it('reads open questions as from-spec does: a marker inside a comment spanning lines is not one', () => {
    const open = (notes: string[]) => check({ notes: ['Lead: backender', ...notes] }).filter((d) => d.code === 'CAPSULE_OPEN_QUESTION');
    expect(open(['<!--', '[NEEDS CLARIFICATION: a note to self]', '-->'])).toEqual([]);
    expect(open(['Retention: [NEEDS CLARIFICATION: how long?]']).map((d) => d.message)).toEqual(['Open question: how long?']);
  });

  it('requires the title and reports a malformed one as an error', () => {
    expect(codes({ title: null })).toContain('CAPSULE_TITLE_MISSING');
    const bad = check({ title: '# Orders capsule' }).find((d) => d.code === 'CAPSULE_TITLE_FORMAT');
    expect(bad?.severity).toBe('error');
    expect(bad?.line).toBe(2);
  });

  it.each([
    ['goal', 'Goal'],
    ['outputs', 'Required Outputs'],
    ['accept', 'Acceptance Criteria'],
    ['context', 'Allowed Context'],
    ['notes', 'Router Notes'],
  ] as const)('reports a missing %s section with a fix naming it', (part, title) => {
    const diagnostic = check({ [part]: null }).find((d) => d.code === 'CAPSULE_SECTION_MISSING');
    expect(diagnostic?.message).toContain(title);
    expect(diagnostic?.fix).toContain(`## ${title}`);
  });

  it('reports an empty section at its heading line', () => {
    const diagnostic = check({ outputs: [] }).find((d) => d.code === 'CAPSULE_SECTION_EMPTY');
    expect(diagnostic?.line).toBe(7);
  });

  it('reports prose where a list is needed', () => {
    const text = capsuleText().replace('- `src/routes/health.ts`', 'the health route file');
    const diagnostics = validateCapsule(parseCapsule(text, 'c.md'), fakeView(FILES), { budget: BUDGET });
    expect(diagnostics.map((d) => d.code)).toContain('CAPSULE_SECTION_NOT_A_LIST');
  });

  it('flags a vague acceptance item with its line and a rewrite example', () => {
    const diagnostic = check({ accept: ['`npm test` passes', 'The API works well'] }).find((d) => d.code === 'CAPSULE_ACCEPTANCE_VAGUE');
    expect(diagnostic).toMatchObject({ severity: 'error', line: 12 });
    expect(diagnostic?.fix).toMatch(/^Rewrite it as a check someone can run, e\.g\. ".*`.*`/);
  });

  it('flags a sign-off by another department as vague', () => {
    expect(check({ accept: ['Product signs off'] }).map((d) => [d.code, d.severity])).toEqual([['CAPSULE_ACCEPTANCE_VAGUE', 'error']]);
  });

  it('reports an inspectable criterion as checked by review, not as an error', () => {
    const diagnostics = check({ accept: ['`npm test` passes', 'With the network off a banner appears and cached data stays on screen'] });
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['CAPSULE_ACCEPTANCE_REVIEW', 'info', 12]]);
    expect(diagnostics[0]!.message).toMatch(/checked by review/);
  });

  it('warns (not errors) about vague words beside a real check', () => {
    const [diagnostic] = check({ accept: ['`npm test` passes and the code is clean'] });
    expect(diagnostic).toMatchObject({ code: 'CAPSULE_ACCEPTANCE_VAGUE', severity: 'warning' });
  });

  it('requires concrete outputs', () => {
    const diagnostics = check({ outputs: ['the code', 'tests', 'docs', '`src/a.ts`', 'docs/', 'Dockerfile', 'orders.v2 contract', 'POST /orders endpoint'] });
    expect(diagnostics.filter((d) => d.code === 'CAPSULE_OUTPUT_VAGUE').map((d) => d.line)).toEqual([8, 9, 10]);
  });

  it('rejects outputs outside the root and warns about duplicates', () => {
    expect(codes({ outputs: ['../elsewhere/a.ts', '`src/a.ts`', 'src/a.ts'] })).toEqual(['CAPSULE_OUTPUT_OUTSIDE_ROOT', 'CAPSULE_OUTPUT_DUPLICATE']);
  });

  it('checks Allowed Context entries: missing, glob with no match, creator roles', () => {
    const diagnostics = check({
      context: [
        '`src/app.ts`',
        'src/missing.ts',
        'src/**/*.py',
        'src/new.ts (to be created by Backender)',
        'src/other.ts (to be created by Context Warden)',
        'src/x.ts (to be created by Wizard)',
        'src/**/*.ts',
      ],
    });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['CAPSULE_CONTEXT_MISSING', 15],
      ['CAPSULE_CONTEXT_MISSING', 16],
      ['CAPSULE_CONTEXT_CREATOR_UNKNOWN', 19],
    ]);
    expect(diagnostics[0]!.fix).toContain('(to be created by <Role>)');
  });

  it('rejects Allowed Context entries that escape the root', () => {
    const diagnostics = check({ context: ['../other/file.ts', '/etc/passwd', 'C:\\Windows\\system.ini', 'link-out/secret.txt', '../**/*.ts'] });
    expect(diagnostics.map((d) => d.code)).toEqual(Array(5).fill('CAPSULE_CONTEXT_OUTSIDE_ROOT'));
  });

  it('rejects forbidden entries (exact, prefix, glob) and warns when a glob covers one', () => {
    const diagnostics = check({ context: ['.env', 'secrets/prod.pem', 'config/db.key', 'secretsauce.ts (to be created by Backender)', '**/*'] });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['CAPSULE_CONTEXT_FORBIDDEN', 14],
      ['CAPSULE_CONTEXT_FORBIDDEN', 15],
      ['CAPSULE_CONTEXT_FORBIDDEN', 16],
      ['CAPSULE_CONTEXT_COVERS_FORBIDDEN', 18],
    ]);
  });

  it('rejects duplicated Allowed Context entries, naming the first line', () => {
    const [diagnostic] = check({ context: ['src/app.ts', '`./src/app.ts` (again)'] });
    expect(diagnostic).toMatchObject({ code: 'CAPSULE_CONTEXT_DUPLICATE', severity: 'error', line: 15 });
    expect(diagnostic!.message).toContain('first at line 14');
  });

  it('enforces the line budget', () => {
    expect(codes({}, { maxLines: 10, source: 'override', pattern: '**/capsule.md' })).toEqual(['CAPSULE_TOO_LONG']);
    expect(codes({}, { maxLines: 19, source: 'config' })).toEqual([]);
  });

  it('warns about a missing provenance comment and an unknown lead', () => {
    expect(codes({ provenance: false })).toEqual(['CAPSULE_PROVENANCE_MISSING']);
    expect(codes({ notes: ['Lead: wizard'] })).toEqual(['CAPSULE_LEAD_UNKNOWN']);
  });

  it('passes the parser diagnostics through', () => {
    const text = `${capsuleText()}\n## Goal\nagain\n`;
    const diagnostics = validateCapsule(parseCapsule(text, 'c.md'), fakeView(FILES), { budget: BUDGET });
    expect(diagnostics.map((d) => d.code)).toContain('CAPSULE_SECTION_DUPLICATE');
  });

  it('gives every diagnostic a code, a line and a fix', () => {
    const diagnostics = check({ title: null, accept: ['works'], outputs: ['code'], context: ['nope.ts', '.env'] }, { maxLines: 3, source: 'config' });
    expect(diagnostics.length).toBeGreaterThan(4);
    for (const d of diagnostics) {
      expect(d.code).toMatch(/^CAPSULE_[A-Z_]+$/);
      expect(d.line).toBeGreaterThan(0);
      expect(d.fix).toBeTruthy();
    }
  });
});
