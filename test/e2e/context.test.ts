import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first `check`, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
const LIMITS_PATH = '.sentinel/context/limits/context-limits.json';

const LIMITS = {
  defaultMaxLines: 50,
  warningThreshold: 0.8,
  forbiddenPaths: ['.env', 'secrets'],
  artifacts: [
    { name: 'capsules', globs: ['.specify/specs/*/capsule.md'], maxLines: 300, enforceAllowedContext: true },
    { name: 'source', globs: ['src/**'], maxLines: 10 },
    { name: 'prompts', globs: ['prompts/**'], maxTokens: 20 },
  ],
  overrides: [{ pattern: 'src/table.ts', maxLines: 100, reason: 'generated table' }],
};

function capsule(context: string[]): string {
  return [
    '<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 -->',
    '# Capsule work@0123abcd',
    '',
    '## Goal',
    'Do the work.',
    '',
    '## Required Outputs',
    '- `src/ok.ts`',
    '',
    '## Acceptance Criteria',
    '- `npm test` passes',
    '',
    '## Allowed Context',
    ...context.map((c) => `- ${c}`),
    '',
    '## Router Notes',
    '- Lead: backender',
    '',
  ].join('\n');
}

const BASE: Record<string, string> = {
  '.sentinel/config.json': '{}\n',
  [LIMITS_PATH]: JSON.stringify(LIMITS, null, 2),
  'src/ok.ts': lines(3),
  'src/table.ts': lines(60),
  '.specify/specs/work/capsule.md': capsule(['`src/ok.ts`']),
};

const repos: TempRepo[] = [];
function repo(files: Record<string, string | null> = {}): TempRepo {
  const merged = Object.entries({ ...BASE, ...files }).filter((e): e is [string, string] => e[1] !== null);
  const r = makeTempRepo(Object.fromEntries(merged));
  repos.push(r);
  return r;
}
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup();
});

const lint = (r: TempRepo, ...args: string[]) => runInProcess(['context', 'lint', ...args], { cwd: r.dir });
const codes = (body: { diagnostics: Array<{ code: string; path?: string }> }) => body.diagnostics.map((d) => [d.code, d.path]);

