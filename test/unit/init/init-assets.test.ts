import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyCriterion } from '../../../src/core/capsule/acceptance.js';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { REQUIRED_SECTIONS } from '../../../src/core/capsule/types.js';
import { createAjv2020 } from '../../../src/core/schema/ajv.js';
import { REPO_ROOT } from '../../helpers/cli.js';

const INIT = path.join(REPO_ROOT, 'assets', 'init');
const read = (rel: string) => readFileSync(path.join(INIT, rel), 'utf8');
const json = (rel: string) => JSON.parse(read(rel));

describe('init assets', () => {
  it('context-limits.json follows the context-limits schema', () => {
    const validate = createAjv2020().compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'context-limits.schema.json'), 'utf8')));
    const limits = json('context-limits.json');
    expect(validate(limits), JSON.stringify(validate.errors)).toBe(true);
    const names = limits.artifacts.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['capsules', 'agent-rules', 'runbooks', 'source']));
  });

  it('the example contract accepts every good fixture and rejects every bad one', () => {
    const contract = json('contracts/example.v1.json');
    expect(contract.contract).toBe('example.v1');
    const validate = createAjv2020().compile(contract.schema);
    const fixtures = (kind: string) =>
      readdirSync(path.join(INIT, 'contracts/fixtures/example.v1', kind)).map((f) => json(`contracts/fixtures/example.v1/${kind}/${f}`));
    expect(fixtures('good').length).toBeGreaterThanOrEqual(2);
    expect(fixtures('bad').length).toBeGreaterThanOrEqual(2);
    for (const sample of fixtures('good')) expect(validate(sample), JSON.stringify(sample)).toBe(true);
    for (const sample of fixtures('bad')) expect(validate(sample), JSON.stringify(sample)).toBe(false);
  });

  it('the ledger is empty with NEXT_ID D-0001', () => {
    const ledger = read('DECISIONS.md');
    expect(ledger).toMatch(/^## NEXT_ID\nD-0001\n?$/m);
    expect(ledger).not.toMatch(/^ID:/m);
  });

  it('the sample capsule has every section, verifiable acceptance and marked future files', () => {
    const capsule = parseCapsule(read('specify/specs/example/capsule.md'), '.specify/specs/example/capsule.md');
    expect(capsule.diagnostics).toEqual([]);
    expect(capsule.id).toMatch(/^example@[0-9a-f]{8}$/);
    for (const section of REQUIRED_SECTIONS) expect(capsule.sections[section]?.empty, section).toBe(false);
    for (const item of capsule.acceptanceCriteria) {
      const verdict = classifyCriterion(item.text);
      expect(verdict.signals.length, item.text).toBeGreaterThan(0);
      expect(verdict.vague, item.text).toEqual([]);
    }
    const shipped = new Set(['.sentinel/agents/backender/PLAYBOOK.md', '.sentinel/contracts/example.v1.json']);
    for (const entry of capsule.allowedContext) expect(shipped.has(entry.path) || entry.createdBy === 'backender', entry.text).toBe(true);
    expect(capsule.routerNotes.lead).toBe('backender');
  });
});
