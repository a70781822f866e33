import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { capsuleFile, sha256, WORKSPACE_FILES } from './route-fixtures.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them, and the
 * runs that read `--accept -` from stdin (fd 0, which only a process of its own has).
 */

const ORDERS = {
  slug: 'orders-api',
  goal: 'Add the POST /orders route and its migration.',
  outputs: ['`server/src/routes/orders.ts` — the handler', '`db/migrations/0002_orders.sql` (forward-only)'],
  acceptance: ['`npm test` passes', 'POST /orders with a valid body returns 201'],
};

let repo: TempRepo;
beforeAll(() => {
  repo = makeTempRepo({
    ...WORKSPACE_FILES,
    ...capsuleFile(ORDERS),
    ...capsuleFile({ ...ORDERS, slug: 'overruled', notes: ['Lead: verifier', 'Decision: D-0009'] }),
    ...capsuleFile({ slug: 'orders-tests', goal: 'Cover the orders route.', outputs: ['`server/src/routes/orders.test.ts`'], notes: ['Lead: verifier'] }),
    ...capsuleFile({ slug: 'vague', goal: 'Polish things a little.', outputs: ['`misc/notes.txt`'] }),
    ...capsuleFile({ ...ORDERS, slug: 'broken', omit: 'Acceptance Criteria' }),
    ...capsuleFile({ ...ORDERS, slug: 'accept-me' }),
    ...capsuleFile({ ...ORDERS, slug: 'no-log' }),
  });
});
afterAll(() => repo.cleanup());

