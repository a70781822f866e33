import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { REPO_ROOT, SENTINEL_BIN, runResult, type RunOptions, type RunResult } from './cli.js';

/**
 * `sentinel <args>` run inside the test process, for assertions where a spawn proves nothing
 * (what a command prints and writes, its exit code): the same RunResult as runSentinel, a few
 * milliseconds instead of a node start. Per call it sets what a spawn would give the child and
 * puts everything back afterwards: the working directory, the environment (NO_COLOR, no
 * $SENTINEL_CAPSULE, the caller's overrides), argv[1] (the binary the mcp gate starts), stdin
 * (the caller's input, else empty), stdout and stderr, the exit code and process.exit. Each call
 * imports Sentinel's modules afresh (vi.resetModules), so module state a process keeps for its
 * lifetime (the once-per-process scratch sweep, warm caches) starts empty as in a new process,
 * and with the version the bundler bakes in.
 * Calls are queued: two at once would share one stdout. Input read from fd 0 itself
 * (readFileSync(0), as `route --accept -` does) is not the stream given here: spawn those runs. Process-level behaviour (exit codes as a shell
 * sees them, stdout/stderr of a real process, hooks read by an agent, MCP stdio) keeps a spawn.
 */
let queue: Promise<unknown> = Promise.resolve();

/** The version the bundler bakes into dist (tsdown `define`): versioned data (the cache) must match a spawned run's. */
const BAKED_VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const versionGlobal = globalThis as { __SENTINEL_VERSION__?: string };

export function runInProcess(args: string[], options: RunOptions): Promise<RunResult> {
  const run = queue.then(() => runOnce(args, options));
  queue = run.catch(() => undefined);
  return run;
}

/** Thrown by the stubbed process.exit, so a command that exits ends its run and nothing else. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

type Write = typeof process.stdout.write;

function capture(stream: NodeJS.WriteStream, into: string[]): () => void {
  const write = stream.write;
  const tty = Object.getOwnPropertyDescriptor(stream, 'isTTY');
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (done) queueMicrotask(done);
    return true;
  }) as Write;
  // A spawned child writes to a pipe, never a terminal.
  Object.defineProperty(stream, 'isTTY', { value: false, configurable: true, writable: true });
  return () => {
    stream.write = write;
    if (tty) Object.defineProperty(stream, 'isTTY', tty);
    else delete (stream as { isTTY?: boolean }).isTTY;
  };
}

function withEnv(overrides: NodeJS.ProcessEnv): () => void {
  const saved = { ...process.env };
  const apply = { NO_COLOR: '1', FORCE_COLOR: undefined, SENTINEL_CAPSULE: undefined, ...overrides };
  for (const [key, value] of Object.entries(apply)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

async function runOnce(args: string[], options: RunOptions): Promise<RunResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const cwd = process.cwd();
  const argv1 = process.argv[1];
  const exit = process.exit;
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  const input = Readable.from([Buffer.from(options.input ?? '')]);
  const restoreEnv = withEnv(options.env ?? {});
  const restoreOut = capture(process.stdout, stdout);
  const restoreErr = capture(process.stderr, stderr);
  let code: number;
  try {
    process.chdir(options.cwd);
    process.argv[1] = SENTINEL_BIN;
    Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => input });
    process.exit = ((c?: number) => {
      throw new Exit(c ?? Number(process.exitCode ?? 0));
    }) as typeof process.exit;
    process.exitCode = undefined;
    versionGlobal.__SENTINEL_VERSION__ = BAKED_VERSION;
    vi.resetModules();
    const { runCli } = await import('../../src/cli/program.js');
    await runCli(args);
    code = Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof Exit) code = err.code;
    else {
      // What node does with an uncaught error: the stack on stderr, exit 1.
      stderr.push(`${err instanceof Error ? err.stack : String(err)}\n`);
      code = 1;
    }
  } finally {
    delete versionGlobal.__SENTINEL_VERSION__;
    process.exitCode = undefined;
    process.exit = exit;
    Object.defineProperty(process, 'stdin', stdin);
    if (argv1 === undefined) process.argv.splice(1, 1);
    else process.argv[1] = argv1;
    process.chdir(cwd);
    restoreErr();
    restoreOut();
    restoreEnv();
  }
  return runResult(code, stdout.join(''), stderr.join(''));
}
