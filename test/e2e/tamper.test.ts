import { afterEach, describe, expect, it } from 'vitest';
import { stateContentHash, type CapsuleState } from '../../src/core/state/state.js';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the text report, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const S = '.sentinel/tests/sentinels';
const sentinelJs = [
  "import { expect, it } from 'vitest';",
  "it('totals orders', () => {",
  '  expect(total([1, 2])).toBe(3);',
  '  expect(total([])).toBe(0);',
  '});',
  "it('rejects negatives', () => {",
  '  expect(() => total([-1])).toThrow();',
  '});',
  '',
].join('\n');
const pythonTest = 'def test_total():\n    assert total([1, 2]) == 3\n';
const goTest = 'package orders\n\nimport "testing"\n\nfunc TestTotal(t *testing.T) {\n\tif total(1, 2) != 3 {\n\t\tt.Fatal("bad total")\n\t}\n}\n';

const capsule = (slug: string) =>
  `# Capsule ${slug}@0123abcd\n\n## Goal\nVerify orders.\n\n## Required Outputs\n- \`${S}/\`\n\n## Acceptance Criteria\n- tests pass\n\n## Allowed Context\n- \`src/\`\n\n## Router Notes\n- Lead: verifier\n`;

function stateFile(slug: string, lead: string, hashOk = true): string {
  const state: CapsuleState = {
    schema: 1,
    slug,
    status: 'in_progress',
    lead,
    history: [],
    handoffs: [],
    evidence: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
  state.contentHash = hashOk ? stateContentHash(state) : 'edited-by-hand';
  return `${JSON.stringify(state, null, 2)}\n`;
}

const ledger = (outputs: string, decision = 'Retire the flaky total test') =>
  [
    '# Decision Ledger',
    '',
    '## NEXT_ID',
    'D-0002',
    '',
    '## Entries',
    '',
    'ID: D-0001',
    'Date: 2026-01-02',
    'Author: verifier',
    'Scope: sentinel upkeep (capsule verify-orders)',
    `Decision: ${decision}`,
    'Rationale: it is covered by the contract tests',
    `Outputs: ${outputs}`,
    'Supersedes: -',
    '',
  ].join('\n');

const files = {
  '.specify/specs/verify-orders/capsule.md': capsule('verify-orders'),
  [`${S}/orders.test.ts`]: sentinelJs,
  'tests/test_orders.py': pythonTest,
  'orders/orders_test.go': goTest,
  '.sentinel/contracts/fixtures/orders.v1/bad/a.json': '[{}]',
  'src/app.ts': 'export {};\n',
};

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const tamper = (args: string[] = []) => runInProcess(['tamper', '--json', ...args], { cwd: repo!.dir });
const codes = (out: { diagnostics: { code: string }[] }) => out.diagnostics.map((d) => d.code);

describe('sentinel tamper', () => {
  it('passes ordinary changes, including added assertions', async () => {
    repo = makeTempRepo(files);
    repo.write({ 'src/app.ts': 'export const x = 1;\n', [`${S}/orders.test.ts`]: `${sentinelJs}it('more', () => { expect(total([3])).toBe(3); });\n` });
    const result = await tamper();
    expect(result.code, result.stdout).toBe(0);
    expect(result.json()).toMatchObject({ ok: true, status: 'ok' });
  });

  it('fails a newly skipped JS test with the marker line', async () => {
    repo = makeTempRepo(files);
    repo.write({ [`${S}/orders.test.ts`]: sentinelJs.replace("it('rejects", "it.skip('rejects") });
    const result = await tamper();
    expect(result.code).toBe(1);
    expect(result.json().diagnostics).toMatchObject([{ code: 'TAMPER_TEST_SKIPPED', path: `${S}/orders.test.ts`, line: 6 }]);
    const text = await runSentinel(['tamper'], { cwd: repo.dir });
    expect(text.stdout).toContain(`${S}/orders.test.ts:6`);
  });

  it('fails newly marked Python and Go tests, staged or untracked', async () => {
    repo = makeTempRepo(files);
    repo.write({ 'tests/test_orders.py': `import pytest\n\n@pytest.mark.skip(reason="later")\n${pythonTest}` });
    repo.git('add', 'tests/test_orders.py');
    repo.write({
      'orders/orders_test.go': goTest.replace('\tif total', '\tt.Skip("flaky")\n\tif total'),
      'tests/test_new.py': 'import pytest\n\ndef test_x():\n    pytest.xfail("no")\n',
    });
    const result = await tamper();
    expect(result.code).toBe(1);
    const found = result.json().diagnostics.map((d: { path: string; line: number; code: string }) => `${d.code} ${d.path}:${d.line}`);
    expect(found).toEqual([
      'TAMPER_TEST_SKIPPED orders/orders_test.go:6',
      'TAMPER_TEST_SKIPPED tests/test_new.py:4',
      'TAMPER_TEST_SKIPPED tests/test_orders.py:3',
    ]);
  });

  it('fails deleted sentinels and fixtures, and removed assertions or test cases', async () => {
    repo = makeTempRepo({ ...files, [`${S}/other.test.ts`]: sentinelJs });
    repo.git('rm', '-q', '.sentinel/contracts/fixtures/orders.v1/bad/a.json', `${S}/other.test.ts`);
    repo.write({ [`${S}/orders.test.ts`]: sentinelJs.replace('  expect(total([])).toBe(0);\n', '') });
    let result = await tamper();
    expect(result.code).toBe(1);
    expect(codes(result.json()).sort()).toEqual(['TAMPER_ASSERTIONS_REMOVED', 'TAMPER_FIXTURE_DELETED', 'TAMPER_SENTINEL_DELETED']);
    repo.write({ [`${S}/orders.test.ts`]: sentinelJs.split("it('rejects")[0]! });
    result = await tamper();
    expect(codes(result.json())).toContain('TAMPER_TESTS_REMOVED');
  });

  it('follows the helpers of a sentinel into an imported module and its Go package: moving checks there passes, emptying them fails, even with the sentinel untouched', async () => {
    const moved = sentinelJs
      .replace("import { expect, it } from 'vitest';", "import { expect, it } from 'vitest';\nimport { checkTotal } from '../../../test/support/checks.js';")
      .replace('  expect(total([1, 2])).toBe(3);\n  expect(total([])).toBe(0);', '  checkTotal([1, 2], 3);\n  checkTotal([], 0);');
    const checks = "import { expect } from 'vitest';\nexport function checkTotal(xs: number[], want: number) {\n  expect(total(xs)).toBe(want);\n}\n";
    const goHelper =
      'package orders\n\nimport "testing"\n\nfunc checkTotal(t *testing.T, got, want int) {\n\tt.Helper()\n\tif got != want {\n\t\tt.Fatal("bad total")\n\t}\n}\n';
    const goMoved = goTest.replace('\tif total(1, 2) != 3 {\n\t\tt.Fatal("bad total")\n\t}', '\tcheckTotal(t, total(1, 2), 3)');
    // The helper module outside the sentinels folder exists at base: one written in the same change lends nothing.
    repo = makeTempRepo({ ...files, [`${S}/orders_test.go`]: goTest, 'test/support/checks.ts': checks });
    repo.write({ [`${S}/orders.test.ts`]: moved, [`${S}/orders_test.go`]: goMoved, [`${S}/helpers_test.go`]: goHelper });
    const honest = await tamper();
    expect(honest.code, honest.stdout).toBe(0);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'helpers');
    // The sentinels are left alone: only the helper module one imports and the Go package's helper file are emptied.
    repo.write({
      'test/support/checks.ts': checks.replace('  expect(total(xs)).toBe(want);', '  total(xs);'),
      [`${S}/helpers_test.go`]: goHelper.replace('\tif got != want {\n\t\tt.Fatal("bad total")\n\t}\n', ''),
    });
    const emptied = await tamper();
    expect(emptied.code).toBe(1);
    const removed = emptied.json().diagnostics.filter((d: { code: string }) => d.code === 'TAMPER_ASSERTIONS_REMOVED');
    expect(removed.map((d: { path: string }) => d.path).sort()).toEqual([`${S}/helpers_test.go`, `${S}/orders.test.ts`, `${S}/orders_test.go`]);
  });

  it("follows a helper through an index's re-exports: moving checks there passes, emptying the module behind the index fails", async () => {
    const moved = sentinelJs
      .replace("import { expect, it } from 'vitest';", "import { expect, it } from 'vitest';\nimport { checkTotal } from '../../../test/support/index.js';")
      .replace('  expect(total([1, 2])).toBe(3);\n  expect(total([])).toBe(0);', '  checkTotal([1, 2], 3);\n  checkTotal([], 0);');
    const checks = "import { expect } from 'vitest';\nexport function checkTotal(xs: number[], want: number) {\n  expect(total(xs)).toBe(want);\n}\n";
    const index = "export * from './checks.js';\nexport { formatOrder } from './format.js';\n";
    repo = makeTempRepo({ ...files, 'test/support/checks.ts': checks, 'test/support/index.ts': index });
    repo.write({ [`${S}/orders.test.ts`]: moved });
    const honest = await tamper();
    expect(honest.code, honest.stdout).toBe(0);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'helpers');
    // The sentinel and the index are left alone: only the module the index re-exports is emptied.
    repo.write({ 'test/support/checks.ts': checks.replace('  expect(total(xs)).toBe(want);', '  total(xs);') });
    const emptied = await tamper();
    expect(emptied.code).toBe(1);
    expect(emptied.json().diagnostics).toMatchObject([{ code: 'TAMPER_ASSERTIONS_REMOVED', path: `${S}/orders.test.ts` }]);
  });

  it('flags a test filter added to the runner config', async () => {
    repo = makeTempRepo({ ...files, 'package.json': '{"scripts":{"test":"vitest run"}}\n' });
    repo.write({ 'package.json': '{"scripts":{"test":"vitest run --testNamePattern smoke"}}\n' });
    const result = await tamper();
    expect(result.code).toBe(1);
    expect(result.json().diagnostics[0]).toMatchObject({ code: 'TAMPER_TEST_SKIPPED', path: 'package.json', line: 1 });
  });

  it('allows it when the active capsule is led by the Verifier and a decision names the file', async () => {
    repo = makeTempRepo({
      ...files,
      '.sentinel/state/verify-orders.json': stateFile('verify-orders', 'verifier'),
      '.sentinel/DECISIONS.md': ledger(`${S}/orders.test.ts`),
    });
    repo.write({ [`${S}/orders.test.ts`]: sentinelJs.replace("it('rejects", "it.skip('rejects") });
    const result = await tamper();
    expect(result.code, result.stdout).toBe(0);
    expect(result.json().diagnostics).toMatchObject([{ code: 'TAMPER_ALLOWED', path: `${S}/orders.test.ts`, line: 6 }]);
    expect(result.json().data.allowed[0]).toMatchObject({ decision: 'D-0001', via: 'Outputs' });
  });

  it('a decision mentioning the file in its Decision text counts too', async () => {
    repo = makeTempRepo({
      ...files,
      '.sentinel/state/verify-orders.json': stateFile('verify-orders', 'verifier'),
      '.sentinel/DECISIONS.md': ledger('-', `Delete ${S}/orders.test.ts, superseded`),
    });
    repo.git('rm', '-q', `${S}/orders.test.ts`);
    expect((await tamper()).code).toBe(0);
  });

  it('no exception without the decision, for another lead, or with a hand-edited state', async () => {
    const skipped = { [`${S}/orders.test.ts`]: sentinelJs.replace("it('rejects", "it.skip('rejects") };
    repo = makeTempRepo({
      ...files,
      '.sentinel/state/verify-orders.json': stateFile('verify-orders', 'verifier'),
      '.sentinel/DECISIONS.md': ledger('src/app.ts'),
    });
    repo.write(skipped);
    expect((await tamper()).code).toBe(1);
    repo.cleanup();
    repo = makeTempRepo({
      ...files,
      '.sentinel/state/verify-orders.json': stateFile('verify-orders', 'backender'),
      '.sentinel/DECISIONS.md': ledger(`${S}/orders.test.ts`),
    });
    repo.write(skipped);
    expect((await tamper()).code).toBe(1);
    repo.cleanup();
    repo = makeTempRepo({
      ...files,
      '.sentinel/state/verify-orders.json': stateFile('verify-orders', 'verifier', false),
      '.sentinel/DECISIONS.md': ledger(`${S}/orders.test.ts`),
    });
    repo.write(skipped);
    expect((await tamper()).code).toBe(1);
  });
});
