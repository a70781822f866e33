import { describe, expect, it } from 'vitest';
import { goFacts, goHelpers } from '../../../src/core/tamper/go-facts.js';
import { jsFacts } from '../../../src/core/tamper/js-facts.js';
import { pyFacts } from '../../../src/core/tamper/py-facts.js';
import { compareFacts } from '../../../src/core/tamper/weakening.js';

const kinds = (facts: { weakenings: { kind: string }[] } | undefined) => facts?.weakenings.map((w) => w.kind);

describe('JS/TS syntax facts', () => {
  it('counts assertions per test, subtests counting for their parent, helpers for their callers', () => {
    const facts = jsFacts(
      'a.test.mjs',
      "import test from 'node:test';\nimport { strictEqual as eq } from 'node:assert';\nconst check = (x) => eq(x, 1);\ntest('p', async (t) => {\n  await t.test('s', () => { check(f()); eq(g(), 2); });\n});\n",
    )!;
    expect(facts.tests.map((t) => [t.key, t.assertions, t.leaf])).toEqual([
      ['p', 2, false],
      ['p > s', 2, true],
    ]);
    expect(facts.runnable).toBe(1);
  });
  it('reads code, not strings or comments; a false option is no marker', () => {
    const facts = jsFacts(
      'a.test.ts',
      "// it.skip('x') and assert.ok(true)\nit('a', { skip: false }, () => { expect(f()).toBe('assert.ok(true); process.exit(0)'); });\n",
    );
    expect(kinds(facts)).toEqual([]);
  });
  it('a catch that asserts on the error swallows nothing; one that only logs does', () => {
    const asserts = jsFacts('a.test.ts', "it('a', () => { try { f(); } catch (e) { expect(e).toBeInstanceOf(Error); } expect(1 + g()).toBe(2); });\n");
    expect(kinds(asserts)).toEqual([]);
    const logs = jsFacts('a.test.ts', "it('a', () => { try { expect(f()).toBe(1); } catch (e) { console.log(e); } });\n");
    expect(kinds(logs)).toEqual(['swallowed']);
  });
  it('an early return in a helper is not an unreachable assertion', () => {
    expect(kinds(jsFacts('a.test.ts', "function h(x) { if (!x) return 0; return x; }\nit('a', () => { expect(h(f())).toBe(1); });\n"))).toEqual([]);
  });
  it('`??` skips its right side only after a constant that is not null or undefined', () => {
    expect(kinds(jsFacts('a.test.ts', "it('a', () => { 0 ?? expect(f()).toBe(1); });\n"))).toEqual(['unreachable']);
    expect(kinds(jsFacts('a.test.ts', "it('a', () => { null ?? expect(f()).toBe(1); });\n"))).toEqual([]);
    expect(jsFacts('a.test.ts', "it('a', () => { g() ?? expect(f()).toBe(1); });\n")!.tests[0]).toMatchObject({ assertions: 1, conditional: 1 });
  });
  it('nothing after break or continue in the same block runs', () => {
    expect(kinds(jsFacts('a.test.ts', "it('a', () => { check: { break check; expect(f()).toBe(1); } });\n"))).toEqual(['unreachable']);
    expect(kinds(jsFacts('a.test.ts', "it('a', () => { for (const x of xs) { if (!x) continue; expect(f(x)).toBe(1); } });\n"))).toEqual([]);
  });
  it('a skip in a hook, a destructured skip and skip options held in a variable are skips', () => {
    expect(kinds(jsFacts('a.test.ts', "beforeEach((ctx) => ctx.skip());\nit('a', () => { expect(f()).toBe(1); });\n"))).toEqual(['skip']);
    expect(kinds(jsFacts('a.test.mjs', "before(function () { this.skip(); });\nit('a', () => { expect(f()).toBe(1); });\n"))).toEqual(['skip']);
    expect(kinds(jsFacts('a.test.ts', "it('a', ({ skip: s }) => { s(); expect(f()).toBe(1); });\n"))).toEqual(['skip']);
    expect(kinds(jsFacts('a.test.ts', "const o = { only: true };\nit('a', { ...o }, () => { expect(f()).toBe(1); });\n"))).toEqual(['skip']);
    expect(kinds(jsFacts('a.test.ts', "const o = { timeout: 9 };\nbeforeEach((t) => t.mock.reset());\nit('a', o, () => { expect(f()).toBe(1); });\n"))).toEqual(
      [],
    );
  });
  it('an assertion expected to throw is inverted; one expected not to throw is not', () => {
    const js = (body: string) => kinds(jsFacts('a.test.ts', `it('a', () => { ${body} });\n`));
    expect(js('expect(() => expect(f()).toBe(1)).toThrow();')).toEqual(['inverted']);
    expect(js('assert.throws(() => { assert.equal(f(), 1); });')).toEqual(['inverted']);
    expect(js('await expect(async () => { expect(await f()).toBe(1); }).rejects.toThrow();')).toEqual(['inverted']);
    expect(js('expect(() => expect(f()).toBe(1)).not.toThrow();')).toEqual([]);
    expect(js('expect(() => f(null)).toThrow(TypeError);')).toEqual([]);
  });
  it('counts only assertions that can run: not in a function literal no one calls', () => {
    const count = (body: string) => jsFacts('a.test.ts', `it('a', () => { ${body} });\n`)!.tests[0]!.assertions;
    expect(count('() => { expect(f()).toBe(1); };')).toBe(0);
    expect(count('let h; h = () => expect(f()).toBe(1);')).toBe(0);
    expect(count('let h; h = () => expect(f()).toBe(1); h();')).toBe(1);
    expect(count('const h = (x) => expect(x).toBe(1); xs.forEach(h);')).toBe(1);
    expect(count('(() => expect(f()).toBe(1))();')).toBe(1);
  });
  it('a helper call resolves to the nearest declaration of its name', () => {
    const facts = jsFacts(
      'a.test.ts',
      "function check(x) { expect(x).toBe(1); }\nit('a', () => { function check() {} check(f()); });\nit('b', (check) => { check(f()); });\nit('c', () => { check(f()); });\n",
    )!;
    expect(facts.tests.map((t) => [t.key, t.assertions])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 1],
    ]);
  });
  it('identical operands are a tautology only when they are pure values, not calls', () => {
    const js = (body: string) => kinds(jsFacts('a.test.ts', `it('a', () => { ${body} });\n`));
    expect(js('expect(hash(x)).toBe(hash(x));')).toEqual([]);
    expect(js('assert.deepEqual(total([2, 1]), total([2, 1]));')).toEqual([]);
    expect(js('expect(order.total).toBe(order.total);')).toEqual(['tautology']);
    expect(js('assert.equal(x[0], x[0]);')).toEqual(['tautology']);
  });
  it('a file no plugin set can parse has no facts (the line checks take over)', () => {
    expect(jsFacts('a.test.ts', 'it(()=>{{{{')).toBeUndefined();
    expect(jsFacts('a.test.js', ')')).toBeUndefined();
    expect(jsFacts('a.test.js', 'it("a", () => {})')).toBeDefined();
  });
});

