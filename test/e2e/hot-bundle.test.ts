import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRoutedRepo, runSentinel, SENTINEL_BIN, type TempRepo } from '../helpers/cli.js';

// The hot commands run from their CommonJS files with V8's code cache (src/cli/hot-bundle.ts);
// any other command line goes through commander and the ES module chunks. A flag given twice is
// the same command to commander but not to the hot parser (src/cli/hot.ts), so each pair below is
// one command judged by both builds of the same code: exit code and output must be identical.
let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRoutedRepo();
});
afterAll(() => repo?.cleanup());

/** `status` shows each capsule's age, which the clock moves between the two runs: left out. */
const withoutAge = (text: string) => text.replace(/"age": "[^"]*"/g, '"age": "…"').replace(/ +\d+[smhd]$/gm, ' …');

async function bothPaths(args: string[], input = '') {
  const env = { SENTINEL_CAPSULE: '', NO_COLOR: '1' };
  const run = async (extra: string[]) => {
    const result = await runSentinel([...args, ...extra], { cwd: repo.dir, input, env });
    return { code: result.code, stdout: withoutAge(result.stdout), stderr: result.stderr };
  };
  return { hot: await run(['--no-color']), commander: await run(['--no-color', '--no-color']) };
}

const edit = (file: string) =>
  JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(repo.dir, file) }, cwd: repo.dir });

describe('hot commands from their CommonJS files judge as the ES modules do', () => {
  it.each([
    ['in scope', 'server/src/routes/health.ts', 0],
    ['out of scope', 'src/other.ts', 2],
    ["the referee's config", '.sentinel/config.json', 2],
  ])('hook pre-edit, %s', async (_what, file, code) => {
    const { hot, commander } = await bothPaths(['hook', 'pre-edit'], edit(file));
    expect(hot.code, hot.stderr).toBe(code);
    expect(hot).toEqual(commander);
  });

  it.each([[['status']], [['status', '--json']], [['capsule', 'validate', '.specify/specs/example/capsule.md']], [['capsule', 'validate', '--json']]])(
    '%j',
    async (args) => {
      const { hot, commander } = await bothPaths(args);
      expect(hot.code, hot.stderr).toBeLessThanOrEqual(1);
      expect(hot).toEqual(commander);
    },
  );

  it('an invalid config: the same error from both (the generated validator runs in both)', async () => {
    const config = path.join('.sentinel', 'config.json');
    const original = readFileSync(path.join(repo.dir, config), 'utf8');
    repo.write({ [config]: original.replace('{', '{\n  "gatez": {},') });
    try {
      for (const args of [['status'], ['capsule', 'validate']]) {
        const { hot, commander } = await bothPaths(args);
        expect(hot.code).toBe(2);
        expect(hot.stderr).toContain('gatez');
        expect(hot).toEqual(commander);
      }
      const { hot, commander } = await bothPaths(['hook', 'pre-edit'], edit('server/src/routes/health.ts'));
      expect(hot.code).toBe(2);
      expect(hot).toEqual(commander);
    } finally {
      repo.write({ [config]: original });
    }
  });

  /** A run whose stdout reader is gone before the command writes: its one write meets a pipe with no reader. */
  const closedEarly = (args: string[], input = '') =>
    new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [SENTINEL_BIN, ...args], {
        cwd: repo.dir,
        env: { ...process.env, SENTINEL_CAPSULE: '', NO_COLOR: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
      child.stdin.end(input);
    });

  it('a reader that closed stdout before the output: both stop quietly (the hot files write without a stream)', async () => {
    const hot = await closedEarly(['status', '--json']);
    expect(hot).toEqual({ code: 0, stderr: '' });
    expect(await closedEarly(['status', '--json', '--json'])).toEqual(hot);
  });

  // `sentinel capsule validate | head -1` under pipefail, or a Cursor client that stopped reading:
  // the closed reader takes the output, never the verdict (an exit of 0 would read as valid, allowed).
  it.each([
    ['capsule validate, an invalid capsule', ['capsule', 'validate', 'README.md'], '', 1],
    ['capsule validate --json, an invalid capsule', ['capsule', 'validate', '--json', 'README.md'], '', 1],
    ['hook pre-edit, a Cursor edit out of scope', ['hook', 'pre-edit'], 'cursor', 2],
  ])('a reader that closed stdout: %s keeps its exit code on both paths', async (_what, args, input, code) => {
    const stdin = input === 'cursor' ? JSON.stringify({ cursor_version: '1', workspace_roots: [repo.dir], tool_input: { file_path: 'src/other.ts' } }) : input;
    const hot = await closedEarly(args, stdin);
    expect(hot.code, hot.stderr).toBe(code);
    expect(await closedEarly([...args, '--no-color', '--no-color'], stdin)).toEqual(hot);
  });
});
