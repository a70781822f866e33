import { describe, expect, it } from 'vitest';
import { ValidatorCache } from '../../../src/core/contracts/compile.js';
import { parseContractFile } from '../../../src/core/contracts/parse.js';
import { checkFixture, judgeFixture } from '../../../src/core/contracts/validate.js';
import { compareVerdicts } from '../../../src/core/contracts/versions.js';
import { contractOfFixture, expectationOf, groupFixtures } from '../../../src/core/contracts/workspace.js';
import type { ContractDefinition } from '../../../src/core/contracts/types.js';

function contract(text: string, file = 'c/t.v1.yaml'): ContractDefinition {
  const parsed = parseContractFile(text, file);
  if (!parsed.contract) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.contract;
}
const jsonContract = (schema: object) => contract(JSON.stringify({ contract: 't.v1', schema }), 'c/t.v1.json');
const valid = (c: ContractDefinition, value: unknown) => {
  const verdict = judgeFixture(c, new ValidatorCache(), 'f.json', JSON.stringify(value));
  if (!verdict?.parsed) throw new Error('did not validate');
  return verdict.valid;
};

describe('each JSON Schema draft is validated by its own rules', () => {
  it('draft-07: array-form items is a tuple', () => {
    const c = jsonContract({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'string' }, { type: 'number' }] });
    expect(valid(c, ['a', 1])).toBe(true);
    expect(valid(c, [1, 'a'])).toBe(false);
  });
  it('2019-09: dependentRequired is enforced', () => {
    const c = jsonContract({ $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'object', dependentRequired: { card: ['cvv'] } });
    expect(valid(c, { card: 'x', cvv: '1' })).toBe(true);
    expect(valid(c, { card: 'x' })).toBe(false);
  });
  it('2020-12 (the default): prefixItems is a tuple', () => {
    const c = jsonContract({ type: 'array', prefixItems: [{ type: 'string' }], items: false });
    expect(c.draft).toBe('2020-12');
    expect(valid(c, ['a'])).toBe(true);
    expect(valid(c, ['a', 'b'])).toBe(false);
  });
});

describe('formats are checked', () => {
  const c = jsonContract({
    type: 'object',
    properties: { email: { format: 'email' }, id: { format: 'uuid' }, at: { format: 'date-time' }, link: { format: 'uri' } },
  });
  it('accepts valid values', () => {
    expect(valid(c, { email: 'a@example.com', id: '123e4567-e89b-12d3-a456-426614174000', at: '2024-01-31T12:00:00Z', link: 'https://x.io/a' })).toBe(true);
  });
  it.each([
    ['email', 'not-an-email'],
    ['id', 'not-a-uuid'],
    ['at', '2024-13-45 25:00'],
    ['link', 'not a uri'],
  ])('rejects a bad %s', (key, value) => {
    expect(valid(c, { [key]: value })).toBe(false);
  });
  it('reports an unknown format instead of silently ignoring it', () => {
    const odd = jsonContract({ type: 'string', format: 'zipcode' });
    expect(new ValidatorCache().get(odd).diagnostics.map((d) => d.code)).toEqual(['CONTRACT_FORMAT_UNKNOWN']);
  });
  it('reports a schema that does not compile, at the schema line', () => {
    const broken = contract('contract: t.v1\nschema:\n  type: object\n  properties:\n    a: {$ref: "#/nowhere"}\n');
    const compiled = new ValidatorCache().get(broken);
    expect(compiled.validate).toBeUndefined();
    expect(compiled.diagnostics[0]).toMatchObject({ code: 'CONTRACT_SCHEMA_INVALID', line: 2 });
  });
});

describe('OpenAPI components', () => {
  const api = (version: string, customer: string) =>
    contract(
      `contract: t.v1\ncomponent: Order\nopenapi:\n  openapi: ${version}\n  components:\n    schemas:\n      Order:\n        type: object\n        required: [note, customer]\n        properties:\n${customer}`,
    );
  it('3.0: nullable admits null, refs resolve, types still checked', () => {
    const c = api(
      '3.0.3',
      "          note: {type: string, nullable: true}\n          customer: {$ref: '#/components/schemas/Customer'}\n      Customer: {type: object, required: [email], properties: {email: {type: string, format: email}}}\n",
    );
    expect(valid(c, { note: null, customer: { email: 'a@b.io' } })).toBe(true);
    expect(valid(c, { note: 3, customer: { email: 'a@b.io' } })).toBe(false);
    expect(valid(c, { note: 'x', customer: { email: 'nope' } })).toBe(false);
  });
  it('3.0: without nullable, null is rejected', () => {
    const c = api('3.0.3', '          note: {type: string}\n          customer: {type: object}\n');
    expect(valid(c, { note: null, customer: {} })).toBe(false);
  });
  it('3.0: boolean exclusiveMinimum becomes a numeric bound', () => {
    const c = api('3.0.3', '          note: {type: number, minimum: 0, exclusiveMinimum: true}\n          customer: {type: object}\n');
    expect(valid(c, { note: 1, customer: {} })).toBe(true);
    expect(valid(c, { note: 0, customer: {} })).toBe(false);
  });
  it('3.1: type arrays with null, and nullable is flagged as not 3.1', () => {
    const c = api('3.1.0', "          note: {type: [string, 'null']}\n          customer: {type: object, nullable: true}\n");
    expect(valid(c, { note: null, customer: {} })).toBe(true);
    expect(valid(c, { note: null, customer: null })).toBe(false);
    expect(c.warnings.map((w) => w.code)).toEqual(['CONTRACT_OPENAPI_NULLABLE']);
  });
  it('maps schema paths back into components.schemas', () => {
    const c = api(
      '3.1.0',
      "          note: {type: string}\n          customer: {$ref: '#/components/schemas/Customer'}\n      Customer: {type: object, properties: {email: {format: email}}}\n",
    );
    const result = checkFixture(c, new ValidatorCache(), 'f.json', '{"note":"x","customer":{"email":"bad"}}', 'pass');
    expect(result.result?.errors[0]).toMatchObject({ pointer: '/customer/email', schemaPath: '#/components/schemas/Customer/properties/email/format' });
  });
});

