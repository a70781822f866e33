import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJUnit } from '../../../src/core/sentinels/junit.js';
import { attachGoFiles, parseGoTestJson } from '../../../src/core/sentinels/go-json.js';

const root = '/repo';

describe('parseJUnit', () => {
  it('reads vitest-style reports: the suite names the file, describe blocks are in the name', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="3" failures="1" errors="0" time="0.5">
  <testsuite name=".sentinel/tests/sentinels/orders.test.ts" timestamp="2025-01-01T00:00:00" tests="3" failures="1" errors="0" skipped="1" time="0.02">
    <testcase classname=".sentinel/tests/sentinels/orders.test.ts" name="orders &gt; rejects negative totals" time="0.004"/>
    <testcase classname=".sentinel/tests/sentinels/orders.test.ts" name="orders &gt; keeps currency" time="0.010">
      <failure message="expected 'EUR' to be 'USD'" type="AssertionError">AssertionError: expected 'EUR' to be 'USD'
 ❯ .sentinel/tests/sentinels/orders.test.ts:12:20</failure>
    </testcase>
    <testcase classname=".sentinel/tests/sentinels/orders.test.ts" name="orders &gt; later" time="0">
      <skipped/>
    </testcase>
  </testsuite>
</testsuites>`;
    const parsed = parseJUnit(xml, { root });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.results).toEqual([
      { name: 'orders > rejects negative totals', file: '.sentinel/tests/sentinels/orders.test.ts', status: 'passed', durationMs: 4 },
      {
        name: 'orders > keeps currency',
        file: '.sentinel/tests/sentinels/orders.test.ts',
        status: 'failed',
        durationMs: 10,
        line: 12,
        message: "expected 'EUR' to be 'USD'\nAssertionError: expected 'EUR' to be 'USD'\n ❯ .sentinel/tests/sentinels/orders.test.ts:12:20",
      },
      { name: 'orders > later', file: '.sentinel/tests/sentinels/orders.test.ts', status: 'skipped', durationMs: 0 },
    ]);
  });

  it('reads node --test reports: test cases at the top, describe blocks as suites, file from the hint', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<testsuites>
	<testcase name="passes" time="0.001236" classname="test"/>
	<testcase name="todo one" time="0.000173" classname="test">
		<skipped type="todo" message="true"/>
	</testcase>
	<testsuite name="group" time="0.006" disabled="0" errors="0" tests="2" failures="1" skipped="0" hostname="vm">
		<testcase name="inner bad" time="0.000138" classname="test" failure="boom">
			<failure type="testCodeFailure" message="boom &amp;quot;x&amp;quot;">
Error [ERR_TEST_FAILURE]: boom
    at TestContext.&lt;anonymous&gt; (file:///repo/.sentinel/tests/sentinels/a.test.mjs:7:83)
    at Test.runInAsyncScope (node:async_hooks:206:9)
			</failure>
		</testcase>
	</testsuite>
	<!-- tests 3 -->
</testsuites>`;
    const parsed = parseJUnit(xml, { root, fileHint: '.sentinel/tests/sentinels/a.test.mjs' });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.results.map((r) => [r.name, r.status, r.file])).toEqual([
      ['passes', 'passed', '.sentinel/tests/sentinels/a.test.mjs'],
      ['todo one', 'skipped', '.sentinel/tests/sentinels/a.test.mjs'],
      ['group > inner bad', 'failed', '.sentinel/tests/sentinels/a.test.mjs'],
    ]);
    const failed = parsed.results[2]!;
    expect(failed.line).toBe(7);
    expect(failed.message).toContain('boom "x"');
    expect(failed.message).not.toContain('node:async_hooks');
    // node reports todo's message as the literal "true": not a reason worth showing.
    expect(parsed.results[1]!.message).toBeUndefined();
  });

  it('reads jest-junit reports with file attributes and errors', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="2" failures="0" errors="1" time="1.2">
  <testsuite name="billing" errors="1" failures="0" skipped="0" timestamp="2025-01-01T00:00:00" time="1.1" tests="2">
    <testcase classname="billing rounds cents" name="billing rounds cents" time="0.002" file="/repo/.sentinel/tests/sentinels/billing.test.js"/>
    <testcase classname="billing refunds" name="billing refunds" time="0.3" file="/repo/.sentinel/tests/sentinels/billing.test.js">
      <error message="TypeError: x is not a function">TypeError: x is not a function
    at Object.&lt;anonymous&gt; (/repo/.sentinel/tests/sentinels/billing.test.js:9:5)</error>
    </testcase>
  </testsuite>
</testsuites>`;
    const parsed = parseJUnit(xml, { root });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.results).toMatchObject([
      { name: 'billing rounds cents', status: 'passed', file: '.sentinel/tests/sentinels/billing.test.js', durationMs: 2 },
      { name: 'billing refunds', status: 'error', file: '.sentinel/tests/sentinels/billing.test.js', durationMs: 300, line: 9 },
    ]);
  });

  it('reads pytest xunit1 reports: file attribute and 0-based line', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="1" skipped="1" tests="3" time="0.05">
<testcase classname=".sentinel.tests.sentinels.test_orders" name="test_total" file=".sentinel/tests/sentinels/test_orders.py" line="3" time="0.001" />
<testcase classname=".sentinel.tests.sentinels.test_orders" name="test_currency" file=".sentinel/tests/sentinels/test_orders.py" line="6" time="0.002"><failure message="assert 'EUR' == 'USD'">def test_currency():
&gt;       assert 'EUR' == 'USD'
E       AssertionError</failure></testcase>
<testcase classname=".sentinel.tests.sentinels.test_orders" name="test_later" file=".sentinel/tests/sentinels/test_orders.py" line="9" time="0.000"><skipped type="pytest.skip" message="not yet">.sentinel/tests/sentinels/test_orders.py:10: not yet</skipped></testcase>
</testsuite></testsuites>`;
    const parsed = parseJUnit(xml, { root });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.results.map((r) => [r.name, r.status, r.file, r.line])).toEqual([
      ['test_total', 'passed', '.sentinel/tests/sentinels/test_orders.py', 4],
      ['test_currency', 'failed', '.sentinel/tests/sentinels/test_orders.py', 7],
      ['test_later', 'skipped', '.sentinel/tests/sentinels/test_orders.py', 10],
    ]);
    expect(parsed.results[1]!.message).toContain("assert 'EUR' == 'USD'");
  });

  it('reads gotestsum/go-junit-report reports (a bare <testsuite> root, package as classname)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite tests="2" failures="1" time="0.01" name="example.com/app/sentinels">
  <testcase classname="example.com/app/sentinels" name="TestTotal" time="0.00"/>
  <testcase classname="example.com/app/sentinels" name="TestCurrency" time="0.01"><failure message="Failed" type="">orders_test.go:14: got EUR</failure></testcase>
</testsuite>`;
    const parsed = parseJUnit(xml, { root });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.results).toEqual([
      { name: 'TestTotal', status: 'passed', durationMs: 0 },
      { name: 'TestCurrency', status: 'failed', durationMs: 10, message: 'Failed\norders_test.go:14: got EUR' },
    ]);
  });

  it('rejects empty, malformed and non-JUnit documents instead of reporting zero tests', () => {
    expect(parseJUnit('', { root })).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    expect(parseJUnit('<testsuites><testcase name="x"></testsuites>', { root })).toMatchObject({ ok: false, error: expect.stringContaining('well-formed') });
    expect(parseJUnit('<html><body>oops</body></html>', { root })).toMatchObject({ ok: false, error: expect.stringContaining('root element') });
  });

  it('accepts an empty <testsuites/> as zero tests', () => {
    expect(parseJUnit('<?xml version="1.0"?><testsuites/>', { root })).toEqual({ ok: true, results: [] });
  });
});

describe('parseGoTestJson', () => {
  const line = (event: object) => JSON.stringify(event);
  it('turns test2json events into results, keeping output of failures', () => {
    const output = [
      line({ Action: 'run', Package: 'ex/s', Test: 'TestA' }),
      line({ Action: 'output', Package: 'ex/s', Test: 'TestA', Output: '=== RUN   TestA\n' }),
      line({ Action: 'pass', Package: 'ex/s', Test: 'TestA', Elapsed: 0.01 }),
      line({ Action: 'run', Package: 'ex/s', Test: 'TestB' }),
      line({ Action: 'output', Package: 'ex/s', Test: 'TestB', Output: '    b_test.go:9: got 2\n' }),
      line({ Action: 'output', Package: 'ex/s', Test: 'TestB', Output: '--- FAIL: TestB (0.00s)\n' }),
      line({ Action: 'fail', Package: 'ex/s', Test: 'TestB', Elapsed: 0 }),
      line({ Action: 'skip', Package: 'ex/s', Test: 'TestC', Elapsed: 0 }),
      line({ Action: 'fail', Package: 'ex/s', Elapsed: 0.02 }),
    ].join('\n');
    const { results, sawEvents } = parseGoTestJson(output);
    expect(sawEvents).toBe(true);
    expect(results).toEqual([
      { name: 'TestA', status: 'passed', durationMs: 10 },
      { name: 'TestB', status: 'failed', durationMs: 0, message: 'b_test.go:9: got 2' },
      { name: 'TestC', status: 'skipped', durationMs: 0 },
    ]);
  });

  it('reports a package that fails without a failing test (build error) as an error', () => {
    const output = [
      line({ Action: 'output', Package: 'ex/s', Output: 'b_test.go:3:1: syntax error\n' }),
      line({ Action: 'fail', Package: 'ex/s', Elapsed: 0 }),
    ].join('\n');
    expect(parseGoTestJson(output).results).toEqual([{ name: 'ex/s', status: 'error', durationMs: 0, message: 'b_test.go:3:1: syntax error' }]);
    expect(parseGoTestJson('no json here').sawEvents).toBe(false);
  });
});

describe('attachGoFiles', () => {
  it('gives a test name declared in two packages to the file in the package that ran it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sentinel-go-files-'));
    try {
      const files = ['s/a/a_test.go', 's/b/b_test.go'];
      for (const f of files) {
        mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
        writeFileSync(path.join(root, f), `package ${f.split('/')[1]}\n\nfunc TestParse(t *testing.T) {}\n`);
      }
      const line = (event: object) => JSON.stringify(event);
      const { results, packageOf } = parseGoTestJson(
        [
          line({ Action: 'pass', Package: 'ex/m/s/a', Test: 'TestParse', Elapsed: 0 }),
          line({ Action: 'pass', Package: 'ex/m/s/b', Test: 'TestParse', Elapsed: 0 }),
          line({ Action: 'pass', Package: 'ex/m/s/b', Test: 'TestParse/sub', Elapsed: 0 }),
        ].join('\n'),
      );
      attachGoFiles(results, files, root, packageOf);
      expect(results.map((r) => [r.name, r.file])).toEqual([
        ['TestParse', 's/a/a_test.go'],
        ['TestParse', 's/b/b_test.go'],
        ['TestParse/sub', 's/b/b_test.go'],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
