import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runContracts } from '../../../src/core/contracts/run.js';
import { loadContractsWorkspace } from '../../../src/core/contracts/workspace.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';

const root = mkdtempSync(path.join(tmpdir(), 'sentinel-contracts-ws-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
const dir = DEFAULT_CONFIG.contractsDir;
write(`${dir}/orders.v1.json`, JSON.stringify({ contract: 'orders.v1', schema: { type: 'object', required: ['id'] } }));
write(`${dir}/fixtures/orders.v1/good/a.json`, '{"id": 1}');
write(`${dir}/fixtures/orders.v1/bad/b.json`, '{}');
// A broken contract beside it: asking for orders.v1 alone must not even parse it.
write(`${dir}/users.v1.yaml`, 'contract: users.v1\nschema: [unclosed\n');
write(`${dir}/fixtures/users.v1/good/u.json`, '{}');

describe('loadContractsWorkspace with only some contracts', () => {
  it('parses and lists fixtures of the asked contract only, yet knows every id', async () => {
    const whole = await loadContractsWorkspace(root, DEFAULT_CONFIG);
    expect(whole.diagnostics.some((d) => d.path === `${dir}/users.v1.yaml`)).toBe(true);
    const one = await loadContractsWorkspace(root, DEFAULT_CONFIG, new Set(['orders.v1']));
    expect(one.diagnostics).toEqual([]);
    expect([...one.contracts.keys()].sort()).toEqual(['orders.v1', 'users.v1']);
    expect(one.contracts.get('orders.v1')!.contract).toBeDefined();
    expect(one.contracts.get('users.v1')!.contract).toBeUndefined();
    expect([...one.fixtures.keys()]).toEqual(['orders.v1']);
  });

  it('gives `--id` and `--fixture` the same verdict as before, from that contract alone', async () => {
    const byId = await runContracts({ root, config: DEFAULT_CONFIG, id: 'orders.v1' });
    expect(byId.status).toBe('ok');
    expect(byId.data.fixtures.map((f) => f.fixture)).toEqual([`${dir}/fixtures/orders.v1/bad/b.json`, `${dir}/fixtures/orders.v1/good/a.json`]);
    const byFixture = await runContracts({ root, config: DEFAULT_CONFIG, fixture: `${dir}/fixtures/orders.v1/bad/b.json` });
    expect(byFixture.data.fixtures).toHaveLength(1);
    await expect(runContracts({ root, config: DEFAULT_CONFIG, id: 'orders.v1', fixture: `${dir}/fixtures/users.v1/good/u.json` })).rejects.toThrow(
      /belongs to users.v1, not orders.v1/,
    );
    await expect(runContracts({ root, config: DEFAULT_CONFIG, id: 'nope.v1' })).rejects.toThrow(/known: orders.v1, users.v1/);
    expect((await runContracts({ root, config: DEFAULT_CONFIG })).status).toBe('fail');
  });
});
