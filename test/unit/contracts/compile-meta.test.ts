// Contract schemas are checked against their draft's meta-schema by one shared ajv per draft
// (src/core/contracts/compile.ts) instead of a fresh ajv compiling the meta-schema per contract: every
// finding must be the one a fresh ajv per schema, checking its own meta-schema, gives.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compileContract } from '../../../src/core/contracts/compile.js';
import { parseContractFile } from '../../../src/core/contracts/parse.js';
import type { ContractDefinition, SchemaDraft } from '../../../src/core/contracts/types.js';

const require = createRequire(import.meta.url);
type Fresh = new (options: object) => { compile(schema: unknown): (data: unknown) => boolean };
const unwrap = (mod: { default?: unknown }) => (mod.default ?? mod) as Fresh;
const CLASSES: Record<SchemaDraft, Fresh> = {
  'draft-07': unwrap(require('ajv')),
  '2019-09': unwrap(require('ajv/dist/2019.js')),
  '2020-12': unwrap(require('ajv/dist/2020.js')),
};
const addFormats = unwrap(require('ajv-formats')) as unknown as (ajv: unknown) => void;

/** What compileContract reported before: a fresh ajv per schema, meta-schema checked by that ajv. */
function freshAjv(contract: ContractDefinition): { compiles: boolean; messages: string[] } {
  const warnings: string[] = [];
  const logger = { log() {}, warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')), error() {} };
  const ajv = new CLASSES[contract.draft]({ allErrors: true, strict: false, allowUnionTypes: true, logger });
  addFormats(ajv);
  try {
    ajv.compile(contract.schema);
    return { compiles: true, messages: [...new Set(warnings)].filter((w) => /unknown format/i.test(w)).map((w) => w.replace(/\s+/g, ' ').trim()) };
  } catch (err) {
    return { compiles: false, messages: [(err as Error).message] };
  }
}

const META: Record<SchemaDraft, string> = {
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

const SCHEMAS: [string, (draft: SchemaDraft) => Record<string, unknown>][] = [
  ['valid', () => ({ type: 'object', required: ['id'], properties: { id: { type: 'string' } } })],
  ['a type that does not exist', () => ({ type: 'objekt' })],
  ['required not an array', () => ({ type: 'object', required: 'id' })],
  ['several problems (allErrors)', () => ({ type: 'objekt', minimum: 'a', properties: { a: { type: 3 } } })],
  ['an unknown format', () => ({ type: 'string', format: 'zip-code' })],
  ['two unknown formats and a known one', () => ({ properties: { a: { format: 'x-one' }, b: { format: 'x-two' }, c: { format: 'email' } } })],
  ['its $id is the meta-schema’s', (draft) => ({ $id: META[draft].replace(/#$/, ''), type: 'object' })],
  ['its $id is the meta-schema’s, and invalid', (draft) => ({ $id: META[draft].replace(/#$/, ''), type: 'objekt' })],
  ['a $ref to the meta-schema', (draft) => ({ $ref: META[draft] })],
  ['a $ref nowhere', () => ({ $ref: '#/$defs/missing' })],
  ['an own $id and local $defs', () => ({ $id: 'https://example.com/orders', $defs: { money: { type: 'number' } }, $ref: '#/$defs/money' })],
];

describe('schema findings with one meta-schema checker per draft', () => {
  for (const draft of ['2020-12', 'draft-07', '2019-09'] as SchemaDraft[]) {
    it(`${draft}: each schema's findings are a fresh ajv's, in any order`, () => {
      // Twice over: the checker's first use (meta-schema compiled) and later ones must agree.
      for (const round of [1, 2]) {
        for (const [what, build] of SCHEMAS) {
          const schema = { $schema: META[draft], ...build(draft) };
          const parsed = parseContractFile(JSON.stringify({ contract: 'orders.v1', schema }), 'c/orders.v1.json');
          const contract = parsed.contract!;
          expect(contract.draft, what).toBe(draft);
          const expected = freshAjv(contract);
          const compiled = compileContract(contract);
          const label = `${draft} round ${round}: ${what}`;
          expect(compiled.validate !== undefined, label).toBe(expected.compiles);
          const messages = compiled.diagnostics.map((d) => d.message);
          if (expected.compiles) expect(messages, label).toEqual(expected.messages.map((w) => `orders.v1: ${w}; fixtures would not be checked for it`));
          else expect(messages, label).toEqual([`orders.v1: the schema does not compile: ${expected.messages[0]}`]);
        }
      }
    });
  }
});
