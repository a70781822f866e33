import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files); `init` and the usage
 * errors spawn the built binary, so exit code 2 is also proven as a shell sees it.
 */

let repo: TempRepo;
const run = (...args: string[]) => runInProcess(args, { cwd: repo.dir });
const spawned = (...args: string[]) => runSentinel(args, { cwd: repo.dir });
const state = (slug: string) => JSON.parse(readFileSync(path.join(repo.dir, '.sentinel/state', `${slug}.json`), 'utf8'));

beforeAll(async () => {
  repo = makeTempRepo({
    'server/src/app.ts': 'export const app = 1;\n',
    'package.json': `${JSON.stringify({ name: 'demo', private: true, scripts: { lint: 'eslint .' } }, null, 2)}\n`,
  });
  expect((await spawned('init')).code).toBe(0);
  const created = await run(
    'capsule',
    'new',
    'orders-api',
    '--goal',
    'Add the POST /orders route, its service and migration.',
    '--output',
    'server/src/routes/orders.ts',
    '--output',
    'server/src/services/orders.ts',
    '--output',
    'db/migrations/0002_orders.sql',
    '--accept',
    '`npm test` passes',
    '--accept',
    'POST /orders with a valid body returns 201',
    '--context',
    'server/src/app.ts',
  );
  expect(created.code, created.stdout + created.stderr).toBe(0);
  expect((await run('route', 'orders-api')).code).toBe(0);
  repo.commit('capsule');
}, 120_000);
afterAll(() => repo.cleanup());

describe('sentinel handoff --suggest', () => {
  it('suggests nothing while the diff is empty', async () => {
    const result = await run('handoff', 'orders-api', '--suggest', '--json');
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({
      ok: true,
      lead: 'backender',
      phase: 'HANDOFF',
      named: ['verifier', 'releaser', 'observer', 'integrator'],
      suggestions: [],
    });
  });

  it('reads a diff adding a route, a migration, a log field, an error class and a fetch call', async () => {
    repo.write({
      'server/src/routes/orders.ts': 'export async function postOrder(req) {\n  return createOrder(req.log, req.body);\n}\n',
      'server/src/services/orders.ts': [
        'export class PaymentDeclinedError extends Error {}',
        'export async function createOrder(log, body) {',
        '  log.info({ orderId: body.id, totalCents: body.total }, "order created");',
        '  return fetch("https://payments.example.com/charge");',
        '}',
        '',
      ].join('\n'),
      'db/migrations/0002_orders.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY);\n',
      'package.json': `${JSON.stringify({ name: 'demo', private: true, scripts: { lint: 'eslint .', migrate: 'node db/migrate.js' } }, null, 2)}\n`,
    });
    const result = await run('handoff', 'orders-api', '--suggest', '--json');
    expect(result.code, result.stdout).toBe(0);
    const { suggestions } = result.json();
    const by = (to: string) => suggestions.find((s: { to: string }) => s.to === to);
    expect(suggestions.map((s: { to: string }) => s.to)).toEqual(['verifier', 'releaser', 'observer', 'integrator']);
    expect(by('verifier').reason).toBe('Tag Verifier to extend tests around new routes/services/jobs.');
    expect(by('verifier').evidence.map((e: { path: string }) => e.path)).toEqual(['server/src/routes/orders.ts', 'server/src/services/orders.ts']);
    expect(by('releaser').evidence).toEqual([
      { path: 'db/migrations/0002_orders.sql', detail: 'new migration: CI must apply it' },
      { path: 'package.json', detail: 'added script "migrate": node db/migrate.js' },
    ]);
    expect(by('observer').evidence).toEqual([
      { path: 'server/src/services/orders.ts', line: 1, detail: 'new error class PaymentDeclinedError (Error)' },
      { path: 'server/src/services/orders.ts', line: 3, detail: 'new log field(s) orderId, totalCents' },
    ]);
    expect(by('integrator').evidence).toMatchObject([{ path: 'server/src/services/orders.ts', line: 4 }]);

    const text = await run('handoff', 'orders-api', '--suggest');
    expect(text.stdout).toContain('  - server/src/services/orders.ts:4  outbound call fetch outside');
    expect(text.stdout).toContain(
      "→ sentinel handoff orders-api --to integrator --reason 'Write a client for fetch (called directly at server/src/services/orders.ts:4)",
    );
    expect(text.stdout).toContain('→ sentinel handoff orders-api --to releaser --reason "…"');
  });
});

describe('sentinel handoff --to', () => {
  it('creates a valid follow-up capsule linked to its parent and records it', async () => {
    const result = await run('handoff', 'orders-api', '--to', 'verifier', '--reason', 'Extend tests around the new orders route and service', '--json');
    expect(result.code, result.stdout).toBe(0);
    const out = result.json();
    expect(out).toMatchObject({ ok: true, to: 'verifier', file: '.specify/specs/orders-api-verifier/capsule.md', outcome: 'created', recorded: true });
    const text = readFileSync(path.join(repo.dir, out.file), 'utf8');
    expect(text).toMatch(/^- Parent: orders-api@[0-9a-f]{8}$/m);
    expect(text).toContain('- Lead: verifier');
    expect(text).toContain('- `server/src/routes/orders.ts`');
    expect(text).toContain('- `.specify/specs/orders-api/capsule.md`');
    expect(text).toContain('- `verification/orders-api/plan.md`');
    expect((await run('capsule', 'validate', out.file)).code).toBe(0);
    const routed = await run('route', 'orders-api-verifier', '--json');
    expect(routed.json().decision.leadAgent).toBe('verifier');

    const parent = state('orders-api');
    expect(parent.handoffs).toEqual([
      { to: 'verifier', reason: 'Extend tests around the new orders route and service', capsule: out.capsule, at: expect.any(String) },
    ]);
    expect((await run('status')).code).toBe(0);
  });

  it('the same handoff again changes nothing; another reason never overwrites', async () => {
    const same = await run('handoff', 'orders-api', '--to', 'verifier', '--reason', 'Extend tests around the new orders route and service', '--json');
    expect(same.json()).toMatchObject({ outcome: 'unchanged', recorded: false });
    const other = await run('handoff', 'orders-api', '--to', 'verifier', '--reason', 'Cover the payment failure path', '--json');
    expect(other.json()).toMatchObject({ outcome: 'created', file: '.specify/specs/orders-api-verifier-2/capsule.md', recorded: true });
    expect(state('orders-api').handoffs).toHaveLength(2);
  });

  it('refuses an unknown agent, a missing reason, and no mode (exit 2)', async () => {
    const unknown = await spawned('handoff', 'orders-api', '--to', 'astronaut', '--reason', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown agent "astronaut"');
    expect((await run('handoff', 'orders-api', '--to', 'observer')).code).toBe(2);
    expect((await run('handoff', 'orders-api')).code).toBe(2);
    expect((await run('handoff', 'orders-api', '--to', 'backender', '--reason', 'x')).code).toBe(2);
  });
});
