import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * `contracts validate` and the contracts gate. The --json runs are in-process (runInProcess: same
 * output, exit code and files); the text report and `check --only contracts` spawn the binary.
 */

const C = '.sentinel/contracts';
const F = `${C}/fixtures`;
const UUID = '123e4567-e89b-12d3-a456-426614174000';

const ordersV1 = [
  'contract: orders.v1',
  'schema:',
  '  $schema: http://json-schema.org/draft-07/schema#',
  '  type: array',
  '  items:',
  '    type: object',
  '    required: [id, email, createdAt]',
  '    properties:',
  '      id: {type: string, format: uuid}',
  '      email: {type: string, format: email}',
  '      createdAt: {type: string, format: date-time}',
  '',
].join('\n');
const goodOrder = JSON.stringify([{ id: UUID, email: 'a@example.com', createdAt: '2024-01-31T12:00:00Z' }], null, 2);
const badOrder = JSON.stringify([{ id: 'not-a-uuid', email: 'a@example.com', createdAt: '2024-01-31T12:00:00Z' }], null, 2);

const openapi = (version: string, note: string) =>
  [
    'contract: customers.v1',
    'component: Customer',
    'openapi:',
    `  openapi: ${version}`,
    "  info: {title: customers, version: '1'}",
    '  paths: {}',
    '  components:',
    '    schemas:',
    '      Customer:',
    '        type: object',
    '        required: [name, note]',
    '        properties:',
    "          name: {$ref: '#/components/schemas/Name'}",
    `          note: ${note}`,
    '      Name: {type: string, minLength: 1}',
    '',
  ].join('\n');

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const validate = (args: string[] = []) => runInProcess(['contracts', 'validate', '--json', ...args], { cwd: repo!.dir });