describe('sentinel context lint: budgets', () => {
  it('passes a workspace within budget (override beats artifact maxLines)', async () => {
    const result = await lint(repo(), '--json');
    expect(result.code).toBe(0);
    const body = result.json();
    expect(body).toMatchObject({ ok: true, status: 'ok', limitsFile: LIMITS_PATH });
    expect(body.files.find((f: { path: string }) => f.path === 'src/table.ts')).toMatchObject({ lines: 60, maxLines: 100, budget: 'override' });
    expect(body.diagnostics).toEqual([]);
  });

  it('fails a file over its line budget (exit 1) with file, line and fix', async () => {
    const result = await lint(repo({ 'src/big.ts': lines(11) }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('src/big.ts:11  error  CONTEXT_OVER_BUDGET  src/big.ts has 11 lines; its budget is 10 (artifact "source")');
    expect(result.stdout).toMatch(/fix: Split the file below 10 lines/);
  });

  it('warns at the threshold; --strict turns the warning into a failure', async () => {
    const r = repo({ 'src/near.ts': lines(8) });
    const relaxed = await lint(r, '--json');
    expect(relaxed.code).toBe(0);
    expect(codes(relaxed.json())).toEqual([['CONTEXT_NEAR_BUDGET', 'src/near.ts']]);
    const strict = await lint(r, '--strict', '--json');
    expect(strict.code).toBe(1);
    expect(strict.json()).toMatchObject({ ok: false, status: 'fail', strict: true });
  });

  it('counts tokens with the real tokenizer when an artifact sets maxTokens', async () => {
    const r = repo({ 'prompts/short.txt': 'Answer in one word.\n', 'prompts/long.txt': `${'Please summarise the incident report in detail. '.repeat(10)}\n` });
    const result = await lint(r, '--json');
    expect(result.code).toBe(1);
    const files = result.json().files;
    const short = files.find((f: { path: string }) => f.path === 'prompts/short.txt');
    const long = files.find((f: { path: string }) => f.path === 'prompts/long.txt');
    expect(short.tokens).toBeGreaterThan(2);
    expect(short.tokens).toBeLessThan(10);
    expect(long.tokens).toBeGreaterThan(20);
    expect(codes(result.json())).toEqual([['CONTEXT_OVER_TOKENS', 'prompts/long.txt']]);
  });

  it('counts a file that mentions <|endoftext|> as text (it used to crash the lint with exit 2)', async () => {
    const r = repo({ 'prompts/tokens.txt': 'Stop at <|endoftext|>.\n' });
    const result = await lint(r, '--json');
    expect(result.code, result.stderr).toBe(0);
    const file = result.json().files.find((f: { path: string }) => f.path === 'prompts/tokens.txt');
    expect(file.tokens).toBeGreaterThan(3);
    expect(file.tokens).toBeLessThanOrEqual(20);
  });

  it('reads YAML limits (.yaml beside the configured .json)', async () => {
    const r = repo({
      [LIMITS_PATH]: null,
      '.sentinel/context/limits/context-limits.yaml': 'defaultMaxLines: 5\nartifacts:\n  - name: source\n    globs: ["src/**"]\n',
    });
    const result = await lint(r, '--json');
    expect(result.json().limitsFile).toBe('.sentinel/context/limits/context-limits.yaml');
    expect(codes(result.json())).toEqual([['CONTEXT_OVER_BUDGET', 'src/table.ts']]);
  });

  it('exits 2 on an invalid limits file, naming the key and line', async () => {
    const r = repo({ [LIMITS_PATH]: '{\n  "defaultMaxLines": 100,\n  "warningTreshold": 0.5\n}\n' });
    const result = await lint(r, '--json');
    expect(result.code).toBe(2);
    expect(result.json().error).toMatchObject({ kind: 'config', code: 'CONTEXT_LIMITS_SCHEMA', path: LIMITS_PATH, line: 1 });
    expect(result.json().error.message).toContain('unknown key "warningTreshold"');
    const text = await lint(r);
    expect(text.stdout).toContain('CONTEXT_LIMITS_SCHEMA');
  });
});

describe('sentinel context lint: Allowed Context', () => {
  it('reports escaping, forbidden, missing and duplicated entries', async () => {
    const r = repo({
      '.specify/specs/work/capsule.md': capsule(['../outside.txt', '.env', 'secrets/key.pem', 'src/gone.ts', 'src/ok.ts', 'src/ok.ts']),
      '.env': 'X=1\n',
    });
    const result = await lint(r, '--json');
    expect(result.code).toBe(1);
    const found = result
      .json()
      .diagnostics.filter((d: { code: string }) => d.code.startsWith('CONTEXT_ALLOWED'))
      .map((d: { code: string; line: number }) => [d.code, d.line]);
    expect(found).toEqual([
      ['CONTEXT_ALLOWED_OUTSIDE_ROOT', 14],
      ['CONTEXT_ALLOWED_FORBIDDEN', 15],
      ['CONTEXT_ALLOWED_FORBIDDEN', 16],
      ['CONTEXT_ALLOWED_MISSING', 17],
      ['CONTEXT_ALLOWED_DUPLICATE', 19],
    ]);
  });

  it('reports Allowed Context files that match no artifact glob instead of skipping them', async () => {
    const r = repo({ '.specify/specs/work/capsule.md': capsule(['`src/ok.ts`', 'notes/plan.txt']), 'notes/plan.txt': 'plan\n' });
    const result = await lint(r, '--json');
    expect(result.code).toBe(0);
    expect(codes(result.json())).toEqual([['CONTEXT_UNCLASSIFIED', 'notes/plan.txt']]);
    expect(result.json().files.find((f: { path: string }) => f.path === 'notes/plan.txt')).toMatchObject({ maxLines: 50, budget: 'default' });
    expect((await lint(r, '--strict')).code).toBe(1);
  });

  it('--capsule focuses on one capsule and its files; an unknown capsule exits 2', async () => {
    const r = repo({ 'src/big.ts': lines(20), '.specify/specs/work/capsule.md': capsule(['src/ok.ts']) });
    const focused = await lint(r, '--capsule', 'work', '--json');
    expect(focused.code).toBe(0);
    expect(focused.json().files.map((f: { path: string }) => f.path)).toEqual(['.specify/specs/work/capsule.md', 'src/ok.ts']);
    expect((await lint(r, '--json')).code).toBe(1);
    const unknown = await lint(r, '--capsule', 'nope', '--json');
    expect(unknown.code).toBe(2);
    expect(unknown.json().error.code).toBe('CAPSULE_NOT_FOUND');
  });
});

describe('capsules and context gates in sentinel check', () => {
  it('pass on a clean workspace and fail exactly on a planted fault', async () => {
    const r = repo();
    const clean = await runSentinel(['check', '--only', 'capsules,context', '--json'], { cwd: r.dir });
    expect(clean.code).toBe(0);
    const statuses = (body: { gates: Array<{ gate: string; status: string }> }) => Object.fromEntries(body.gates.map((g) => [g.gate, g.status]));
    expect(statuses(clean.json())).toEqual({ capsules: 'ok', context: 'ok' });

    r.write({ 'src/big.ts': lines(30) });
    const overBudget = await runInProcess(['check', '--only', 'capsules,context', '--json'], { cwd: r.dir });
    expect(overBudget.code).toBe(1);
    expect(statuses(overBudget.json())).toEqual({ capsules: 'ok', context: 'fail' });

    r.write({ '.specify/specs/work/capsule.md': capsule(['src/ok.ts']).replace('- `npm test` passes', '- it is fast') });
    const vague = await runInProcess(['check', '--only', 'capsules', '--json'], { cwd: r.dir });
    expect(statuses(vague.json())).toEqual({ capsules: 'fail' });
  });

  it('capsules is pending when there are no capsules', async () => {
    const r = makeTempRepo({ '.sentinel/config.json': '{}\n' });
    repos.push(r);
    const result = await runInProcess(['check', '--only', 'capsules', '--json'], { cwd: r.dir });
    expect(result.code).toBe(0);
    expect(result.json().gates[0]).toMatchObject({ gate: 'capsules', status: 'pending' });
  });
});
