import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';

const DIR = '.sentinel/tests/sentinels';
const config = (sentinels: object) => JSON.stringify({ sentinels: { runner: 'node', ...sentinels } });

const PASSING = `import test from 'node:test';\nimport assert from 'node:assert/strict';\ntest('totals add up', () => { assert.equal(1 + 1, 2); });\n`;
const FAILING = `import test from 'node:test';\nimport assert from 'node:assert/strict';\ntest('currency is kept', () => {\n  assert.equal('EUR', 'USD');\n});\n`;
const SKIPPED = `import test from 'node:test';\ntest('later', { skip: 'flaky upstream' }, () => {});\ntest('now', () => {});\n`;

const repos: TempRepo[] = [];
function repo(files: Record<string, string>): TempRepo {
  const r = makeTempRepo({ '.sentinel/config.json': config({}), ...files });
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

describe('sentinel sentinels run (node --test runner)', () => {
  it('passes when every sentinel test passes, with per-test results', async () => {
    const r = repo({ [`${DIR}/totals.test.mjs`]: PASSING });
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    expect(result.code).toBe(0);
    const out = result.json();
    expect(out).toMatchObject({ ok: true, gate: 'sentinels', status: 'ok', data: { runner: 'node', counts: { total: 1, passed: 1 } } });
    expect(out.data.tests[0]).toMatchObject({ name: 'totals add up', file: `${DIR}/totals.test.mjs`, status: 'passed' });
    expect(out.data.tests[0].durationMs).toBeTypeOf('number');
  });

  it('fails on a failing test, naming its file, line and the assertion', async () => {
    const r = repo({ [`${DIR}/totals.test.mjs`]: PASSING, [`${DIR}/currency.test.mjs`]: FAILING });
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    const out = result.json();
    expect(out.status).toBe('fail');
    expect(out.data.counts).toMatchObject({ total: 2, passed: 1, failed: 1 });
    const diag = out.diagnostics.find((d: { code: string }) => d.code === 'SENTINEL_TEST_FAILED');
    expect(diag).toMatchObject({ severity: 'error', path: `${DIR}/currency.test.mjs`, line: 4 });
    expect(diag.message).toContain('currency is kept');
    expect(diag.message).toContain('EUR');
  });

  it('fails a run that reports a sentinel as skipped (issue 11: a skipped sentinel guards nothing)', async () => {
    const r = repo({ [`${DIR}/later.test.mjs`]: SKIPPED });
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    const out = result.json();
    expect(out.status).toBe('fail');
    expect(out.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'SENTINEL_TEST_SKIPPED', message: expect.stringContaining('flaky upstream') }),
    ]);
  });

  it('fails a run that executes fewer tests than the files define', async () => {
    const hidden = `import test from 'node:test';
import assert from 'node:assert';
test('totals', () => assert.equal(1 + 1, 2));
if (process.env.NEVER_SET_42) {
  test('currency is kept', () => assert.equal(f(), 1));
}
`;
    const r = repo({ [`${DIR}/hidden.test.mjs`]: hidden });
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    expect(result.json().diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'SENTINELS_TESTS_NOT_RUN',
        path: `${DIR}/hidden.test.mjs`,
        message: expect.stringContaining('defines 2 test(s) but node ran 1'),
      }),
    ]);
  });

  it('is pending, not ok, when there are no sentinel tests', async () => {
    const r = repo({ 'README.md': '# x\n', [`${DIR}/helper.mjs`]: 'export const x = 1;\n' });
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ status: 'pending', diagnostics: [{ code: 'SENTINELS_NONE' }] });
  });

  it('narrows with --filter by file or by test name; a filter that matches nothing is a usage error', async () => {
    const r = repo({ [`${DIR}/totals.test.mjs`]: PASSING, [`${DIR}/currency.test.mjs`]: FAILING });
    const byFile = await runSentinel(['--json', 'sentinels', 'run', '--filter', 'totals'], { cwd: r.dir });
    expect(byFile.code).toBe(0);
    expect(byFile.json().data.tests.map((t: { name: string }) => t.name)).toEqual(['totals add up']);
    const byName = await runSentinel(['--json', 'sentinels', 'run', '--filter', 'currency is'], { cwd: r.dir });
    expect(byName.code).toBe(1);
    expect(byName.json().data.tests.map((t: { name: string }) => t.name)).toEqual(['currency is kept']);
    const none = await runSentinel(['sentinels', 'run', '--filter', 'no-such-test'], { cwd: r.dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No sentinel test name or file matches --filter "no-such-test"');
  });

  it('fails with the tail of its output when the runner times out (and kills it)', async () => {
    const hang = `import test from 'node:test';\ntest('hangs', () => new Promise(() => { console.log('still waiting'); setInterval(() => {}, 1000); }));\n`;
    const r = repo({ '.sentinel/config.json': config({ timeoutMs: 1500 }), [`${DIR}/hang.test.mjs`]: hang });
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    const out = result.json();
    expect(out.status).toBe('fail');
    expect(out.diagnostics[0]).toMatchObject({ code: 'SENTINELS_TIMEOUT', fix: expect.stringContaining('sentinels.timeoutMs') });
  });
});

