import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { createHash } from 'node:crypto';

/**
 * `capsule validate|new|from-spec|list` on temporary repositories. Most runs are in-process
 * (runInProcess: same output, exit code and files, no node start); one run per subcommand spawns
 * the built binary, so exit codes and stdout/stderr are also proven as a shell sees them.
 */

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../unit/capsule/fixtures');
const fixture = (kind: string, name: string) => readFileSync(path.join(FIXTURES, `speckit-${kind}`, name), 'utf8');

const ROSTER: Record<string, string> = {
  '.sentinel/config.json': '{}\n',
  '.sentinel/agents/backender/agent.json': JSON.stringify({
    id: 'backender',
    name: 'Backender',
    rulesHash: 'BACKENDER@1.0',
    summary: 'server work',
    routing_keywords: ['api'],
    prompt_files: ['ROLE.md', 'PLAYBOOK.md'],
  }),
  '.sentinel/agents/backender/ROLE.md': '# Backender\n',
  '.sentinel/agents/backender/PLAYBOOK.md': '1) ORIENT\n- read\n',
  'src/app.ts': 'export const app = 1;\n',
};

const GOOD = `<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 -->
# Capsule health@0123abcd

## Goal
Add GET /health.

## Required Outputs
- \`src/routes/health.ts\`

## Acceptance Criteria
- \`npm test\` passes
- GET /health returns 200

## Allowed Context
- \`src/app.ts\`
- src/routes/health.ts (to be created by Backender)

## Router Notes
- Lead: backender
`;

const repos: TempRepo[] = [];
function repo(files: Record<string, string> = {}): TempRepo {
  const r = makeTempRepo({ ...ROSTER, ...files });
  repos.push(r);
  return r;
}
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup();
});

const run = (r: TempRepo, ...args: string[]) => runInProcess(args, { cwd: r.dir });
const spawned = (r: TempRepo, ...args: string[]) => runSentinel(args, { cwd: r.dir });

describe('sentinel capsule validate', () => {
  it('passes a valid capsule (exit 0) and reports it in JSON', async () => {
    const r = repo({ '.specify/specs/health/capsule.md': GOOD });
    const result = await run(r, 'capsule', 'validate', '--json');
    expect(result.code).toBe(0);
    const body = result.json();
    expect(body).toMatchObject({ ok: true, counts: { capsules: 1, valid: 1, errors: 0 } });
    expect(body.capsules[0]).toMatchObject({ file: '.specify/specs/health/capsule.md', id: 'health@0123abcd', ok: true, diagnostics: [] });
  });

  it('fails (exit 1) on a vague criterion, naming file, line, code and fix', async () => {
    const r = repo({ '.specify/specs/health/capsule.md': GOOD.replace('- GET /health returns 200', '- The endpoint works well') });
    const result = await spawned(r, 'capsule', 'validate');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('.specify/specs/health/capsule.md:12  error  CAPSULE_ACCEPTANCE_VAGUE');
    expect(result.stdout).toMatch(/fix: Rewrite it as a check someone can run, e\.g\./);
  });

  it('validates only the paths given (file or folder); an unknown path exits 2', async () => {
    const r = repo({ '.specify/specs/health/capsule.md': GOOD, '.specify/specs/broken/capsule.md': '# nothing\n' });
    expect((await run(r, 'capsule', 'validate')).code).toBe(1);
    expect((await run(r, 'capsule', 'validate', '.specify/specs/health/capsule.md')).code).toBe(0);
    expect((await run(r, 'capsule', 'validate', '.specify/specs/health')).code).toBe(0);
    const missing = await spawned(r, 'capsule', 'validate', 'nope/capsule.md', '--json');
    expect(missing.code).toBe(2);
    expect(missing.json().error.code).toBe('CAPSULE_NOT_FOUND');
    expect((await run(r, 'capsule', 'validate', '../outside.md')).code).toBe(2);
  });

  it('reports missing sections, sign-offs as vague items and vague outputs', async () => {
    const text = GOOD.replace('## Router Notes\n- Lead: backender\n', '')
      .replace('- `src/routes/health.ts`', '- the code')
      .replace('- `npm test` passes', '- Product signs off');
    const r = repo({ '.specify/specs/health/capsule.md': text });
    const result = await run(r, 'capsule', 'validate', '--json');
    expect(result.code).toBe(1);
    const codes = result.json().capsules[0].diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['CAPSULE_SECTION_MISSING', 'CAPSULE_OUTPUT_VAGUE', 'CAPSULE_ACCEPTANCE_VAGUE']));
  });

  it('rejects Allowed Context that escapes (symlink out), is forbidden, missing, duplicated or made by an unknown role', async () => {
    const outside = makeTempDir({ 'secret.txt': 'x\n' });
    const limits = JSON.stringify({ forbiddenPaths: ['.env'], artifacts: [] });
    const text = GOOD.replace(
      '- src/routes/health.ts (to be created by Backender)',
      ['- linked/secret.txt', '- .env', '- src/missing.ts', '- src/app.ts', '- src/x.ts (to be created by Wizard)'].join('\n'),
    );
    const r = repo({ '.specify/specs/health/capsule.md': text, '.env': 'A=1\n', '.sentinel/context/limits/context-limits.json': limits });
    symlinkSync(outside.dir, path.join(r.dir, 'linked'));
    try {
      const result = await run(r, 'capsule', 'validate', '--json');
      expect(result.code).toBe(1);
      const found = result.json().capsules[0].diagnostics.map((d: { code: string; line: number }) => [d.code, d.line]);
      expect(found).toEqual([
        ['CAPSULE_CONTEXT_OUTSIDE_ROOT', 16],
        ['CAPSULE_CONTEXT_FORBIDDEN', 17],
        ['CAPSULE_CONTEXT_MISSING', 18],
        ['CAPSULE_CONTEXT_DUPLICATE', 19],
        ['CAPSULE_CONTEXT_CREATOR_UNKNOWN', 20],
      ]);
    } finally {
      outside.cleanup();
    }
  });

  it('enforces the line budget from config or a context-limits override', async () => {
    const r = repo({ '.specify/specs/health/capsule.md': GOOD, '.sentinel/config.json': JSON.stringify({ capsules: { maxLines: 10 } }) });
    const viaConfig = await run(r, 'capsule', 'validate', '--json');
    expect(viaConfig.json().capsules[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['CAPSULE_TOO_LONG']);
    r.write({
      '.sentinel/context/limits/context-limits.json': JSON.stringify({
        overrides: [{ pattern: '.specify/specs/health/capsule.md', maxLines: 40, reason: 'test' }],
      }),
    });
    expect((await run(r, 'capsule', 'validate')).code).toBe(0);
  });

  it('says so when there are no capsules (exit 0)', async () => {
    const r = repo();
    const result = await run(r, 'capsule', 'validate');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No capsules found');
  });
});