describe('sentinel contracts validate', () => {
  it('passes good and bad fixtures across draft-07, 2019-09, 2020-12 and OpenAPI 3.0', async () => {
    repo = makeTempRepo({
      [`${C}/orders.v1.yaml`]: ordersV1,
      [`${F}/orders.v1/good/one.json`]: goodOrder,
      [`${F}/orders.v1/bad/uuid.json`]: badOrder,
      [`${C}/cards.v1.json`]: JSON.stringify({
        contract: 'cards.v1',
        schema: { $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'object', dependentRequired: { number: ['cvv'] } },
      }),
      [`${F}/cards.v1/ok.json`]: '{"number":"4111","cvv":"123"}',
      [`${F}/cards.v1/bad/no-cvv.json`]: '{"number":"4111"}',
      [`${C}/pair.v1.yml`]: 'contract: pair.v1\nschema:\n  type: array\n  prefixItems: [{type: string}, {type: integer}]\n  items: false\n',
      [`${F}/pair.v1/good/p.json`]: '["a", 1]',
      [`${F}/pair.v1/bad/three.json`]: '["a", 1, 2]',
      [`${C}/customers.v1.yaml`]: openapi('3.0.3', '{type: string, nullable: true}'),
      [`${F}/customers.v1/good/null-note.json`]: '{"name":"Ada","note":null}',
      [`${F}/customers.v1/bad/empty-name.json`]: '{"name":"","note":"x"}',
    });
    const result = await validate();
    expect(result.code, result.stdout).toBe(0);
    const out = result.json();
    expect(out).toMatchObject({ ok: true, status: 'ok' });
    expect(out.data.contracts.map((c: { id: string; draft: string }) => `${c.id}:${c.draft}`)).toEqual([
      'cards.v1:2019-09',
      'customers.v1:draft-07',
      'orders.v1:draft-07',
      'pair.v1:2020-12',
    ]);
    expect(out.data.fixtures).toHaveLength(8);
    expect(out.data.fixtures.every((f: { ok: boolean }) => f.ok)).toBe(true);
  });

  it('fails a good fixture with bad formats, pointing inside arrays with line and fix', async () => {
    const bad = `[\n  {\n    "id": "nope",\n    "email": "not-an-email",\n    "createdAt": "yesterday"\n  }\n]\n`;
    repo = makeTempRepo({ [`${C}/orders.v1.yaml`]: ordersV1, [`${F}/orders.v1/good/a.json`]: bad });
    const result = await validate();
    expect(result.code).toBe(1);
    const diags = result.json().diagnostics.filter((d: { code: string }) => d.code === 'CONTRACT_FIXTURE_INVALID');
    expect(diags.map((d: { message: string; line: number }) => [d.message.split(' ')[1], d.line])).toEqual([
      ['/0/id', 3],
      ['/0/email', 4],
      ['/0/createdAt', 5],
    ]);
    expect(diags[1].message).toContain('#/items/properties/email/format');
    expect(diags[1].fix).toContain('user@example.com');
    const text = await runSentinel(['contracts', 'validate'], { cwd: repo.dir });
    expect(text.stdout).toContain(`${F}/orders.v1/good/a.json:4`);
  });

  it('fails when a bad fixture passes: the contract got weaker', async () => {
    repo = makeTempRepo({ [`${C}/orders.v1.yaml`]: ordersV1, [`${F}/orders.v1/good/a.json`]: goodOrder, [`${F}/orders.v1/bad/a.json`]: goodOrder });
    const result = await validate();
    expect(result.code).toBe(1);
    expect(result.json().diagnostics).toMatchObject([{ code: 'CONTRACT_BAD_FIXTURE_PASSES', path: `${F}/orders.v1/bad/a.json` }]);
  });

  it('validates OpenAPI 3.1 components, rejecting null without a null type', async () => {
    repo = makeTempRepo({
      [`${C}/customers.v1.yaml`]: openapi('3.1.0', "{type: [string, 'null']}"),
      [`${F}/customers.v1/good/a.json`]: '{"name":"Ada","note":null}',
      [`${F}/customers.v1/bad/a.json`]: '{"name":"Ada","note":3}',
    });
    expect((await validate()).json()).toMatchObject({
      ok: true,
      status: 'ok',
      data: { contracts: [{ id: 'customers.v1', kind: 'openapi', draft: '2020-12', component: 'Customer' }] },
    });
    repo.write({ [`${C}/customers.v1.yaml`]: openapi('3.1.0', '{type: string}') });
    const result = await validate();
    expect(result.code).toBe(1);
    expect(result.json().diagnostics, result.stdout).toContainEqual(
      expect.objectContaining({ code: 'CONTRACT_FIXTURE_INVALID', path: `${F}/customers.v1/good/a.json` }),
    );
  });

  it('unknown --id or --fixture is a usage error (exit 2); --fixture narrows to one file', async () => {
    repo = makeTempRepo({ [`${C}/orders.v1.yaml`]: ordersV1, [`${F}/orders.v1/good/a.json`]: goodOrder, [`${F}/orders.v1/good/b.json`]: badOrder });
    const unknownId = await validate(['--id', 'orders.v9']);
    expect(unknownId.code).toBe(2);
    expect(unknownId.json().error).toMatchObject({ code: 'CONTRACT_UNKNOWN' });
    expect(unknownId.json().error.message).toContain('orders.v1');
    const unknownFixture = await validate(['--fixture', `${F}/orders.v1/good/missing.json`]);
    expect(unknownFixture.code).toBe(2);
    expect(unknownFixture.json().error.code).toBe('CONTRACT_FIXTURE_UNKNOWN');
    expect((await validate(['--fixture', 'README.md'])).code).toBe(2);
    const one = await validate(['--fixture', `${F}/orders.v1/good/a.json`]);
    expect(one.code).toBe(0);
    expect(one.json().data.fixtures).toHaveLength(1);
    expect((await validate(['--id', 'orders.v1'])).code).toBe(1);
  });

  it('a contract without fixtures is pending, not ok', async () => {
    repo = makeTempRepo({ [`${C}/orders.v1.yaml`]: ordersV1 });
    const result = await validate();
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ ok: true, status: 'pending' });
    expect(result.json().diagnostics[0].code).toBe('CONTRACT_NO_FIXTURES');
  });

  it('reports malformed contract files with their line', async () => {
    repo = makeTempRepo({
      [`${C}/orders.v1.yaml`]: 'contract: orders.v1\nschema:\n  type: [object\n  x: 1\n',
      [`${C}/users.v1.yaml`]: 'contract: users.v2\nschema: {type: object}\n',
      [`${C}/items.v1.json`]: '{\n  "contract": "items.v1",\n  "schema": {"type": "object", "properties": {"a": {"$ref": "#/nope"}}}\n}\n',
      [`${F}/orders.v1/a.json`]: '[]',
    });
    const result = await validate();
    expect(result.code).toBe(1);
    const diags = result.json().diagnostics.map((d: { code: string; path: string; line: number }) => [d.code, d.path, d.line]);
    expect(diags).toContainEqual(['CONTRACT_SCHEMA_INVALID', `${C}/items.v1.json`, 3]);
    expect(diags).toContainEqual(['CONTRACT_NAME_MISMATCH', `${C}/users.v1.yaml`, 1]);
    expect(diags.find((d: string[]) => d[0] === 'CONTRACT_PARSE')?.[1]).toBe(`${C}/orders.v1.yaml`);
  });
});

