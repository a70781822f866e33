import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

/**
 * The in-process runner stands in for a spawn of the built binary in e2e files: it must give the
 * same exit code, stdout and stderr, read the caller's stdin, and leave the test process as it was.
 */
let repo: TempRepo;
beforeAll(() => {
  repo = makeTempRepo({ 'README.md': '# x\n', '.sentinel/config.json': '{}\n' });
});
afterAll(() => repo.cleanup());

const both = async (args: string[], input?: string) => {
  const options = { cwd: repo.dir, ...(input === undefined ? {} : { input }) };
  const [spawned, inProcess] = [await runSentinel(args, options), await runInProcess(args, options)];
  return { spawned, inProcess };
};

describe('runInProcess answers as the spawned binary does', () => {
  it.each([
    ['a JSON report, exit 0', ['--json', 'capsule', 'validate']],
    ['a usage error on stderr, exit 2', ['capsule', 'validate', 'nope/capsule.md']],
    ['an unknown command, exit 2', ['no-such-command']],
    ['the version the bundler baked in, exit 0', ['--version']],
  ])('%s', async (_name, args) => {
    const { spawned, inProcess } = await both(args);
    expect({ code: inProcess.code, stdout: inProcess.stdout, stderr: inProcess.stderr }).toEqual({
      code: spawned.code,
      stdout: spawned.stdout,
      stderr: spawned.stderr,
    });
  });

  it('reads the given stdin (a hook that cannot parse it exits 1 with the reason on stderr)', async () => {
    const { spawned, inProcess } = await both(['hook', 'pre-edit'], '{not json');
    expect(spawned.code).toBe(1);
    expect([inProcess.code, inProcess.stderr, inProcess.stdout]).toEqual([spawned.code, spawned.stderr, spawned.stdout]);
  });

  it('puts back the working directory, environment, argv, stdin and exit code', async () => {
    const before = { cwd: process.cwd(), env: { ...process.env }, argv: [...process.argv], stdin: process.stdin, exitCode: process.exitCode };
    const result = await runInProcess(['capsule', 'validate', 'nope/capsule.md'], { cwd: repo.dir, env: { SENTINEL_ACTOR: 'someone' } });
    expect(result.code).toBe(2);
    expect({ cwd: process.cwd(), env: { ...process.env }, argv: [...process.argv], stdin: process.stdin, exitCode: process.exitCode }).toEqual(before);
  });

  it('runs calls made at once one after another, each with its own output', async () => {
    const [a, b] = await Promise.all([
      runInProcess(['--json', 'capsule', 'validate'], { cwd: repo.dir }),
      runInProcess(['capsule', 'validate', 'nope/capsule.md'], { cwd: repo.dir }),
    ]);
    expect([a.code, b.code]).toEqual([0, 2]);
    expect(a.json()).toMatchObject({ ok: true });
    expect(b.stdout).toBe('');
  });
});