describe('sentinel capsule new', () => {
  const args = [
    'capsule',
    'new',
    'orders',
    '--goal',
    'Expose POST /orders.',
    '--output',
    'src/routes/orders.ts',
    '--accept',
    'POST /orders with an empty body returns 400',
    '--context',
    'src/app.ts',
    '--lead',
    'backender',
  ];

  it('writes a capsule that validates, and regenerating it is byte-identical', async () => {
    const r = repo();
    const first = await spawned(r, ...args, '--json');
    expect(first.code).toBe(0);
    const body = first.json();
    expect(body).toMatchObject({ ok: true, file: '.specify/specs/orders/capsule.md', outcome: 'created', valid: true });
    expect(body.id).toMatch(/^orders@[0-9a-f]{8}$/);
    const file = path.join(r.dir, '.specify/specs/orders/capsule.md');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(`<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 Capsule=${body.id} -->`);
    expect((await run(r, 'capsule', 'validate')).code).toBe(0);
    const again = await run(r, ...args, '--json');
    expect(again.json()).toMatchObject({ outcome: 'unchanged', id: body.id });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('never overwrites a different capsule without --force, and keeps a .bak with it', async () => {
    const r = repo();
    await run(r, ...args);
    const file = path.join(r.dir, '.specify/specs/orders/capsule.md');
    const original = readFileSync(file, 'utf8');
    const changed = args.map((a) => (a === 'Expose POST /orders.' ? 'Expose PUT /orders.' : a));
    const refused = await run(r, ...changed, '--json');
    expect(refused.code).toBe(2);
    expect(refused.json().error).toMatchObject({ code: 'CAPSULE_EXISTS' });
    expect(readFileSync(file, 'utf8')).toBe(original);
    const forced = await run(r, ...changed, '--force', '--json');
    expect(forced.json()).toMatchObject({ outcome: 'replaced', backup: '.specify/specs/orders/capsule.md.bak' });
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original);
    expect(readFileSync(file, 'utf8')).toContain('Expose PUT /orders.');
  });

  it('--dry-run prints the capsule and writes nothing; --dir picks the folder', async () => {
    const r = repo();
    const dry = await run(r, ...args, '--dry-run', '--dir', '.sentinel/capsules/orders');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^<!-- ProducedBy=CAPSULEAUTHOR/);
    expect(dry.stdout).toContain('- Lead: backender');
    expect(existsSync(path.join(r.dir, '.sentinel/capsules/orders/capsule.md'))).toBe(false);
  });

  it('defaults to the folder of the first capsules glob and warns when --dir is not discoverable', async () => {
    const r = repo({ '.sentinel/config.json': JSON.stringify({ capsules: { globs: ['work/capsules/*/capsule.md'] } }) });
    const created = await run(r, ...args, '--json');
    expect(created.json()).toMatchObject({ file: 'work/capsules/orders/capsule.md', outcome: 'created' });
    expect(created.json().diagnostics).toEqual([]);
    const elsewhere = await run(r, ...args, '--dir', 'notes/orders', '--json');
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.json().diagnostics.map((d: { code: string }) => d.code)).toEqual(['CAPSULE_NOT_DISCOVERABLE']);
  });

  it('refuses (exit 2) inputs that would not validate, and bad slugs', async () => {
    const r = repo();
    const invalid = await run(r, 'capsule', 'new', 'x', '--goal', 'Do it', '--accept', 'it works well', '--json');
    expect(invalid.code).toBe(2);
    const body = invalid.json();
    expect(body.error.code).toBe('CAPSULE_NEW_INVALID');
    expect(body.diagnostics.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['CAPSULE_SECTION_EMPTY', 'CAPSULE_ACCEPTANCE_VAGUE']));
    expect(existsSync(path.join(r.dir, '.specify/specs/x'))).toBe(false);
    expect((await run(r, 'capsule', 'new', '../x', '--goal', 'g')).code).toBe(2);
  });
});