describe('sentinel sentinels run (command runner)', () => {
  const node = JSON.stringify(process.execPath).slice(1, -1);
  it('fails with the output tail when the runner crashes without a JUnit report', async () => {
    const r = repo({
      '.sentinel/config.json': config({ runner: 'command', command: `${node} crash.mjs {junit}` }),
      'crash.mjs': "console.log('loading fixtures');\nconsole.error('Error: cannot find module ./db');\nprocess.exit(7);\n",
      [`${DIR}/x.test.mjs`]: PASSING,
    });
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    const diag = result.json().diagnostics[0];
    expect(diag.code).toBe('SENTINELS_RUNNER_CRASHED');
    expect(diag.message).toContain('exit 7');
    expect(diag.message).toContain('cannot find module ./db');
  });

  it('fails when the runner writes malformed XML, or exits non-zero with no failing test', async () => {
    const garbage = repo({
      '.sentinel/config.json': config({ runner: 'command', command: `${node} write.mjs {junit}` }),
      'write.mjs': "import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], '<testsuites><testcase name=\"a\">');\n",
      [`${DIR}/x.test.mjs`]: PASSING,
    });
    const bad = await runSentinel(['--json', 'sentinels', 'run'], { cwd: garbage.dir });
    expect(bad.code).toBe(1);
    expect(bad.json().diagnostics[0]).toMatchObject({ code: 'SENTINELS_RUNNER_CRASHED', message: expect.stringContaining('not well-formed') });

    const exitOnly = repo({
      '.sentinel/config.json': config({ runner: 'command', command: `${node} write.mjs {junit}` }),
      'write.mjs':
        "import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], '<testsuites><testcase name=\"a\" file=\"x.test.mjs\"/></testsuites>');\nconsole.log('teardown failed');\nprocess.exit(1);\n",
      [`${DIR}/x.test.mjs`]: PASSING,
    });
    const exited = await runSentinel(['--json', 'sentinels', 'run'], { cwd: exitOnly.dir });
    expect(exited.code).toBe(1);
    expect(exited.json().diagnostics[0]).toMatchObject({ code: 'SENTINELS_RUNNER_FAILED', message: expect.stringContaining('teardown failed') });
  });

  it('is a config failure without the {junit} placeholder', async () => {
    const r = repo({ '.sentinel/config.json': config({ runner: 'command', command: 'mytests --all' }), [`${DIR}/x.test.mjs`]: PASSING });
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    expect(result.json().diagnostics[0]).toMatchObject({ code: 'SENTINELS_COMMAND_NO_JUNIT', path: '.sentinel/config.json' });
  });
});

describe('sentinel sentinels run (vitest, auto-detected)', () => {
  it('runs vitest when the project has it and reads its JUnit report', async () => {
    const r = repo({
      '.sentinel/config.json': JSON.stringify({ sentinels: { runner: 'auto' } }),
      'package.json': '{"type":"module"}\n',
      [`${DIR}/sum.test.ts`]:
        "import { expect, test } from 'vitest';\ntest('adds', () => { expect(1 + 1).toBe(2); });\ntest('breaks', () => { expect(1 + 1).toBe(3); });\n",
    });
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(r.dir, 'node_modules'), 'dir');
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    const out = result.json();
    expect(out.data.runner).toBe('vitest');
    expect(out.data.tests.map((t: { name: string; status: string; file: string }) => [t.name, t.status, t.file])).toEqual([
      ['adds', 'passed', `${DIR}/sum.test.ts`],
      ['breaks', 'failed', `${DIR}/sum.test.ts`],
    ]);
    expect(result.code).toBe(1);
  });
});

describe('sentinel sentinels run: a test that cannot load is a setup error, not a regression', () => {
  it('a vitest test without vitest installed, and a node test importing a missing file, are named with runner and cause', async () => {
    const r = repo({
      '.sentinel/config.json': JSON.stringify({ sentinels: { runner: 'auto' } }),
      [`${DIR}/email.test.mjs`]: "import { expect, test } from 'vitest';\ntest('x', () => expect(1).toBe(1));\n",
      [`${DIR}/context.test.mjs`]: "import test from 'node:test';\nimport { build } from '../../scripts/lib/allowed-context.mjs';\ntest('y', () => build());\n",
      [`${DIR}/totals.test.mjs`]: PASSING,
    });
    const result = await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    const out = result.json();
    const found = out.diagnostics.map((d: { code: string; path: string }) => `${d.code} ${d.path}`);
    expect(found).toEqual([`SENTINELS_TEST_UNLOADABLE ${DIR}/context.test.mjs`, `SENTINELS_RUNNER_MISSING ${DIR}/email.test.mjs`]);
    expect(out.diagnostics.map((d: { fix: string }) => d.fix).join('\n')).not.toContain('The regression this sentinel guards has come back');
    expect(out.diagnostics[0].message).toContain('allowed-context.mjs", which does not exist');
    expect(out.diagnostics[1].message).toContain('needs vitest (it imports vitest)');
    expect(out.data.counts).toMatchObject({ total: 1, passed: 1 });
    expect(out.summary).toContain('2 setup error(s): not regressions');
  });

  it('a vitest test under runner "node" is a wrong-runner error; a TypeScript test is never skipped in silence', async () => {
    const r = repo({
      [`${DIR}/email.test.mjs`]: "import { expect, test } from 'vitest';\ntest('x', () => expect(1).toBe(1));\n",
      [`${DIR}/sum.test.ts`]: "import test from 'node:test';\ntest('z', () => {});\n",
    });
    const out = (await runSentinel(['--json', 'sentinels', 'run'], { cwd: r.dir })).json();
    expect(out.diagnostics[0]).toMatchObject({ code: 'SENTINELS_WRONG_RUNNER', path: `${DIR}/email.test.mjs` });
    expect(out.data.assignments.map((a: { file: string }) => a.file)).toEqual([`${DIR}/email.test.mjs`, `${DIR}/sum.test.ts`]);
  });
});
