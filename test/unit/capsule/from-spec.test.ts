import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { draftFromSpec, isPlaceholder, parseTasks, planStructure } from '../../../src/core/capsule/from-spec.js';
import { renderCapsule } from '../../../src/core/capsule/generate.js';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { validateCapsule } from '../../../src/core/capsule/validate.js';
import { sha256 } from '../../../src/core/workspace/fs.js';
import { fakeView } from './fake-view.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (kind: string, name: string) => readFileSync(path.join(FIXTURES, `speckit-${kind}`, name), 'utf8');
const sources = (kind: string) => ({
  dir: `.specify/specs/${kind}`,
  spec: read(kind, 'spec.md'),
  plan: read(kind, 'plan.md'),
  tasks: read(kind, 'tasks.md'),
  present: ['plan.md', 'spec.md', 'tasks.md'],
});

function validates(kind: string) {
  const { draft } = draftFromSpec(sources(kind), kind);
  const capsule = parseCapsule(renderCapsule(draft), `.specify/specs/${kind}/capsule.md`);
  const view = fakeView([`.specify/specs/${kind}/spec.md`, `.specify/specs/${kind}/plan.md`, `.specify/specs/${kind}/tasks.md`]);
  return validateCapsule(capsule, view, { budget: { maxLines: 300, source: 'config' } }).filter((d) => d.severity === 'error');
}

/** The sources without a plan.md. */
function withoutPlan<T extends { plan?: string }>(sources: T): Omit<T, 'plan'> {
  const { plan: _plan, ...rest } = sources;
  return rest;
}

describe('parseTasks', () => {
  it('reads ids, markers, paths and test tasks', () => {
    const tasks = parseTasks(read('filled', 'tasks.md'));
    expect(tasks.map((t) => t.id)).toEqual(['T010', 'T011', 'T012', 'T013', 'T014', 'T015']);
    expect(tasks[0]).toMatchObject({
      isTest: true,
      paths: ['backend/tests/contract/test_users_post.py'],
      text: 'Contract test POST /api/users in backend/tests/contract/test_users_post.py',
    });
    expect(tasks[3]!.paths).toEqual(['backend/src/services/signup.py']);
    expect(tasks[5]!.paths).toEqual([]);
  });

  it('skips stock placeholders in paths and tasks inside code fences', () => {
    const tasks = parseTasks(read('stock', 'tasks.md'));
    expect(tasks.flatMap((t) => t.paths)).toEqual(['docs/', 'tests/unit/', 'quickstart.md']);
  });
});

describe('planStructure', () => {
  it('returns the leaf folders of the source tree, not the documentation tree', () => {
    expect(planStructure(read('filled', 'plan.md'))).toEqual(['backend/src/models/', 'backend/src/services/', 'backend/src/api/', 'backend/tests/']);
    const stock = planStructure(read('stock', 'plan.md'));
    expect(stock).toContain('src/models/');
    expect(stock).toContain('frontend/src/');
    expect(stock.some((p) => p.includes('specs/') || p.includes('[') || p.includes(' or '))).toBe(false);
  });
});

