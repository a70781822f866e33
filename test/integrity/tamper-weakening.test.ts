import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HONEST_GUIDE, arena, done, mcp, type Arena } from './workspace.js';

/**
 * Issue 11 item 4: a sentinel test weakened in a way the old line checks missed (node:test's own
 * skip option, a tautology, a swallowing catch, process.exit, a replaced assert, pytest and Go
 * forms) is refused by `sentinel tamper`, `check` and `capsule done`, committed or not.
 */
const S = '.sentinel/tests/sentinels';
const NODE_TEST = `import test from 'node:test';
import assert from 'node:assert/strict';
import { total } from '../../../src/orders.js';

test('totals orders', () => {
  assert.equal(total([1, 2]), 3);
  assert.equal(total([]), 0);
});
`;
const PYTEST = 'from orders import total\n\n\ndef test_totals():\n    assert total([1, 2]) == 3\n';
const GO_TEST =
  'package orders\n\nimport "testing"\n\nfunc TestTotal(t *testing.T) {\n\tif got := Total([]int{1, 2}); got != 3 {\n\t\tt.Errorf("Total = %d, want 3", got)\n\t}\n}\n';

let a: Arena;
beforeAll(async () => {
  a = await arena({
    files: {
      'src/orders.js': 'export const total = (xs) => xs.reduce((a, b) => a + b, 0);\n',
      [`${S}/orders.test.mjs`]: NODE_TEST,
      [`${S}/test_orders.py`]: PYTEST,
      [`${S}/orders_test.go`]: GO_TEST,
    },
  });
});
beforeEach(() => a.reset());
afterAll(() => a.repo.cleanup());

const edit = (file: string, from: string, to: string, text: string) => {
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  a.repo.write({ [`${S}/${file}`]: text.replace(from, to) });
};

async function tamperCodes(): Promise<{ code: number; codes: string[] }> {
  const result = await a.run('tamper', '--json');
  return {
    code: result.code,
    codes: result
      .json()
      .diagnostics.filter((d: any) => d.severity === 'error')
      .map((d: any) => d.code),
  };
}

const ATTACKS: [string, string, string, string, string][] = [
  ['node:test { skip: true }', 'orders.test.mjs', "test('totals orders', ()", "test('totals orders', { skip: true }, ()", 'TAMPER_TEST_SKIPPED'],
  ['node:test t.skip()', 'orders.test.mjs', "test('totals orders', () => {\n", "test('totals orders', (t) => {\n  t.skip();\n", 'TAMPER_TEST_SKIPPED'],
  ['assert.ok(true) in place of a real assertion', 'orders.test.mjs', '  assert.equal(total([1, 2]), 3);', '  assert.ok(true);', 'TAMPER_TAUTOLOGY'],
  [
    'assertions wrapped in try {} catch {}',
    'orders.test.mjs',
    '  assert.equal(total([1, 2]), 3);\n  assert.equal(total([]), 0);\n',
    '  try {\n    assert.equal(total([1, 2]), 3);\n    assert.equal(total([]), 0);\n  } catch {}\n',
    'TAMPER_SWALLOWED_ASSERTION',
  ],
  [
    'if (false) around the assertions',
    'orders.test.mjs',
    '  assert.equal(total([]), 0);\n',
    '  if (false) assert.equal(total([]), 0);\n',
    'TAMPER_UNREACHABLE_ASSERTION',
  ],
  ['an early return', 'orders.test.mjs', "test('totals orders', () => {\n", "test('totals orders', () => {\n  return;\n", 'TAMPER_UNREACHABLE_ASSERTION'],
  ['process.exit(0)', 'orders.test.mjs', "\ntest('totals", "\nprocess.exit(0);\n\ntest('totals", 'TAMPER_PROCESS_EXIT'],
  ['assert.equal reassigned', 'orders.test.mjs', "\ntest('totals", "\nassert.equal = () => {};\n\ntest('totals", 'TAMPER_ASSERT_REASSIGNED'],
  ['pytest assert True', 'test_orders.py', '    assert total([1, 2]) == 3\n', '    assert True\n', 'TAMPER_TAUTOLOGY'],
  [
    'pytest try/except: pass',
    'test_orders.py',
    '    assert total([1, 2]) == 3\n',
    '    try:\n        assert total([1, 2]) == 3\n    except:\n        pass\n',
    'TAMPER_SWALLOWED_ASSERTION',
  ],
  ['Go if false {', 'orders_test.go', '\tif got := Total([]int{1, 2}); got != 3 {', '\tif false {\n\t\tgot := 0', 'TAMPER_UNREACHABLE_ASSERTION'],
  ['Go os.Exit(0)', 'orders_test.go', 'func TestTotal(t *testing.T) {\n', 'func TestTotal(t *testing.T) {\n\tos.Exit(0)\n', 'TAMPER_PROCESS_EXIT'],
];
const BASE_TEXT: Record<string, string> = { 'orders.test.mjs': NODE_TEST, 'test_orders.py': PYTEST, 'orders_test.go': GO_TEST };

describe('syntax-level tamper through the built binary', () => {
  it.each(ATTACKS)('%s is refused by sentinel tamper', async (_name, file, from, to, code) => {
    edit(file, from, to, BASE_TEXT[file]!);
    const result = await tamperCodes();
    expect(result.code).toBe(1);
    expect(result.codes).toContain(code);
  });

  it('an honest refactor of a sentinel (assertions moved into a called helper, strictEqual) passes tamper', async () => {
    edit(
      'orders.test.mjs',
      '  assert.equal(total([1, 2]), 3);\n  assert.equal(total([]), 0);\n',
      '  expectTotal([1, 2], 3);\n  expectTotal([], 0);\n',
      NODE_TEST.replace("\ntest('totals", "\nfunction expectTotal(xs, want) {\n  assert.strictEqual(total(xs), want);\n}\n\ntest('totals"),
    );
    const result = await tamperCodes();
    expect(result).toEqual({ code: 0, codes: [] });
  });

  it('committed weakenings (skip option, tautology) still fail check and capsule done, CLI and MCP', async () => {
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });
    edit(
      'orders.test.mjs',
      "test('totals orders', ()",
      "test('totals orders', { skip: 'later' }, ()",
      NODE_TEST.replace('  assert.equal(total([]), 0);', '  assert.equal(0, 0);'),
    );
    a.repo.commit('work');
    const check = await a.run('check', '--only', 'tamper', '--json');
    expect(check.code).toBe(1);
    const finished = await done(a);
    expect(finished.code).toBe(1);
    expect(finished.codes).toEqual(expect.arrayContaining(['TAMPER_TEST_SKIPPED', 'TAMPER_TAUTOLOGY']));
    const session = await mcp(a);
    try {
      const viaMcp = await session.call('sentinel_capsule_done', { capsule: 'docs-guide' });
      expect(JSON.stringify(viaMcp)).toContain('TAMPER_TAUTOLOGY');
    } finally {
      await session.close();
    }
    expect(a.state().status).toBe('in_progress');
  });

  it('the sentinels run itself fails a skipped sentinel (node:test skip option)', async () => {
    edit('orders.test.mjs', "test('totals orders', ()", "test('totals orders', { skip: true }, ()", NODE_TEST);
    const run = await a.run('sentinels', 'run', '--filter', 'orders.test.mjs', '--json');
    expect(run.code).toBe(1);
    expect(run.json().diagnostics.map((d: any) => d.code)).toContain('SENTINEL_TEST_SKIPPED');
  });
});
