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
    expect(tasks[0]).toMatchObject({ isTest: true, paths: ['backend/tests/contract/test_users_post.py'], text: 'Contract test POST /api/users in backend/tests/contract/test_users_post.py' });
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
  it('builds a valid capsule from the stock templates (no ## Goal heading, only placeholders)', () => {
    const { draft } = draftFromSpec(sources('stock'), 'stock');
    expect(draft.goal).toBe('Deliver the feature specified in .specify/specs/stock/spec.md');
    expect(draft.outputs).toEqual(expect.arrayContaining(['docs/', 'tests/unit/', 'src/models/']));
    expect(draft.outputs).not.toContain('quickstart.md');
    expect(draft.acceptance.join('\n')).not.toMatch(/\[|Given/);
    expect(validates('stock')).toEqual([]);
  });

  it('takes goal, outputs and acceptance from a filled-in spec', () => {
    const { draft, diagnostics } = draftFromSpec(sources('filled'), '004-user-signup');
    expect(draft.title).toBe('User sign-up API');
    expect(draft.goal).toBe('Add a POST /api/users endpoint backed by a users table, with hashed passwords.');
    expect(draft.outputs).toEqual(['backend/tests/contract/test_users_post.py', 'backend/tests/integration/test_signup.py', 'backend/src/models/user.py', 'backend/src/services/signup.py', 'backend/src/api/users.py']);
    expect(draft.acceptance).toHaveLength(5);
    expect(draft.acceptance[0]).toMatch(/^`backend\/tests\/contract\/test_users_post\.py` passes \(T010:/);
    expect(draft.acceptance).toContain('Given an account for ada@example.com exists, When she signs up again, Then the API answers 409');
    expect(draft.acceptance).toContain('SC-001: Sign-up responds in under 300 ms at p95');
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['SPEC_CRITERION_SKIPPED', 'Left out "SC-002: People love the sign-up flow": it names nothing a referee can check']]);
    expect(draft.context).toEqual(['.specify/specs/filled/spec.md', '.specify/specs/filled/plan.md', '.specify/specs/filled/tasks.md']);
    expect(validates('filled')).toEqual([]);
  });

  it('falls back to the primary user story, then the Input line, when there is no summary', () => {
    const spec = read('filled', 'spec.md');
    const { draft } = draftFromSpec(withoutPlan(sources('filled')), 'x');
    expect(draft.goal).toBe('A visitor submits an email address and a password and gets an account they can log in with.');
    const noStory = spec.replace(/### User Story 1[\s\S]*?(?=### Edge Cases)/, '');
    expect(draftFromSpec(withoutPlan({ ...sources('filled'), spec: noStory }), 'x').draft.goal).toBe('Let people create an account with an email and a password');
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
    expect(diagnostics.map((d) => d.code)).toEqual(['SPEC_PLAN_MISSING', 'SPEC_TASKS_MISSING', 'SPEC_CRITERION_SKIPPED', 'SPEC_NO_OUTPUTS']);
    expect(draft.context).toEqual(['specs/a/spec.md']);
  });

  it('recognises placeholders', () => {
    expect(isPlaceholder('**Given** [state], **When** [action], **Then** [outcome]')).toBe(true);
    expect(isPlaceholder('"$ARGUMENTS"')).toBe(true);
    expect(isPlaceholder('Given a cart, When paid, Then 201')).toBe(false);
  });
});
