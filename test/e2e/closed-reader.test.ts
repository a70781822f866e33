// A reader that closed stdout or stderr (`sentinel … | head`, a hook client that stopped reading)
// takes the output, never the verdict: the writes to that descriptor are dropped, the command
// finishes its work and exits with its own code, on the hot CommonJS path and the ES/commander
// path alike. Each run closes the read end before the child has started, so its first write to
// that descriptor meets a pipe with no reader, whatever the load.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRoutedRepo, SENTINEL_BIN, type TempRepo } from '../helpers/cli.js';

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRoutedRepo();
});
afterAll(() => repo?.cleanup());

type Closed = 'stdout' | 'stderr';

/** Start the binary with the read end of `closed` already gone; the other stream is collected. */
function startClosed(closed: Closed, args: string[], input = '') {
  const child = spawn(process.execPath, [SENTINEL_BIN, ...args], {
    cwd: repo.dir,
    env: { ...process.env, SENTINEL_CAPSULE: '', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child[closed].destroy();
  let other = '';
  child[closed === 'stdout' ? 'stderr' : 'stdout'].on('data', (chunk: Buffer) => (other += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; other: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, other }));
  });
  child.stdin.end(input);
  return { child, exited };
}

const runClosed = (closed: Closed, args: string[], input = '') => startClosed(closed, args, input).exited;

const edit = (file: string) =>
  JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(repo.dir, file) }, cwd: repo.dir });

// A flag given twice sends the same command through commander instead of the hot parser (src/cli/hot.ts).
const PATHS = [
  ['the hot path', []],
  ['the commander path', ['--no-color', '--no-color']],
] as const;

describe('a closed stderr reader keeps the exit code', () => {
  // For Claude Code exit 1 is a non-blocking error: a block that crashed into 1 let the agent through.
  it.each(PATHS)('hook pre-edit blocks an edit out of scope on %s (2, not a crash with 1)', async (_path, extra) => {
    const run = await runClosed('stderr', ['hook', 'pre-edit', ...extra], edit('src/other.ts'));
    expect(run).toEqual({ code: 2, signal: null, other: '' });
  });

  it.each(PATHS)('an invalid config still exits 2 on %s', async (_path, extra) => {
    const config = path.join(repo.dir, '.sentinel', 'config.json');
    const original = readFileSync(config, 'utf8');
    repo.write({ [path.join('.sentinel', 'config.json')]: original.replace('{', '{\n  "gatez": {},') });
    try {
      const run = await runClosed('stderr', ['status', ...extra]);
      expect(run).toEqual({ code: 2, signal: null, other: '' });
    } finally {
      repo.write({ [path.join('.sentinel', 'config.json')]: original });
    }
  });
});

/** A port free a moment ago, for a server whose URL would only be printed on the closed stdout. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether anything answers HTTP on the port (any status). */
const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET' }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });

describe('a closed stdout reader', () => {
  it('a command still working after its output was refused goes on and exits with its own code (ui keeps serving)', async () => {
    const port = await freePort();
    const { child, exited } = startClosed('stdout', ['ui', '--port', String(port), '--json']);
    let ended: Awaited<typeof exited> | undefined;
    void exited.then((run) => (ended = run));
    // Polled, never timed: the server answers once it listens, and it printed its URL before that.
    while (!(await answers(port))) {
      expect(ended, 'sentinel ui ended before it was stopped').toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(ended, 'sentinel ui ended before it was stopped').toBeUndefined();
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null, other: '' });
  });

  it.each(PATHS)('hook pre-edit still blocks a Cursor edit out of scope on %s', async (_path, extra) => {
    const input = JSON.stringify({ cursor_version: '1', workspace_roots: [repo.dir], tool_input: { file_path: 'src/other.ts' } });
    const run = await runClosed('stdout', ['hook', 'pre-edit', ...extra], input);
    expect(run.code, run.other).toBe(2);
  });
});
