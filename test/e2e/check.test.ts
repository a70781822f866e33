import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { GATE_NAMES } from '../../src/core/gates/types.js';
import { createAjv2020 } from '../../src/core/schema/ajv.js';
import { REPO_ROOT, makeTempDir, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const node = JSON.stringify(process.execPath).slice(1, -1);
const validateReport = createAjv2020().compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/check-report.schema.json'), 'utf8')));

const repos: TempRepo[] = [];
function repo(config: object, files: Record<string, string> = {}): TempRepo {
  const r = makeTempRepo({ '.sentinel/config.json': JSON.stringify(config), 'README.md': '# demo\n', ...files });
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

const passing = { gates: { commands: { lint: `${node} -e "console.log('clean')"` } } };
const failing = { gates: { commands: { lint: `${node} -e "console.error('src/a.ts:3 no-unused-vars'); process.exit(1)"` } } };

describe('sentinel check', () => {
  it('refuses a folder with no .git and no .sentinel, and points at sentinel init', async () => {
    const plain = makeTempDir({ 'package.json': '{"name":"scratch"}\n', 'index.js': 'console.log(1)\n' });
    try {
      const result = await runSentinel(['check'], { cwd: plain.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('no .sentinel/ and no .git/');
      expect(result.stderr).toContain('sentinel init');
      expect(result.stdout).toBe('');
      const json = await runInProcess(['--json', 'check'], { cwd: plain.dir });
      expect(json.code).toBe(2);
      expect(json.json().error.code).toBe('CHECK_NO_WORKSPACE');
    } finally {
      plain.cleanup();
    }
  });

  it('--only runs just those gates; --json prints a report matching the published schema', async () => {
    const r = repo(passing);
    const result = await runInProcess(['--json', 'check', '--only', 'commands'], { cwd: r.dir });
    expect(result.code).toBe(0);
    const report = result.json();
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report).toMatchObject({ ok: true, status: 'ok', strict: false, capsule: null, counts: { gates: { ok: 1, fail: 0 } } });
    expect(report.base).toMatch(/^[0-9a-f]{40}$/);
    expect(report.gates.map((g: { gate: string }) => g.gate)).toEqual(['commands']);
    expect(report.gates[0].data.commands[0]).toMatchObject({ name: 'lint', exitCode: 0 });
  });

  it('--skip leaves gates out of the run', async () => {
    const r = repo(passing);
    const skip = GATE_NAMES.filter((g) => g !== 'commands' && g !== 'ledger').join(',');
    const result = await runInProcess(['--json', 'check', '--skip', skip], { cwd: r.dir });
    expect(result.json().gates.map((g: { gate: string }) => g.gate)).toEqual(['commands', 'ledger']);
  });

  it('exits 1 when a gate fails, and writes JUnit, SARIF and Markdown reports', async () => {
    const r = repo(failing);
    const result = await runInProcess(
      ['check', '--only', 'commands,sentinels', '--junit', 'out/junit.xml', '--sarif', 'out/sentinel.sarif', '--markdown', 'summary.md'],
      { cwd: r.dir },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/commands\s+fail/);
    expect(result.stdout).toContain('COMMAND_FAILED');
    expect(result.stdout).toContain('sentinel check failed');

    const xml = readFileSync(path.join(r.dir, 'out/junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const cases = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (t) => t === 'testcase' }).parse(xml).testsuites.testsuite
      .testcase;
    expect(cases.map((c: { name: string }) => c.name)).toEqual(['sentinels', 'commands']);
    expect(cases[0].skipped).toBeDefined();
    expect(cases[1].failure['#text']).toContain('no-unused-vars');

    const sarif = JSON.parse(readFileSync(path.join(r.dir, 'out/sentinel.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('sentinel');
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('COMMAND_FAILED');
    const failed = run.results.find((x: { ruleId: string }) => x.ruleId === 'COMMAND_FAILED');
    expect(failed).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: '.sentinel/config.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } }],
    });

    const md = readFileSync(path.join(r.dir, 'summary.md'), 'utf8');
    expect(md).toContain('## ❌ Sentinel check failed');
    expect(md).toContain('| commands | ❌ fail |');
    expect(md).toContain('`COMMAND_FAILED`');
  });

  it('pending alone passes, but fails with --strict', async () => {
    const r = repo({});
    const lenient = await runInProcess(['--json', 'check', '--only', 'commands'], { cwd: r.dir });
    expect(lenient.code).toBe(0);
    expect(lenient.json()).toMatchObject({ ok: true, status: 'pending' });
    const strict = await runInProcess(['--json', 'check', '--only', 'commands', '--strict'], { cwd: r.dir });
    expect(strict.code).toBe(1);
    expect(strict.json()).toMatchObject({ ok: false, status: 'fail', strict: true });
  });

  it('an unknown gate name or a bad --base is a usage error (exit 2)', async () => {
    const r = repo(passing);
    const unknown = await runInProcess(['--json', 'check', '--only', 'commands,nope'], { cwd: r.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'GATE_UNKNOWN' } });
    const skipUnknown = await runInProcess(['check', '--skip', 'bogus'], { cwd: r.dir });
    expect(skipUnknown.code).toBe(2);
    expect(skipUnknown.stderr).toContain('Unknown gate "bogus"');
    const base = await runInProcess(['check', '--only', 'commands', '--base', 'no-such-ref'], { cwd: r.dir });
    expect(base.code).toBe(2);
  });

  it('selfcheck is an alias and --capsule is echoed in the report', async () => {
    const r = repo(passing);
    const result = await runInProcess(['--json', 'selfcheck', '--only', 'commands', '--capsule', 'demo'], { cwd: r.dir });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ capsule: 'demo', gates: [{ gate: 'commands', status: 'ok' }] });
  });

  it('runs every enabled gate on a plain repository and reports each in the stable order', async () => {
    const r = repo({ gates: { disabled: ['sentinels', 'commands', 'mcp'] } });
    const result = await runInProcess(['--json', 'check'], { cwd: r.dir });
    expect([0, 1]).toContain(result.code);
    const report = result.json();
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.gates.map((g: { gate: string }) => g.gate)).toEqual(GATE_NAMES.filter((g) => !['sentinels', 'commands', 'mcp'].includes(g)));
    expect(result.code).toBe(report.ok ? 0 : 1);
  });
});

describe('sentinel check --shard and report merge', () => {
  it('joins the shard reports into the unsharded report, in JSON and report files; refuses a bad slice or set', async () => {
    const capsule = (n: number) =>
      `# Capsule c${n}@1\n\n## Goal\nDo ${n}.\n\n## Required Outputs\n- \`src/f${n}.ts\`\n\n## Acceptance Criteria\n- \`npm test\` passes\n\n## Allowed Context\n- \`src/f${n}.ts\`\n- \`docs/gone${n}.md\`\n\n## Router Notes\n- Lead: builder\n`;
    const files: Record<string, string> = {};
    for (let n = 0; n < 6; n++) {
      files[`.specify/specs/00${n}-c/capsule.md`] = capsule(n);
      files[`src/f${n}.ts`] = `export const f${n} = ${n};\n`.repeat(n === 3 ? 400 : 2);
    }
    const r = repo({ version: 1 }, files);
    const args = ['--json', 'check', '--skip', 'sentinels,commands,mcp'];
    const whole = await runInProcess(args, { cwd: r.dir });
    const shards = [await runInProcess([...args, '--shard', '1/2'], { cwd: r.dir }), await runInProcess([...args, '--shard', '2/2'], { cwd: r.dir })];
    for (const [i, s] of shards.entries()) {
      expect(validateReport(s.json()), JSON.stringify(validateReport.errors)).toBe(true);
      expect(s.json().shard).toMatchObject({ index: i + 1, count: 2 });
      r.write({ [`shard-${i + 1}.json`]: s.stdout });
    }
    const merged = await runInProcess(['--json', 'report', 'merge', 'shard-1.json', 'shard-2.json', '--junit', 'merged.xml'], { cwd: r.dir });
    expect(merged.code).toBe(whole.code);
    expect(validateReport(merged.json())).toBe(true);
    const content = (report: { durationMs: number; sharedMs?: number; gates: { durationMs: number; waitMs?: number; wallMs?: number }[] }) =>
      JSON.stringify({ ...report, durationMs: 0, sharedMs: 0, gates: report.gates.map((g) => ({ ...g, durationMs: 0, waitMs: 0, wallMs: 0 })) });
    expect(content(merged.json())).toBe(content(whole.json()));
    expect(whole.json().status).toBe('fail');
    expect(readFileSync(path.join(r.dir, 'merged.xml'), 'utf8')).toContain('<testcase classname="sentinel.gates" name="context"');
    const text = await runInProcess(['report', 'merge', 'shard-2.json', 'shard-1.json'], { cwd: r.dir });
    expect(text.stdout).toContain('sentinel check failed');

    const bad = await runInProcess(['check', '--shard', '3/2'], { cwd: r.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not i/n');
    const partial = await runInProcess(['report', 'merge', 'shard-1.json'], { cwd: r.dir });
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('Expected shards 1…2 once each');
    // Any other JSON is a usage error naming the file, never an internal error.
    writeFileSync(path.join(r.dir, 'other.json'), '{"name": "not a report"}\n');
    const other = await runInProcess(['report', 'merge', 'shard-1.json', 'other.json'], { cwd: r.dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('other.json is not a `sentinel check --json` document');
  });
});
