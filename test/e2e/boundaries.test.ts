// `sentinel boundaries`, the boundaries gate in `check`, and `handoff --suggest` proposing one
// Integrator capsule per raw call, on a real git repository.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';

const capsule = [
  '# Capsule orders-api@0123abcd',
  '',
  '## Goal',
  'Build the orders routes.',
  '',
  '## Required Outputs',
  '- `server/src/routes/`',
  '',
  '## Acceptance Criteria',
  '- `npm test` passes',
  '',
  '## Allowed Context',
  '- `server/src/`',
  '',
  '## Router Notes',
  '- Lead: backender',
  '',
].join('\n');

let repo: TempRepo;
beforeAll(async () => {
  repo = makeTempRepo({
    '.specify/specs/orders-api/capsule.md': capsule,
    'server/src/routes/orders.ts': 'export const list = () => [];\n',
    'server/src/legacy/old.ts': "import axios from 'axios';\nexport const old = () => axios.get('https://legacy.example');\n",
    'server/src/clients/payment-provider.ts': 'export const charge = (u: string) => fetch(u);\n',
  });
  // The shipped roster: the Backender's HANDOFF phase tags the Integrator.
  expect((await runSentinel(['init'], { cwd: repo.dir })).code).toBe(0);
  repo.commit('sentinel init');
  // The change under review: an aliased https request in a route.
  repo.write({
    'server/src/routes/orders.ts':
      "import { request as send } from 'node:https';\nexport const list = () => [];\nexport const notify = (u: string) => send(u);\n",
  });
}, 120_000);
afterAll(() => repo.cleanup());

describe('sentinel boundaries', () => {
  it('reports the aliased call in the changed route, with the client to use', async () => {
    const result = await runSentinel(['boundaries', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.diagnostics.map((d: { code: string; path: string; line: number }) => [d.code, d.path, d.line])).toEqual([
      ['BOUNDARY_NETWORK_CALL', 'server/src/routes/orders.ts', 3],
    ]);
    expect(json.diagnostics[0].message).toContain('request (as send)');
    expect(json.diagnostics[0].fix).toContain('server/src/clients/payment-provider.ts');
  });

  it('--all also finds the committed call in untouched code', async () => {
    const result = await runSentinel(['boundaries', '--all', '--json'], { cwd: repo.dir });
    const json = JSON.parse(result.stdout);
    expect(json.diagnostics.map((d: { path: string }) => d.path)).toEqual(['server/src/legacy/old.ts', 'server/src/routes/orders.ts']);
  });

  it('runs as a gate of `check`', async () => {
    const result = await runSentinel(['check', '--only', 'boundaries', '--json'], { cwd: repo.dir });
    const json = JSON.parse(result.stdout);
    expect(result.code).toBe(1);
    expect(json.gates[0]).toMatchObject({ gate: 'boundaries', status: 'fail' });
  });

  it('handoff --suggest proposes an Integrator capsule for the call', async () => {
    const result = await runSentinel(['handoff', 'orders-api', '--suggest', '--base', 'HEAD', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.proposals).toEqual([
      expect.objectContaining({
        to: 'integrator',
        call: { path: 'server/src/routes/orders.ts', line: 3, callee: 'request (as send)' },
        command: expect.stringContaining('sentinel handoff orders-api --to integrator --reason'),
      }),
    ]);
  });
});
