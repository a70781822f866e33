import { describe, expect, it } from 'vitest';
import { draftFromSchemaUri, parseContractFile } from '../../../src/core/contracts/parse.js';
import { contractNameFromFile, parseContractId } from '../../../src/core/contracts/names.js';

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('contract names', () => {
  it('reads domain and version from the file name, dots allowed in the domain', () => {
    expect(contractNameFromFile('.sentinel/contracts/orders.v1.yaml')).toEqual({ id: 'orders.v1', domain: 'orders', version: 1 });
    expect(contractNameFromFile('c/orders.created.v12.json')).toEqual({ id: 'orders.created.v12', domain: 'orders.created', version: 12 });
    expect(contractNameFromFile('c/orders.yaml')).toBeUndefined();
    expect(parseContractId('orders.v2')?.version).toBe(2);
    expect(parseContractId('orders')).toBeUndefined();
  });
});

describe('draftFromSchemaUri', () => {
  it('maps each supported $schema to its draft and defaults to 2020-12', () => {
    expect(draftFromSchemaUri(undefined)).toBe('2020-12');
    expect(draftFromSchemaUri('http://json-schema.org/draft-07/schema#')).toBe('draft-07');
    expect(draftFromSchemaUri('https://json-schema.org/draft-07/schema')).toBe('draft-07');
    expect(draftFromSchemaUri('https://json-schema.org/draft/2019-09/schema')).toBe('2019-09');
    expect(draftFromSchemaUri('https://json-schema.org/draft/2020-12/schema')).toBe('2020-12');
  });
  it('rejects drafts it cannot check', () => {
    expect(draftFromSchemaUri('http://json-schema.org/draft-04/schema#')).toBeUndefined();
    expect(draftFromSchemaUri(7)).toBeUndefined();
  });
});

describe('parseContractFile', () => {
  it('parses a YAML JSON-Schema contract', () => {
    const r = parseContractFile('contract: orders.v1\nschema:\n  type: object\n', 'c/orders.v1.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.contract).toMatchObject({ id: 'orders.v1', kind: 'json-schema', draft: '2020-12', schemaLine: 2 });
  });

  it('strips $schema after choosing the draft', () => {
    const r = parseContractFile('{"contract":"a.v1","schema":{"$schema":"http://json-schema.org/draft-07/schema#","type":"string"}}', 'c/a.v1.json');
    expect(r.contract?.draft).toBe('draft-07');
    expect(r.contract?.schema).toEqual({ type: 'string' });
  });

  it('reports a name/file mismatch at the line of `contract:`', () => {
    const r = parseContractFile('# orders\ncontract: orders.v2\nschema: {type: object}\n', 'c/orders.v1.yaml');
    expect(r.contract).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'CONTRACT_NAME_MISMATCH', line: 2, path: 'c/orders.v1.yaml' });
  });

  it('reports bad YAML with its line', () => {
    const r = parseContractFile('contract: orders.v1\nschema:\n  type: [object\n  x: 1\n', 'c/orders.v1.yaml');
    expect(codes(r)).toContain('CONTRACT_PARSE');
    expect(r.diagnostics[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('reports bad JSON with its line', () => {
    const r = parseContractFile('{\n  "contract": "orders.v1",\n  "schema": {,}\n}', 'c/orders.v1.json');
    expect(r.diagnostics[0]).toMatchObject({ code: 'CONTRACT_PARSE', line: 3 });
  });

  it('requires contract and schema, a known draft and a good file name', () => {
    expect(codes(parseContractFile('schema: {}\n', 'c/a.v1.yaml'))).toEqual(['CONTRACT_ID_MISSING']);
    expect(codes(parseContractFile('contract: a.v1\n', 'c/a.v1.yaml'))).toEqual(['CONTRACT_SCHEMA_MISSING']);
    expect(codes(parseContractFile('contract: a.v1\nschema: 3\n', 'c/a.v1.yaml'))).toEqual(['CONTRACT_SCHEMA_INVALID']);
    expect(codes(parseContractFile('contract: a.v1\nschema:\n  $schema: http://json-schema.org/draft-04/schema#\n', 'c/a.v1.yaml'))).toEqual([
      'CONTRACT_SCHEMA_DRAFT',
    ]);
    expect(codes(parseContractFile('contract: a.v1\nschema: {}\n', 'c/a.yaml'))).toEqual(['CONTRACT_FILE_NAME']);
    expect(codes(parseContractFile('- a\n', 'c/a.v1.yaml'))).toEqual(['CONTRACT_SHAPE']);
  });
});

describe('OpenAPI contracts', () => {
  const doc = (version: string, extra = '') =>
    `contract: orders.v1\n${extra}openapi:\n  openapi: ${version}\n  info: {title: t, version: '1'}\n  paths: {}\n  components:\n    schemas:\n      Order:\n        type: object\n        properties:\n          customer: {$ref: '#/components/schemas/Customer'}\n      Customer:\n        type: object\n`;

  it('names the component with `component:` and rewrites refs for 3.1', () => {
    const r = parseContractFile(doc('3.1.0', 'component: Order\n'), 'c/orders.v1.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.contract).toMatchObject({ kind: 'openapi', draft: '2020-12', component: 'Order', openapiVersion: '3.1.0' });
    const schema = r.contract!.schema as { $ref: string; $defs: Record<string, { properties: { customer: { $ref: string } } }> };
    expect(schema.$ref).toBe('#/$defs/Order');
    expect(schema.$defs.Order!.properties.customer.$ref).toBe('#/$defs/Customer');
  });

  it('accepts a `#/components/schemas/X` reference and uses draft-07 for 3.0', () => {
    const r = parseContractFile(doc('3.0.3', "component: '#/components/schemas/Customer'\n"), 'c/orders.v1.yaml');
    expect(r.contract).toMatchObject({ draft: 'draft-07', component: 'Customer' });
    expect((r.contract!.schema as { $ref: string }).$ref).toBe('#/definitions/Customer');
  });

  it('accepts a whole OpenAPI file with contract and component at the top', () => {
    const text = "contract: orders.v1\ncomponent: Order\nopenapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    Order: {type: object}\n";
    expect(parseContractFile(text, 'c/orders.v1.yaml').contract?.component).toBe('Order');
  });

  it('asks for a component when there are several, and rejects unknown ones', () => {
    expect(codes(parseContractFile(doc('3.1.0'), 'c/orders.v1.yaml'))).toEqual(['CONTRACT_COMPONENT_MISSING']);
    const unknown = parseContractFile(doc('3.1.0', 'component: Nope\n'), 'c/orders.v1.yaml');
    expect(unknown.diagnostics[0]).toMatchObject({ code: 'CONTRACT_COMPONENT_UNKNOWN', line: 2 });
  });

  it('rejects other OpenAPI versions and documents without component schemas', () => {
    expect(codes(parseContractFile(doc('2.0', 'component: Order\n'), 'c/orders.v1.yaml'))).toEqual(['CONTRACT_OPENAPI_VERSION']);
    expect(codes(parseContractFile('contract: orders.v1\nopenapi: 3.1.0\n', 'c/orders.v1.yaml'))).toEqual(['CONTRACT_OPENAPI_COMPONENTS']);
  });
});
