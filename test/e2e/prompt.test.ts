import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { capsuleFile, sha256, WORKSPACE_FILES } from './route-fixtures.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first prompt, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const BIG = `${Array.from({ length: 600 }, (_, i) => `export const value${i} = ${i};`).join('\n')}\n`;
const ORDERS = {
  slug: 'orders-api',
  goal: 'Add the POST /orders route and its migration.',
  outputs: ['`server/src/routes/orders.ts`', '`db/migrations/0002_orders.sql`'],
  acceptance: ['`npm test` passes'],
  context: ['`server/src/app.ts` — entry point', '`server/src/big.ts`', '`server/src/lib/`', '`config/**`', '`server/src/new.ts` (to be created by Backender)'],
};

let repo: TempRepo;
beforeAll(() => {
  repo = makeTempRepo({
    ...WORKSPACE_FILES,
    'server/src/big.ts': BIG,
    'server/src/lib/b.ts': 'export const b = 2;\n',
    'server/src/lib/a.ts': 'export const a = 1;\n',
    'config/public.json': '{ "region": "eu" }\n',
    'config/secret.json': '{ "token": "do-not-leak" }\n',
    '.sentinel/context/limits/context-limits.json': JSON.stringify({ defaultMaxLines: 2000, forbiddenPaths: ['config/secret.json'] }),
    ...capsuleFile(ORDERS),
    ...capsuleFile({ slug: 'vague', goal: 'Polish things a little.', outputs: ['`misc/notes.txt`'] }),
  });
});
afterAll(() => repo.cleanup());

const role = (id: string) => readFileSync(path.join(repo.dir, `.sentinel/agents/${id}/ROLE.md`), 'utf8');
const playbook = (id: string) => readFileSync(path.join(repo.dir, `.sentinel/agents/${id}/PLAYBOOK.md`), 'utf8');