describe('contract version discipline', () => {
  const start = () =>
    makeTempRepo({
      [`${C}/orders.v1.yaml`]: ordersV1,
      [`${F}/orders.v1/good/a.json`]: goodOrder,
      [`${F}/orders.v1/bad/uuid.json`]: badOrder,
    });

  it('weakening an existing version in place fails with "add orders.v2"', async () => {
    repo = start();
    repo.write({ [`${C}/orders.v1.yaml`]: ordersV1.replace('format: uuid', 'minLength: 1') });
    repo.git('rm', '-q', `${F}/orders.v1/bad/uuid.json`);
    const result = await validate();
    expect(result.code).toBe(1);
    const diag = result.json().diagnostics.find((d: { code: string }) => d.code === 'CONTRACT_CHANGED_IN_PLACE');
    expect(diag.message).toContain('now accepts');
    expect(diag.fix).toContain('add orders.v2');
    expect(result.json().data.versions.findings).toEqual([
      { contract: 'orders.v1', change: 'weakened', fixture: `${F}/orders.v1/bad/uuid.json`, fixtureAt: 'base' },
    ]);
  });

  it('strengthening an existing version in place fails too, even when committed on a branch', async () => {
    repo = start();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ [`${C}/orders.v1.yaml`]: ordersV1.replace('required: [id, email, createdAt]', 'required: [id, email, createdAt, total]') });
    repo.commit('stricter');
    const result = await validate();
    expect(result.code).toBe(1);
    expect(result.json().diagnostics.map((d: { code: string }) => d.code)).toContain('CONTRACT_CHANGED_IN_PLACE');
    expect((await validate(['--base', 'HEAD'])).json().data.versions.findings).toEqual([]);
  });

  it('adding orders.v2 with the new shape passes', async () => {
    repo = start();
    repo.write({
      [`${C}/orders.v2.yaml`]: ordersV1.replace('orders.v1', 'orders.v2').replace('format: uuid', 'minLength: 1'),
      [`${F}/orders.v2/good/a.json`]: badOrder,
      [`${F}/orders.v2/bad/empty.json`]: '[{}]',
    });
    const result = await validate();
    expect(result.code, result.stdout).toBe(0);
    expect(result.json().data.versions.compared).toEqual(['orders.v1']);
  });

  it('deleting orders.v1 fails', async () => {
    repo = start();
    repo.git('rm', '-q', '-r', `${C}/orders.v1.yaml`, `${F}/orders.v1`);
    repo.write({ [`${C}/orders.v2.yaml`]: ordersV1.replace('orders.v1', 'orders.v2'), [`${F}/orders.v2/a.json`]: goodOrder });
    const result = await validate();
    expect(result.code).toBe(1);
    expect(result.json().diagnostics).toContainEqual(expect.objectContaining({ code: 'CONTRACT_VERSION_REMOVED', path: `${C}/orders.v1.yaml` }));
  });

  it('the contracts gate runs inside `sentinel check`', async () => {
    repo = start();
    repo.write({ [`${F}/orders.v1/bad/ok.json`]: goodOrder });
    const result = await runSentinel(['check', '--only', 'contracts', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(JSON.stringify(result.json())).toContain('CONTRACT_BAD_FIXTURE_PASSES');
  });
});