describe('pytest and Go token facts', () => {
  it('pytest: a def test_* inside a test is no test; only Test* classes are collected', () => {
    const facts = pyFacts(
      'test_a.py',
      'def test_a():\n    def test_inner():\n        assert 1 == f()\n    assert f() == 1\n\nclass Helper:\n    def test_b(self):\n        assert g()\n',
    );
    expect(facts.tests.map((t) => t.key)).toEqual(['test_a', 'Helper::test_b']);
    expect(facts.runnable).toBe(1);
  });
  it('pytest: a long statement of many assertion calls is read once (each call does not re-strip it)', () => {
    // Quadratic before: 3000 calls in one statement re-stripped the whole statement per call (tens of seconds).
    const rows = Array.from({ length: 3000 }, (_, i) => `        assert_equal(f(${i}), ${i}),`).join('\n');
    const facts = pyFacts('test_a.py', `def test_one():\n    xs = [\n${rows}\n    ]\n`);
    expect(facts.tests.map((t) => [t.key, t.assertions])).toEqual([['test_one', 3000]]);
  });
  it('pytest: an imported helper counts only where its name is still the import', () => {
    const count = (body: string, pre = '') =>
      pyFacts('test_a.py', `from .helpers import check\n${pre}\ndef test_a():\n    ${body}\n`, () => 1).tests[0]!.assertions;
    expect([count('check(f(), key=1)'), count('if check(f()) >= 1:\n        pass'), count('xs[check] = 1\n    check(f())')]).toEqual([1, 1, 1]);
    expect([
      count('check(f())', 'check = lambda *a: None\n'),
      count('a, check = 1, print\n    check(f())'),
      count('for check in fs:\n        check(f())'),
    ]).toEqual([0, 0, 0]);
    expect(pyFacts('test_a.py', 'from .helpers import check\n\ndef test_a(check):\n    check(f())\n', () => 1).tests[0]!.assertions).toBe(0);
  });
  it('pytest: pytest.approx builds a value to compare, it asserts nothing', () => {
    expect(pyFacts('test_a.py', 'def test_a():\n    want = pytest.approx(1.5)\n    assert half(3) == want\n').tests[0]!.assertions).toBe(1);
  });
  it('pytest: string literals are judged by their contents, not their blanked shape', () => {
    const py = (body: string) => kinds(pyFacts('test_a.py', `def test_a():\n    ${body}\n`));
    expect(py('assert ",".join(xs) == "a,b"')).toEqual([]);
    expect(py('assert normalize("ABC") == normalize("abc")')).toEqual([]);
    expect(py('assert s.count("(") == s.count(")")')).toEqual([]);
    expect(py('self.assertEqual(f("a"), f("b"))')).toEqual([]);
    expect(py('assert "total is 3"')).toEqual(['tautology']);
    expect(py('assert "a" == "a"')).toEqual(['tautology']);
    expect(py('assert not ""')).toEqual(['tautology']);
    expect(py('assert ""')).toEqual([]);
    expect(py('assert f"{name}"')).toEqual([]);
    expect(py('assert f"{{literal}}"')).toEqual(['tautology']);
    expect(py('if "x": return\n    assert f() == 1')).toEqual(['unreachable']);
    expect(py('if "": return\n    assert f() == 1')).toEqual([]);
  });
  it('pytest: an assertion under pytest.raises(AssertionError) is inverted', () => {
    const py = (body: string) => kinds(pyFacts('test_a.py', `def test_a():\n${body}\n`));
    expect(py('    with pytest.raises(AssertionError):\n        assert f() == 1')).toEqual(['inverted']);
    expect(py('    with pytest.raises(AssertionError, match="x"):\n        check(f())')).toEqual([]);
    expect(py('    with pytest.raises(ValueError):\n        assert f() == 1')).toEqual([]);
  });
  it('pytest: self._helper() methods count in the tests that call them; names resolve to the nearest def', () => {
    const facts = pyFacts(
      'test_a.py',
      'def check(x):\n    assert x == 1\n\nclass TestA:\n    def _check(self, x):\n        assert x == 2\n        check(x)\n\n    def test_a(self):\n        self._check(f())\n\n    def test_b(self):\n        def check(x):\n            return x\n        check(f())\n',
    );
    expect(facts.tests.map((t) => [t.key, t.assertions])).toEqual([
      ['TestA::test_a', 2],
      ['TestA::test_b', 0],
    ]);
    expect(facts.loose).toBe(0);
  });
  it('pytest: module-level assertions and helpers no code calls are counted outside any test', () => {
    expect(pyFacts('test_a.py', 'assert f() == 1\n\ndef shared(x):\n    assert x\n\ndef test_a():\n    assert g()\n').loose).toBe(2);
  });
  it('pytest: identical operands are a tautology only when they are not calls', () => {
    const py = (body: string) => kinds(pyFacts('test_a.py', `def test_a():\n    ${body}\n`));
    expect(py('assert total([2, 1]) == total([2, 1])')).toEqual([]);
    expect(py('self.assertEqual(h(x), h(x))')).toEqual([]);
    expect(py('assert got == got')).toEqual(['tautology']);
  });
  it('pytest: a triple-quoted string closing at column 0 does not end the test', () => {
    const facts = pyFacts('test_a.py', 'def test_a():\n    expected = """\nline\n"""\n    assert render() == expected\n    assert f() == 1\n');
    expect(facts.tests.map((t) => [t.key, t.assertions])).toEqual([['test_a', 2]]);
  });
  it('Go: a composite literal in a condition opens no block; TestMain without m.Run() is a skip', () => {
    const facts = goFacts(
      'a_test.go',
      'package a\n\nfunc TestMain(m *testing.M) {}\n\nfunc TestA(t *testing.T) {\n\tif got := Sum([]int{1, 2}); got != 3 {\n\t\tt.Errorf("bad")\n\t}\n}\n',
    );
    expect(facts.tests.map((t) => [t.key, t.assertions])).toEqual([['TestA', 1]]);
    expect(kinds(facts)).toEqual(['skip']);
    expect(facts.runnable).toBe(1);
  });
  it('Go: testify arguments are compared with their literals', () => {
    const go = (body: string) => kinds(goFacts('a_test.go', `package a\n\nfunc TestA(t *testing.T) {\n\t${body}\n}\n`));
    expect(go('assert.Equal(t, m["ab"], m["cd"])')).toEqual([]);
    expect(go('assert.Equal(t, f("a,b"), f("a,c"))')).toEqual([]);
    expect(go('assert.Equal(t, m["ab"], m["ab"])')).toEqual(['tautology']);
  });
  it('Go: identical testify operands are a tautology only when they are not calls', () => {
    const go = (body: string) => kinds(goFacts('a_test.go', `package a\n\nfunc TestA(t *testing.T) {\n\t${body}\n}\n`));
    expect(go('assert.Equal(t, hash(x), hash(x))')).toEqual([]);
    expect(go('assert.Equal(t, got, got)')).toEqual(['tautology']);
  });
  it('Go: a helper handed t (or marked t.Helper()) counts in its tests, from this file or the package', () => {
    const helper = 'package a\n\nfunc check(t *testing.T, got int) {\n\tt.Helper()\n\tif got != 1 {\n\t\tt.Errorf("bad")\n\t}\n}\n';
    const test = 'package a\n\nfunc TestA(t *testing.T) {\n\tcheck(t, f())\n}\n';
    expect(goFacts('a_test.go', `${helper}\nfunc TestA(t *testing.T) {\n\tcheck(t, f())\n}\n`).tests.map((t) => t.assertions)).toEqual([1]);
    expect(goFacts('a_test.go', test, goHelpers(helper)).tests.map((t) => t.assertions)).toEqual([1]);
    expect(goFacts('a_test.go', test).tests.map((t) => t.assertions)).toEqual([0]);
    // A shared helper no code in its file calls is counted outside any test.
    expect(goFacts('helpers_test.go', helper).loose).toBe(1);
  });
  it('Go: a return in one case leaves the next case reachable', () => {
    const go = (body: string) => kinds(goFacts('a_test.go', `package a\n\nfunc TestA(t *testing.T) {\n${body}\n}\n`));
    expect(go('\tswitch f() {\n\tcase 1:\n\t\treturn\n\tcase 2:\n\t\tt.Error("two")\n\tdefault:\n\t\tt.Error("other")\n\t}')).toEqual([]);
    expect(go('\tswitch f() {\n\tcase 1:\n\t\treturn\n\t\tt.Error("one")\n\t}')).toEqual(['unreachable']);
    expect(go('\tif false {\n\t\tswitch f() {\n\t\tcase 1:\n\t\t\tt.Error("one")\n\t\t}\n\t}')).toEqual(['unreachable']);
  });
  it('Go: only a recover whose result is thrown away swallows a panic', () => {
    const go = (body: string) => kinds(goFacts('a_test.go', `package a\n\nfunc TestA(t *testing.T) {\n${body}\n\tf()\n}\n`));
    expect(go('\tdefer func() {\n\t\tif r := recover(); r == nil {\n\t\t\tt.Fatal("no panic")\n\t\t}\n\t}()')).toEqual([]);
    expect(go('\tdefer func() { recover() }()')).toEqual(['swallowed']);
    expect(go('\tdefer func() { _ = recover() }()')).toEqual(['swallowed']);
  });
  it('Go: TestMain runs the tests only through its own M', () => {
    const main = (body: string) => kinds(goFacts('a_test.go', `package a\n\nfunc TestMain(m *testing.M) {\n\t${body}\n}\n`));
    expect(main('os.Exit(m.Run())')).toEqual([]);
    expect(main('goleak.VerifyTestMain(m)')).toEqual([]);
    expect(main('os.Exit(run(m))')).toEqual([]);
    expect(main('srv.Run()')).toEqual(['skip']);
  });
});

describe('compareFacts', () => {
  it('a weakening already at base is not new, even reformatted or moved', () => {
    const before = jsFacts('a.test.ts', "it('a', () => { expect(true).toBe(true); });\nit('b', () => { expect(f()).toBe(1); });\n");
    const after = jsFacts('a.test.ts', "it('b', () => { expect(f()).toBe(1); });\nit('a', () => {\n  expect( true ).toBe(true);\n});\n")!;
    expect(compareFacts('a.test.ts', before, after)).toEqual([]);
  });
  it('a renamed test that lost assertions is still caught', () => {
    const before = jsFacts('a.test.ts', "it('a', () => { expect(f()).toBe(1); expect(g()).toBe(2); });\n");
    const after = jsFacts('a.test.ts', "it('a renamed', () => { expect(f()).toBe(1); });\n")!;
    expect(compareFacts('a.test.ts', before, after)).toMatchObject([{ kind: 'assertions-removed', before: 2, after: 1 }]);
  });
});