describe('sentinel capsule from-spec', () => {
  function specRepo(kind: string, dir = '.specify/specs/001-feature') {
    return repo({ [`${dir}/spec.md`]: fixture(kind, 'spec.md'), [`${dir}/plan.md`]: fixture(kind, 'plan.md'), [`${dir}/tasks.md`]: fixture(kind, 'tasks.md') });
  }

  it('a spec with an open question (the stock template has one) gives a draft that route refuses', async () => {
    const r = specRepo('stock');
    const result = await run(r, 'capsule', 'from-spec', '.specify/specs/001-feature', '--json');
    expect(result.code).toBe(1);
    const report = result.json();
    expect(report).toMatchObject({ ok: false, valid: false, outcome: 'created', file: '.specify/specs/001-feature/capsule.md' });
    expect(report.diagnostics.filter((d: { severity: string }) => d.severity === 'error').map((d: { code: string }) => d.code)).toEqual([
      'CAPSULE_OPEN_QUESTION',
    ]);
    expect((await run(r, 'capsule', 'validate', '.specify/specs/001-feature')).code).toBe(1);
    const route = await run(r, 'route', '001-feature', '--no-log');
    expect(route.code).toBe(1);
    expect(route.stdout).toContain('Open question');
  });

  it('ids hash spec.md + plan.md + tasks.md; unchanged sources give byte-identical output', async () => {
    const r = specRepo('filled');
    const first = (await run(r, 'capsule', 'from-spec', '.specify/specs/001-feature', '--json')).json();
    const hash = createHash('sha256')
      .update(fixture('filled', 'spec.md') + fixture('filled', 'plan.md') + fixture('filled', 'tasks.md'))
      .digest('hex')
      .slice(0, 8);
    expect(first.id).toBe(`001-feature@${hash}`);
    const file = path.join(r.dir, '.specify/specs/001-feature/capsule.md');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Capsule 001-feature@');
    expect(text).toContain('- `backend/src/api/users.py`');
    const again = await run(r, 'capsule', 'from-spec', '.specify/specs/001-feature', '--json');
    expect(again.json().outcome).toBe('unchanged');
    expect(readFileSync(file, 'utf8')).toBe(text);
    r.write({ '.specify/specs/001-feature/tasks.md': `${fixture('filled', 'tasks.md')}- [ ] T016 Add rate limit in backend/src/api/limits.py\n` });
    const changed = await spawned(r, 'capsule', 'from-spec', '.specify/specs/001-feature');
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('--force');
  });

  it('honours --slug and --out, and needs spec.md (exit 2 without it)', async () => {
    const r = specRepo('filled');
    const result = await run(
      r,
      'capsule',
      'from-spec',
      '.specify/specs/001-feature',
      '--slug',
      'signup',
      '--out',
      '.sentinel/capsules/signup/capsule.md',
      '--json',
    );
    expect(result.json()).toMatchObject({ file: '.sentinel/capsules/signup/capsule.md' });
    expect(result.json().id).toMatch(/^signup@/);
    const missing = await run(r, 'capsule', 'from-spec', 'src', '--json');
    expect(missing.code).toBe(2);
    expect(missing.json().error.code).toBe('SPEC_NOT_FOUND');
  });
});

describe('sentinel capsule list', () => {
  it('shows id, title, lead from the state file, and status (state, else ready/draft)', async () => {
    const state = {
      schema: 1,
      slug: 'routed',
      status: 'routed',
      lead: 'backender',
      history: [],
      handoffs: [],
      evidence: [],
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const r = repo({
      '.specify/specs/health/capsule.md': GOOD,
      '.specify/specs/routed/capsule.md': GOOD.replace('health@0123abcd', 'routed@89abcdef'),
      '.specify/specs/broken/capsule.md': GOOD.replace('- `npm test` passes', '- works well'),
      '.sentinel/state/routed.json': JSON.stringify(state),
    });
    const result = await run(r, 'capsule', 'list', '--json');
    expect(result.code).toBe(0);
    const rows = result.json().capsules.map((c: Record<string, unknown>) => [c.slug, c.status, c.lead, c.title]);
    expect(rows).toEqual([
      ['health', 'draft', null, 'Add GET /health.'],
      ['health', 'ready', null, 'Add GET /health.'],
      ['routed', 'routed', 'backender', 'Add GET /health.'],
    ]);
    const text = await spawned(r, 'capsule', 'list');
    expect(text.stdout).toMatch(/routed@89abcdef\s+routed\s+backender/);
  });
});
