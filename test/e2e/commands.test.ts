import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const node = JSON.stringify(process.execPath).slice(1, -1);
const repos: TempRepo[] = [];
function repo(commands: Record<string, unknown> | undefined, files: Record<string, string> = {}): TempRepo {
  const r = makeTempRepo({ '.sentinel/config.json': JSON.stringify(commands ? { gates: { commands } } : {}), ...files });
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

describe('sentinel commands run', () => {
  it('runs every command in config order and passes when all exit 0', async () => {
    const r = repo({ lint: `${node} -e "console.log('lint ok')"`, build: { run: `${node} -e "console.log(process.cwd())"`, cwd: 'pkg' } }, { 'pkg/.keep': '' });
    const result = await runSentinel(['--json', 'commands', 'run'], { cwd: r.dir });
    expect(result.code).toBe(0);
    const out = result.json();
    expect(out).toMatchObject({ ok: true, status: 'ok', gate: 'commands' });
    expect(out.data.commands.map((c: { name: string; exitCode: number; mode: string }) => [c.name, c.exitCode, c.mode])).toEqual([
      ['lint', 0, 'argv'],
      ['build', 0, 'argv'],
    ]);
    expect(out.data.commands[0]).toMatchObject({ outputTail: 'lint ok', outputSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(out.data.commands[1].outputTail.endsWith('pkg')).toBe(true);
  });

  it('fails with exit code and output tail of a failing command', async () => {
    const r = repo({ typecheck: `${node} -e "console.error('src/a.ts(3,1): error TS2322'); process.exit(2)"` });
    const result = await runInProcess(['--json', 'commands', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    const out = result.json();
    expect(out.data.commands[0]).toMatchObject({ name: 'typecheck', exitCode: 2, status: 'failed', outputTail: 'src/a.ts(3,1): error TS2322' });
    expect(out.diagnostics[0]).toMatchObject({ code: 'COMMAND_FAILED', path: '.sentinel/config.json', message: expect.stringContaining('exited with 2') });
    const text = await runInProcess(['commands', 'run'], { cwd: r.dir });
    expect(text.stdout).toContain('error TS2322');
  });

  it('kills a command that runs past its timeout', async () => {
    // The shell's own echo prints at once; a node child would spend part of a short timeout starting
    // (0.5 s on a loaded 2-core machine) and could be killed before printing anything.
    const r = repo({ hang: { run: 'echo started; exec sleep 60', timeoutMs: 2000 } });
    const result = await runInProcess(['--json', 'commands', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    const out = result.json();
    expect(out.data.commands[0]).toMatchObject({ status: 'timeout', exitCode: null, outputTail: 'started' });
    expect(out.diagnostics[0].code).toBe('COMMAND_TIMEOUT');
  });

  it('is pending with a fix when no commands are configured', async () => {
    const r = repo(undefined, { 'README.md': 'x\n' });
    const result = await runInProcess(['--json', 'commands', 'run'], { cwd: r.dir });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({
      status: 'pending',
      diagnostics: [{ code: 'COMMANDS_NONE', fix: 'add gates.commands to .sentinel/config.json (sentinel init proposes them)' }],
    });
  });

  it('runs only the named commands; an unknown name is a usage error (exit 2)', async () => {
    const r = repo({ a: `${node} -e "1"`, b: `${node} -e "process.exit(1)"` });
    const only = await runInProcess(['--json', 'commands', 'run', 'a'], { cwd: r.dir });
    expect(only.code).toBe(0);
    expect(only.json().data.commands.map((c: { name: string }) => c.name)).toEqual(['a']);
    const unknown = await runInProcess(['--json', 'commands', 'run', 'a', 'nope'], { cwd: r.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.json().error).toMatchObject({ code: 'COMMAND_UNKNOWN', fix: 'Use one of: a, b' });
  });

  it('never lets a shell see quoted text; shell operators run only the config string via sh -c', async () => {
    const r = repo({
      quoted: `${node} -e "console.log(process.argv[1])" '$(touch pwned); rm -rf x'`,
      piped: `${node} -e "console.log('a-b')" | tr - +`,
    });
    const result = await runInProcess(['--json', 'commands', 'run'], { cwd: r.dir });
    const [quoted, piped] = result.json().data.commands;
    expect(quoted).toMatchObject({ mode: 'argv', outputTail: '$(touch pwned); rm -rf x' });
    expect(r.git('status', '--porcelain')).not.toContain('pwned');
    expect(piped).toMatchObject({ mode: 'shell', exitCode: 0, outputTail: 'a+b' });
  });

  it('refuses a config whose command cwd leaves the workspace, and reports an unparseable command', async () => {
    // A cwd with `..` is refused when the config is read (the workspace guard), before any command runs.
    const outside = repo({ out: { run: 'ls', cwd: '../..' } });
    const refused = await runInProcess(['--json', 'commands', 'run'], { cwd: outside.dir });
    expect(refused.code).toBe(2);
    expect(refused.json().error).toMatchObject({ code: 'CONFIG_PATH_OUTSIDE_ROOT' });
    const r = repo({ quote: 'echo "open' });
    const result = await runInProcess(['--json', 'commands', 'run'], { cwd: r.dir });
    expect(result.code).toBe(1);
    expect(result.json().diagnostics.map((d: { code: string }) => d.code)).toEqual(['COMMAND_INVALID']);
  });
});