describe('checkFixture', () => {
  const c = jsonContract({ type: 'array', items: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } } });
  const cache = new ValidatorCache();

  it('points into arrays with the line of the offending value and a fix', () => {
    const text = '[\n  {"email": "a@b.io"},\n  {\n    "email": "nope"\n  }\n]\n';
    const r = checkFixture(c, cache, 'fx/t.v1/good/a.json', text, 'pass');
    expect(r.result).toMatchObject({ valid: false, ok: false });
    expect(r.diagnostics[0]).toMatchObject({ code: 'CONTRACT_FIXTURE_INVALID', path: 'fx/t.v1/good/a.json', line: 4 });
    expect(r.diagnostics[0]!.message).toContain('/1/email');
    expect(r.diagnostics[0]!.message).toContain('#/items/properties/email/format');
    expect(r.diagnostics[0]!.fix).toContain('user@example.com');
  });
  it('a good fixture that validates is fine', () => {
    expect(checkFixture(c, cache, 'f.json', '[{"email":"a@b.io"}]', 'pass')).toMatchObject({ diagnostics: [], result: { ok: true } });
  });
  it('a bad fixture must fail; one that passes means the contract got weaker', () => {
    expect(checkFixture(c, cache, 'f.json', '[{}]', 'fail')).toMatchObject({ diagnostics: [], result: { ok: true, valid: false } });
    const weak = checkFixture(c, cache, 'f.json', '[{"email":"a@b.io"}]', 'fail');
    expect(weak.diagnostics[0]!.code).toBe('CONTRACT_BAD_FIXTURE_PASSES');
    expect(weak.diagnostics[0]!.message).toContain('weaker');
  });
  it('a fixture that is not JSON is an error with its line', () => {
    expect(checkFixture(c, cache, 'f.json', '[\n  {"email": "a@b.io",}\n]', 'pass').diagnostics[0]).toMatchObject({ code: 'CONTRACT_FIXTURE_PARSE', line: 2 });
  });
  it('compiles each schema once per cache', () => {
    const local = new ValidatorCache();
    for (let i = 0; i < 5; i++) checkFixture(c, local, 'f.json', '[]', 'pass');
    expect(local.size).toBe(1);
  });
});

describe('fixture layout', () => {
  const dir = '.sentinel/contracts/fixtures';
  it('bad/ anywhere below the contract folder means must-fail', () => {
    expect(expectationOf(`${dir}/o.v1/bad/a.json`, dir)).toBe('fail');
    expect(expectationOf(`${dir}/o.v1/edge/bad/a.json`, dir)).toBe('fail');
    expect(expectationOf(`${dir}/o.v1/good/a.json`, dir)).toBe('pass');
    expect(expectationOf(`${dir}/o.v1/a.json`, dir)).toBe('pass');
    expect(expectationOf(`${dir}/bad.v1/a.json`, dir)).toBe('pass');
  });
  it('groups by contract folder and keeps loose files apart', () => {
    const { byContract, loose } = groupFixtures([`${dir}/o.v1/a.json`, `${dir}/x.json`, `${dir}/o.v1/bad/b.json`], dir);
    expect([...byContract.get('o.v1')!]).toEqual([`${dir}/o.v1/a.json`, `${dir}/o.v1/bad/b.json`]);
    expect(loose).toEqual([`${dir}/x.json`]);
    expect(contractOfFixture('elsewhere/o.v1/a.json', dir)).toBeUndefined();
  });
});

describe('compareVerdicts (version discipline)', () => {
  const before = jsonContract({ type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } });
  const copies = [
    { fixture: 'good.json', text: '{"id":"123e4567-e89b-12d3-a456-426614174000"}', at: 'base' as const },
    { fixture: 'bad.json', text: '{"id":"x"}', at: 'base' as const },
  ];
  it('weakening in place flips a rejected fixture to accepted', () => {
    const after = jsonContract({ type: 'object', required: ['id'], properties: { id: { type: 'string' } } });
    expect(compareVerdicts(before, after, new ValidatorCache(), copies)).toEqual([
      { contract: 't.v1', change: 'weakened', fixture: 'bad.json', fixtureAt: 'base' },
    ]);
  });
  it('strengthening in place flips an accepted fixture to rejected', () => {
    const after = jsonContract({ type: 'object', required: ['id', 'total'], properties: { id: { type: 'string', format: 'uuid' } } });
    expect(compareVerdicts(before, after, new ValidatorCache(), copies).map((f) => f.change)).toEqual(['strengthened']);
  });
  it('a change no fixture notices is not a finding', () => {
    const after = jsonContract({ description: 'an order', type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } });
    expect(compareVerdicts(before, after, new ValidatorCache(), copies)).toEqual([]);
  });
});