describe('sentinel prompt', () => {
  it('routes without logging when the capsule has no lead yet, and renders the full prompt', async () => {
    const result = await runSentinel(['prompt', 'orders-api'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain('You are **Backender**, agent `backender`');
    expect(out).toContain(`Rules: \`BACKENDER@1.0\` (ROLE.md + PLAYBOOK.md content sha256 \`${sha256(`${role('backender')}\n${playbook('backender')}`)}\`)`);
    expect(out).toContain('Backender mission statement.');
    expect(out).toContain('- Do the backender work.');
    expect(out).toContain('1. ORIENT: `sentinel_capsule_validate`, `sentinel_status`');
    expect(out).toContain('2. IMPLEMENT: `sentinel_scope`');
    expect(out).toContain('3. VERIFY: `sentinel_check`, `sentinel_run`, `sentinel_logs_check`');
    expect(out).toContain('4. HANDOFF: `sentinel_handoff`, `sentinel_capsule_done`');
    expect(out).toContain('# Capsule orders-api@0badc0de');
    expect(out).toContain('- `server/src/app.ts` — entry point\n');
    expect(out).toContain('- `.sentinel/agents/backender/**`');
    expect(out).toContain('- [ ] `server/src/routes/orders.ts`');
    expect(out).toContain('- `scope` — changed files stay inside the active capsule');
    expect(out).toContain('    ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api@0badc0de');
    expect(out).not.toContain('export const a = 1;');
    expect(result.stderr).toMatch(/backender prompt for orders-api@0badc0de: \d+ tokens/);
    expect(existsSync(path.join(repo.dir, '.sentinel/router_log/orders-api.jsonl'))).toBe(false);
  });

  it('renders for another agent with --agent, and exits 2 for an unknown one', async () => {
    const verifier = await runInProcess(['--json', 'prompt', 'orders-api', '--agent', 'verifier'], { cwd: repo.dir });
    expect(verifier.code).toBe(0);
    expect(verifier.json()).toMatchObject({ agent: 'verifier', agentSource: 'flag' });
    expect(verifier.json().prompt).toContain('ProducedBy=VERIFIER RulesHash=VERIFIER@1.0');
    const unknown = await runInProcess(['prompt', 'orders-api', '--agent', 'wizard'], { cwd: repo.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown agent "wizard"');
  });

  it('packs whole files under the budget, lists what did not fit and never reads forbidden files', async () => {
    const result = await runInProcess(['--json', 'prompt', 'orders-api', '--pack', '--budget', '2500'], { cwd: repo.dir });
    expect(result.code, result.stdout).toBe(0);
    const json = result.json();
    expect(json.tokens).toBeLessThanOrEqual(2500);
    expect(json.budget).toBe(2500);
    expect(json.packed.map((p: { path: string }) => p.path)).toEqual(['server/src/app.ts', 'server/src/lib/a.ts', 'server/src/lib/b.ts', 'config/public.json']);
    expect(json.omitted).toEqual([
      { path: 'server/src/big.ts', tokens: expect.any(Number), reason: 'over budget' },
      { path: 'config/secret.json', tokens: 0, reason: 'forbidden' },
      { path: 'server/src/new.ts', tokens: 0, reason: 'missing' },
    ]);
    expect(json.omitted[0].tokens).toBeGreaterThan(2500);
    expect(json.prompt).toContain('export const a = 1;');
    expect(json.prompt).not.toContain('export const value1 = 1;');
    expect(json.prompt).not.toContain('do-not-leak');
    expect(json.prompt).toContain('- `server/src/big.ts` — over budget');
  });

  it('packs the big file whole once the budget allows it', async () => {
    const result = await runInProcess(['--json', 'prompt', 'orders-api', '--pack', '--budget', '40000'], { cwd: repo.dir });
    const json = result.json();
    expect(json.packed.map((p: { path: string }) => p.path)).toContain('server/src/big.ts');
    expect(json.prompt).toContain(BIG);
  });

  it('rejects a budget that is not a positive number, and --budget without --pack', async () => {
    expect((await runInProcess(['prompt', 'orders-api', '--pack', '--budget', 'lots'], { cwd: repo.dir })).code).toBe(2);
    expect((await runInProcess(['prompt', 'orders-api', '--budget', '100'], { cwd: repo.dir })).code).toBe(2);
  });

  it('uses the routed lead from state and writes to --out', async () => {
    await runInProcess(['route', 'orders-api'], { cwd: repo.dir });
    const result = await runInProcess(['prompt', 'orders-api', '--out', 'prompt.md'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/written to .*prompt\.md/);
    expect(readFileSync(path.join(repo.dir, 'prompt.md'), 'utf8')).toContain('You are **Backender**');
    const json = (await runInProcess(['--json', 'prompt', 'orders-api'], { cwd: repo.dir })).json();
    expect(json.agentSource).toBe('state');
  });

  it('uses an agent.md override from .sentinel/prompts and warns about unknown placeholders', async () => {
    const custom = makeTempRepo({
      ...WORKSPACE_FILES,
      ...capsuleFile({ ...ORDERS, context: ['`server/src/app.ts`'] }),
      '.sentinel/prompts/agent.md': 'MINE {{agent_id}} {{provenance_header}} {{nope}}\n',
    });
    try {
      const result = await runInProcess(['--json', 'prompt', 'orders-api'], { cwd: custom.dir });
      const json = result.json();
      expect(json.template).toBe('.sentinel/prompts/agent.md');
      expect(json.prompt).toBe('MINE backender ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api@0badc0de {{nope}}\n');
      expect(json.diagnostics.map((d: { code: string }) => d.code)).toContain('PROMPT_TEMPLATE_PLACEHOLDER');
    } finally {
      custom.cleanup();
    }
  });

  it('exits 1 when there is no lead and the router refuses', async () => {
    const result = await runInProcess(['prompt', 'vague'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('No lead for vague@0badc0de');
    expect(result.stdout).toContain('--agent <id>');
  });
});
