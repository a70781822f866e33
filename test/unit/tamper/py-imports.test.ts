import { describe, expect, it } from 'vitest';
import { detectTamper } from '../../../src/core/tamper/detect.js';
import { importedPaths } from '../../../src/core/tamper/neighbours.js';
import { pyFacts } from '../../../src/core/tamper/py-facts.js';

const count = (src: string) => pyFacts('tests/test_a.py', src, () => 1).tests.map((t) => t.assertions);

describe('pytest: helpers imported from relative modules', () => {
  it('`from . import helpers` then `helpers.check()` calls the module’s function', () => {
    const asked: string[] = [];
    const facts = pyFacts(
      'tests/test_a.py',
      'from . import helpers\nfrom .lib import checks as c\n\ndef test_a():\n    helpers.check(f())\n    c.check(g())\n',
      (m, n) => {
        asked.push(`${m} ${n}`);
        return 1;
      },
    );
    expect(facts.tests.map((t) => t.assertions)).toEqual([2]);
    expect(asked).toEqual(['.helpers check', '.lib.checks check']);
    expect(count('from . import helpers\nhelpers = None\n\ndef test_a():\n    helpers.check(f())\n')).toEqual([0]);
    expect(importedPaths('tests/test_a.py', 'from . import helpers\nfrom .lib import (\n    checks,\n)\n')).toEqual(
      expect.arrayContaining(['tests/helpers.py', 'tests/lib/checks.py', 'tests/lib/__init__.py']),
    );
  });
  it('a module helper is read and compared through the neighbours (emptying it is a removal)', () => {
    const test = 'from . import checks\n\ndef test_a():\n    checks.check_total([1, 2], 3)\n';
    const sentinel = '.sentinel/tests/sentinels/test_a.py';
    const helper = (body: string) => new Map([['.sentinel/tests/sentinels/checks.py', `def check_total(lines, want):\n    ${body}\n`]]);
    const paths = { sentinelsDir: '.sentinel/tests/sentinels', fixturesDir: '.sentinel/contracts/fixtures' };
    const change = (after: string) => ({
      path: sentinel,
      status: 'modified',
      before: test,
      after: test,
      neighbours: { before: helper('assert total(lines) == want'), after: helper(after) },
    });
    expect(detectTamper(change('assert total(lines) == want'), paths)).toEqual([]);
    expect(detectTamper(change('return total(lines)'), paths).map((f) => f.kind)).toEqual(['assertions-removed']);
  });
  it('a comprehension variable or another function’s local of the same name leaves the import alone', () => {
    const imp = 'from .helpers import check\n\n';
    expect(count(`${imp}def test_a():\n    names = [check.name for check in report.checks]\n    check(f())\n`)).toEqual([1]);
    expect(count(`${imp}def fake():\n    check = {"ok": True}\n    return [check]\n\ndef test_a():\n    check(f())\n`)).toEqual([1]);
    expect(count(`${imp}class TestA:\n    check = staticmethod(print)\n\n    def test_a(self):\n        check(f())\n`)).toEqual([1]);
    expect(count(`${imp}def test_a():\n    run = lambda check: check(f())\n    check(g())\n`)).toEqual([1]);
  });
  it('a binding in the test itself, in a function around it, at module level or through `global` still hides it', () => {
    const imp = 'from .helpers import check\n\n';
    expect(count(`${imp}def test_a():\n    check = print\n    check(f())\n`)).toEqual([0]);
    expect(count(`${imp}def test_a():\n    check = print\n    def inner():\n        check(f())\n    inner()\n`)).toEqual([0]);
    expect(count(`${imp}def patch():\n    global check\n    check = print\n\ndef test_a():\n    check(f())\n`)).toEqual([0]);
    expect(count(`${imp}if True:\n    check = print\n\ndef test_a():\n    check(f())\n`)).toEqual([0]);
  });
});
