import { describe, expect, it } from 'vitest';
import { decisionNaming } from '../../../src/core/tamper/allowance.js';
import { detectTamper, isTamperRelevant } from '../../../src/core/tamper/detect.js';
import type { LedgerEntry } from '../../../src/core/ledger/types.js';

const paths = { sentinelsDir: '.sentinel/tests/sentinels', fixturesDir: '.sentinel/contracts/fixtures' };
const sentinel = '.sentinel/tests/sentinels/orders.test.ts';
const body = "it('a', () => { expect(1).toBe(1); expect(2).toBe(2); });\nit('b', () => { expect(3).toBe(3); });\n";
const kinds = (findings: { kind: string }[]) => findings.map((f) => f.kind);

describe('detectTamper', () => {
  it('an unchanged-in-substance sentinel is fine', () => {
    expect(detectTamper({ path: sentinel, status: 'modified', before: body, after: `// note\n${body}` }, paths)).toEqual([]);
  });
  it('a deleted sentinel test', () => {
    expect(kinds(detectTamper({ path: sentinel, status: 'deleted', before: body }, paths))).toEqual(['sentinel-deleted']);
  });
  it('a sentinel moved out of the sentinel folder counts as deleted; moved within is fine', () => {
    expect(kinds(detectTamper({ path: 'old/orders.test.ts', oldPath: sentinel, status: 'renamed', before: body, after: body }, paths))).toEqual([
      'sentinel-deleted',
    ]);
    expect(
      detectTamper({ path: '.sentinel/tests/sentinels/x/orders.test.ts', oldPath: sentinel, status: 'renamed', before: body, after: body }, paths),
    ).toEqual([]);
  });
  it('a deleted fixture, and a fixture moved from bad/ to good/', () => {
    const bad = '.sentinel/contracts/fixtures/o.v1/bad/a.json';
    expect(kinds(detectTamper({ path: bad, status: 'deleted', before: '{}' }, paths))).toEqual(['fixture-deleted']);
    expect(
      kinds(detectTamper({ path: '.sentinel/contracts/fixtures/o.v1/good/a.json', oldPath: bad, status: 'renamed', before: '{}', after: '{}' }, paths)),
    ).toEqual(['fixture-reclassified']);
  });
  it('a newly skipped test carries the marker line', () => {
    const after = body.replace("it('b'", "it.skip('b'");
    const found = detectTamper({ path: sentinel, status: 'modified', before: body, after }, paths);
    expect(found).toMatchObject([{ kind: 'marker-added', line: 2 }]);
  });
  it('removed assertions and removed test cases in a sentinel test', () => {
    const fewer = "it('a', () => { expect(1).toBe(1); });\nit('b', () => { expect(3).toBe(3); });\n";
    expect(detectTamper({ path: sentinel, status: 'modified', before: body, after: fewer }, paths)).toMatchObject([
      { kind: 'assertions-removed', line: 1, before: 2, after: 1, message: expect.stringContaining('"a"') },
    ]);
    const oneTest = "it('a', () => { expect(1).toBe(1); expect(2).toBe(2); expect(3).toBe(3); });\n";
    expect(kinds(detectTamper({ path: sentinel, status: 'modified', before: body, after: oneTest }, paths))).toEqual(['tests-removed']);
  });
  it('assertion counts only bind sentinel tests; skip markers bind every test file', () => {
    const file = 'src/orders.test.ts';
    expect(detectTamper({ path: file, status: 'modified', before: body, after: "it('a', () => {});\n" }, paths)).toEqual([]);
    expect(kinds(detectTamper({ path: file, status: 'modified', before: body, after: body.replace('it(', 'it.only(') }, paths))).toEqual(['marker-added']);
  });
  it('a sentinel that parsed at base and no longer does is refused, not left to the line checks', () => {
    const broken = "it('a', () => { expect(1).toBe(1); expect(2).toBe(2); });\nit('b', () => { expect(3).toBe(3); ];\n";
    expect(detectTamper({ path: sentinel, status: 'modified', before: body, after: broken }, paths)).toMatchObject([{ kind: 'unparseable', path: sentinel }]);
  });
  it('only test, fixture, sentinel and runner-config files are relevant', () => {
    expect(isTamperRelevant('src/app.ts', paths)).toBe(false);
    expect(isTamperRelevant(sentinel, paths)).toBe(true);
    expect(isTamperRelevant('.sentinel/contracts/fixtures/o.v1/a.json', paths)).toBe(true);
    expect(isTamperRelevant('package.json', paths)).toBe(true);
  });
  it('a conftest.py pytest loads for the sentinels (root, a folder above, inside) is read; one elsewhere is not', () => {
    for (const file of ['conftest.py', '.sentinel/conftest.py', '.sentinel/tests/conftest.py', '.sentinel/tests/sentinels/py/conftest.py'])
      expect(isTamperRelevant(file, paths), file).toBe(true);
    expect(isTamperRelevant('src/app/conftest.py', paths)).toBe(false);
  });
  it('a root conftest.py that rewrites outcomes or drops tests is flagged; a new fixture there is not; a hook in a conftest elsewhere is not', () => {
    const before = 'import pytest\n\n@pytest.fixture\ndef store():\n    return {}\n';
    const wrapper =
      '\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n    outcome = yield\n    outcome.get_result().outcome = "passed"\n';
    expect(kinds(detectTamper({ path: 'conftest.py', status: 'modified', before, after: before + wrapper }, paths))).toEqual(['marker-added']);
    expect(kinds(detectTamper({ path: 'conftest.py', status: 'modified', before, after: `${before}collect_ignore = [".sentinel"]\n` }, paths))).toEqual([
      'marker-added',
    ]);
    expect(kinds(detectTamper({ path: 'conftest.py', status: 'added', after: before + wrapper }, paths))).toEqual(['marker-added']);
    expect(detectTamper({ path: 'conftest.py', status: 'modified', before, after: `${before}\n@pytest.fixture\ndef db():\n    return 1\n` }, paths)).toEqual(
      [],
    );
    expect(detectTamper({ path: 'tests/unit/conftest.py', status: 'modified', before, after: before + wrapper }, paths)).toEqual([]);
  });
});

describe('decisionNaming', () => {
  const entry = (id: string, fields: Partial<LedgerEntry>): LedgerEntry => ({
    id,
    date: '2026-01-01',
    author: 'verifier',
    scope: '',
    decision: '',
    rationale: 'r',
    outputs: [],
    supersedes: [],
    line: 1,
    fieldLines: {},
    raw: {},
    ...fields,
  });
  it('finds a decision through Outputs (folders and globs too) or Decision/Scope text', () => {
    expect(decisionNaming(sentinel, [entry('D-0001', { outputs: ['.sentinel/tests/sentinels/'] })])).toEqual({ decision: 'D-0001', via: 'Outputs' });
    expect(decisionNaming(sentinel, [entry('D-0002', { decision: `retire ${sentinel}: covered elsewhere` })])).toEqual({ decision: 'D-0002', via: 'Decision' });
    expect(decisionNaming(sentinel, [entry('D-0003', { scope: `skip ${sentinel}` })])).toEqual({ decision: 'D-0003', via: 'Scope' });
  });
  it('no decision names the file', () => {
    expect(decisionNaming(sentinel, [entry('D-0001', { outputs: ['src/a.ts'], decision: 'other' })])).toBeUndefined();
  });
});