describe('draftFromSpec', () => {
  it('builds a capsule from the stock templates (no ## Goal heading, only placeholders): a draft only for its open question', () => {
    const { draft } = draftFromSpec(sources('stock'), 'stock');
    expect(draft.goal).toBe('Deliver the feature specified in .specify/specs/stock/spec.md');
    expect(draft.outputs).toEqual(expect.arrayContaining(['docs/', 'tests/unit/', 'src/models/']));
    expect(draft.outputs).not.toContain('quickstart.md');
    expect(draft.acceptance.join('\n')).not.toMatch(/\[|Given/);
    // Template slots ("What happens at [a boundary]?") are not edge cases.
    expect(draft.routerNotes.join('\n')).not.toMatch(/Edge case/);
    expect(validates('stock').map((d) => d.code)).toEqual(['CAPSULE_OPEN_QUESTION']);
  });

  it('takes goal, outputs and acceptance from a filled-in spec', () => {
    const { draft, diagnostics } = draftFromSpec(sources('filled'), '004-user-signup');
    expect(draft.title).toBe('User sign-up API');
    expect(draft.goal).toBe('Add a POST /api/users endpoint backed by a users table, with hashed passwords.');
    expect(draft.outputs).toEqual([
      'backend/tests/contract/test_users_post.py',
      'backend/tests/integration/test_signup.py',
      'backend/src/models/user.py',
      'backend/src/services/signup.py',
      'backend/src/api/users.py',
    ]);
    expect(draft.acceptance).toHaveLength(8);
    expect(draft.acceptance[0]).toMatch(/^`backend\/tests\/contract\/test_users_post\.py` passes \(T010:/);
    expect(draft.acceptance).toContain('Given an account for ada@example.com exists, When she signs up again, Then the API answers 409');
    // Every FR and SC as written, with its id; edge cases that state an outcome are criteria.
    expect(draft.acceptance).toContain('FR-001: System MUST store passwords hashed with argon2id');
    expect(draft.acceptance).toContain('SC-001: Sign-up responds in under 300 ms at p95');
    expect(draft.acceptance).toContain('SC-002: People love the sign-up flow');
    expect(draft.acceptance).toContain('Edge case: A password shorter than 12 characters is refused.');
    expect(diagnostics).toEqual([]);
    expect(draft.context).toEqual(['.specify/specs/filled/spec.md', '.specify/specs/filled/plan.md', '.specify/specs/filled/tasks.md']);
    // A criterion nothing can run is the capsule check's to weigh (checked by review), not from-spec's to drop.
    expect(validates('filled')).toEqual([]);
  });

  it('without a plan, the goal is the input line, then the primary user story', () => {
    const spec = read('filled', 'spec.md');
    const { draft } = draftFromSpec(withoutPlan(sources('filled')), 'x');
    expect(draft.goal).toBe(
      'Let people create an account with an email and a password\n\nA visitor submits an email address and a password and gets an account they can log in with.',
    );
    const noStory = spec.replace(/### User Story 1[\s\S]*?(?=### Edge Cases)/, '');
    expect(draftFromSpec(withoutPlan({ ...sources('filled'), spec: noStory }), 'x').draft.goal).toBe(
      'Let people create an account with an email and a password',
    );
    const noInput = spec.replace(/^\*\*Input\*\*.*$/m, '');
    expect(draftFromSpec(withoutPlan({ ...sources('filled'), spec: noInput }), 'x').draft.goal).toBe(
      'A visitor submits an email address and a password and gets an account they can log in with.',
    );
  });

  it('hashes spec.md + plan.md + tasks.md in that order, ignoring CRLF', () => {
    const s = sources('filled');
    const { draft } = draftFromSpec(s, 'x');
    expect(draft.hash).toBe(sha256(s.spec + s.plan + s.tasks).slice(0, 8));
    const crlf = { ...s, spec: s.spec.replace(/\n/g, '\r\n') };
    expect(renderCapsule(draftFromSpec(crlf, 'x').draft)).toBe(renderCapsule(draft));
    expect(draftFromSpec({ ...s, tasks: `${s.tasks}\n- [ ] T099 more` }, 'x').draft.hash).not.toBe(draft.hash);
  });

  it('reports missing plan and tasks instead of failing', () => {
    const { draft, diagnostics } = draftFromSpec({ dir: 'specs/a', spec: read('filled', 'spec.md'), present: ['spec.md'] }, 'a');
    expect(diagnostics.map((d) => d.code)).toEqual(['SPEC_PLAN_MISSING', 'SPEC_TASKS_MISSING', 'SPEC_NO_OUTPUTS']);
    expect(draft.context).toEqual(['specs/a/spec.md']);
  });

  it('recognises placeholders', () => {
    expect(isPlaceholder('**Given** [state], **When** [action], **Then** [outcome]')).toBe(true);
    expect(isPlaceholder('"$ARGUMENTS"')).toBe(true);
    expect(isPlaceholder('Given a cart, When paid, Then 201')).toBe(false);
  });
});

describe('draftFromSpec on a filled spec-kit feature (spec-template.md, plan-template.md, tasks-template.md layout)', () => {
  const albums = sources('albums');
  const { draft, diagnostics } = draftFromSpec(albums, '007-photo-albums');
  const text = renderCapsule(draft);

  it('carries every FR-### and SC-### as written, with its id; keeps the edge cases', () => {
    for (const id of ['FR-001', 'FR-002', 'FR-003', 'FR-004', 'SC-001', 'SC-002'])
      expect(
        draft.acceptance.filter((a) => a.startsWith(`${id}: `)),
        id,
      ).toHaveLength(1);
    expect(draft.acceptance).toContain('FR-003: Users MUST be able to share an album through a link that can be revoked');
    expect(draft.acceptance).toContain('Edge case: An album with more than 500 photos is refused with HTTP 413.');
    expect(draft.routerNotes).toContain('Edge case: What happens when a photo in an album is deleted from the library?');
  });

  it('makes a draft that lists each open question once, wherever it stands in the spec', () => {
    expect(draft.acceptance.find((a) => a.startsWith('FR-004'))).toContain('[NEEDS CLARIFICATION: link lifetime not specified');
    expect(draft.openQuestions).toEqual(['[NEEDS CLARIFICATION: can co-owners create links?] (.specify/specs/albums/spec.md line 54)']);
    expect(diagnostics.map((d) => d.code)).toEqual(['SPEC_NEEDS_CLARIFICATION']);
    const errors = validates('albums');
    expect(errors.map((d) => d.code)).toEqual(['CAPSULE_OPEN_QUESTION', 'CAPSULE_OPEN_QUESTION']);
    expect(errors.map((d) => d.message)).toEqual([
      'Open question: link lifetime not specified - 7 days, 30 days, never?',
      'Open question: can co-owners create links?',
    ]);
  });

  it('takes backticked paths of tasks.md and plan.md as outputs, not context or prose', () => {
    expect(draft.outputs).toEqual([
      'tests/albums/create.test.ts',
      'src/albums/repository.ts',
      'src/albums/routes.ts',
      'src/sharing/links.ts',
      'docs/albums.md',
      'db/migrations/0007_albums.sql',
    ]);
    // "README section (Sharing)" is prose; `src/config.ts` (Technical Context) and the constitution are read, not made.
    expect(text).not.toMatch(/`README`|src\/config\.ts|constitution/);
  });

  it('invents no criterion: tasks without checkboxes are not "checked off"; the title keeps no "#"', () => {
    expect(text).not.toContain('checked off');
    expect(text).toContain('# Capsule 007-photo-albums@');
    expect(text.split('\n')[1]).toMatch(/ — Photo albums$/);
    const plain = draftFromSpec({ ...albums, spec: albums.spec.replace('# Feature Specification: Photo albums', '# Photo albums') }, 'x').draft;
    expect(plain.title).toBe('Photo albums');
  });
});