const logLines = (slug: string) =>
  readFileSync(path.join(repo.dir, `.sentinel/router_log/${slug}.jsonl`), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
const state = (slug: string) => JSON.parse(readFileSync(path.join(repo.dir, `.sentinel/state/${slug}.json`), 'utf8'));

describe('sentinel route (deterministic)', () => {
  it('picks the owner of the outputs, explains the scores and logs one line', async () => {
    const result = await runSentinel(['route', 'orders-api'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Routed orders-api@0badc0de → backender \(Backender\), score \d+/);
    expect(result.stdout).toMatch(/1\. backender {2}\d+/);
    expect(result.stdout).toContain('paths: server/src/routes/orders.ts ~ server/src/**, db/migrations/0002_orders.sql ~ db/migrations/**');
    expect(result.stdout).toMatch(/words: route \[goal, outputs\], migration \[goal, outputs\]/);
    expect(result.stdout.match(/^ {2}\d\. /gm)).toHaveLength(3);

    const [line, ...rest] = logLines('orders-api');
    expect(rest).toEqual([]);
    const capsuleText = readFileSync(path.join(repo.dir, '.specify/specs/orders-api/capsule.md'), 'utf8');
    expect(line).toMatchObject({
      routerRulesHash: expect.stringMatching(/^ROUTER@1\.0\+sha256:[0-9a-f]{64}$/),
      capsuleId: 'orders-api@0badc0de',
      capsuleContentHash: sha256(capsuleText),
      decisionId: 'D-0007',
      producedBy: 'sentinel-router',
      decision: {
        leadAgent: 'backender',
        requiredOutputs: ORDERS.outputs,
        acceptanceCriteria: ORDERS.acceptance,
        contextToMount: ['server/src/app.ts', '.sentinel/agents/backender/**'],
      },
    });
    expect(line.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(state('orders-api')).toMatchObject({ status: 'routed', lead: 'backender', capsuleId: 'orders-api@0badc0de' });
  });

  it('gives the decision and explanation as JSON', async () => {
    const result = await runInProcess(['--json', 'route', 'orders-api', '--no-log'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const json = result.json();
    expect(json.ok).toBe(true);
    expect(json.decision.leadAgent).toBe('backender');
    expect(json.explanation.chosen).toBe('backender');
    expect(json.explanation.candidates[0]).toMatchObject({ id: 'backender', paths: [expect.objectContaining({ glob: 'server/src/**' }), expect.anything()] });
    expect(json.log).toBeNull();
    expect(logLines('orders-api')).toHaveLength(1);
  });

  it('overrules a Router Notes lead whose charter forbids the outputs, and says why', async () => {
    const result = await runInProcess(['route', 'overruled'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('→ backender');
    expect(result.stdout).toMatch(/lead "verifier" overruled: its charter forbids producing server\/src\/routes\/orders\.ts/);
    expect(logLines('overruled')[0].decisionId).toBe('D-0009');
  });

  it('honours a Router Notes lead that fits its charter', async () => {
    const result = await runInProcess(['--json', 'route', 'orders-tests'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.json().decision.leadAgent).toBe('verifier');
    expect(result.json().explanation.lead.status).toBe('honoured');
  });

  it('refuses below the threshold with exit 1, the reason and the fix, and logs nothing', async () => {
    const result = await runInProcess(['route', 'vague'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Refused vague@0badc0de: No agent is a safe fit: the best score is \w+ \d+, below router\.minScore 3/);
    expect(result.stdout).toContain('fix: Name the outputs by path');
    expect(existsSync(path.join(repo.dir, '.sentinel/router_log/vague.jsonl'))).toBe(false);
    expect(existsSync(path.join(repo.dir, '.sentinel/state/vague.json'))).toBe(false);
  });

  it('refuses an invalid capsule with its validation errors', async () => {
    const result = await runInProcess(['--json', 'route', 'broken'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    const json = result.json();
    expect(json.refusal.code).toBe('ROUTER_CAPSULE_INVALID');
    expect(json.diagnostics.map((d: { code: string }) => d.code)).toContain('CAPSULE_SECTION_MISSING');
  });

  it('exits 2 for an unknown capsule', async () => {
    const result = await runInProcess(['route', 'nope'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown capsule "nope"');
  });

  it('--no-log writes neither the log nor the state', async () => {
    const result = await runInProcess(['route', 'no-log', '--no-log'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(existsSync(path.join(repo.dir, '.sentinel/router_log/no-log.jsonl'))).toBe(false);
    expect(existsSync(path.join(repo.dir, '.sentinel/state/no-log.json'))).toBe(false);
  });
});

describe('sentinel route --explain', () => {
  it('lists every agent and records nothing', async () => {
    const result = await runInProcess(['route', 'no-log', '--explain'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^ {2}\d\. /gm)).toHaveLength(4);
    expect(result.stdout).toContain('Not logged');
    expect(existsSync(path.join(repo.dir, '.sentinel/router_log/no-log.jsonl'))).toBe(false);
  });
});

describe('sentinel route --prompt / --accept (LLM routing)', () => {
  const answer = {
    leadAgent: 'backender',
    requiredOutputs: ORDERS.outputs,
    acceptanceCriteria: ORDERS.acceptance,
    contextToMount: ['server/src/app.ts', '.sentinel/agents/backender/**'],
    notes: 'owns server/src and db/migrations',
  };

  it('renders the router prompt with role, playbook, roster, capsule and schema', async () => {
    const result = await runInProcess(['route', 'accept-me', '--prompt'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### Router - ROLE');
    expect(result.stdout).toContain('### Router - PLAYBOOK');
    expect(result.stdout).toContain('- `backender` — Backender: Backender role');
    expect(result.stdout).toContain('owns: server/src/**, db/migrations/**, ops/backend/**');
    expect(result.stdout).toContain('# Capsule accept-me@0badc0de');
    expect(result.stdout).toContain('"leadAgent"');
    expect(existsSync(path.join(repo.dir, '.sentinel/router_log/accept-me.jsonl'))).toBe(false);
  });

  it('uses a router.md override from .sentinel/prompts', async () => {
    const custom = makeTempRepo({ ...WORKSPACE_FILES, ...capsuleFile(ORDERS), '.sentinel/prompts/router.md': 'CUSTOM ROUTER for {{capsule_id}}\n' });
    try {
      const result = await runInProcess(['route', 'orders-api', '--prompt'], { cwd: custom.dir });
      expect(result.stdout.trim()).toBe('CUSTOM ROUTER for orders-api@0badc0de');
    } finally {
      custom.cleanup();
    }
  });

  it('rejects a bad answer from stdin with diagnostics, exit 1 and no log line', async () => {
    const bad = { ...answer, acceptanceCriteria: ['tests pass'], contextToMount: ['server/src/app.ts', 'db/'] };
    const result = await runSentinel(['route', 'accept-me', '--accept', '-'], { cwd: repo.dir, input: JSON.stringify(bad, null, 2) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ROUTER_ANSWER_ACCEPTANCE_NOT_VERBATIM');
    expect(result.stdout).toMatch(/<stdin>:\d+ +error +ROUTER_ANSWER_CONTEXT_OUTSIDE/);
    expect(result.stdout).toContain('nothing logged');
    expect(existsSync(path.join(repo.dir, '.sentinel/router_log/accept-me.jsonl'))).toBe(false);
  });

  it('rejects text that is not JSON from stdin', async () => {
    const result = await runSentinel(['--json', 'route', 'accept-me', '--accept', '-'], { cwd: repo.dir, input: 'I think backender.' });
    expect(result.code).toBe(1);
    expect(result.json().diagnostics[0].code).toBe('ROUTER_ANSWER_JSON');
  });

  it('accepts a good answer from a file and logs it as produced by the llm', async () => {
    repo.write({ 'answer.json': JSON.stringify(answer) });
    const result = await runInProcess(['--json', 'route', 'accept-me', '--accept', 'answer.json'], { cwd: repo.dir });
    expect(result.code, result.stdout).toBe(0);
    expect(result.json()).toMatchObject({ ok: true, accepted: true, decision: answer });
    const lines = logLines('accept-me');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ producedBy: 'llm', decision: answer, capsuleId: 'accept-me@0badc0de' });
    expect(state('accept-me')).toMatchObject({ status: 'routed', lead: 'backender' });
    expect(state('accept-me').history.at(-1).by).toBe('llm');
  });

  it('refuses any answer for an invalid capsule', async () => {
    repo.write({ 'answer.json': JSON.stringify(answer) });
    const result = await runInProcess(['--json', 'route', 'broken', '--accept', 'answer.json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.json().diagnostics.map((d: { code: string }) => d.code)).toContain('CAPSULE_SECTION_MISSING');
    expect(existsSync(path.join(repo.dir, '.sentinel/router_log/broken.jsonl'))).toBe(false);
  });

  it('exits 2 when the answer file does not exist', async () => {
    const result = await runInProcess(['route', 'accept-me', '--accept', 'missing.json'], { cwd: repo.dir });
    expect(result.code).toBe(2);
  });
});
