import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

interface ProcessOptions {
  argv: string[];
  cwd: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Bytes of output kept in memory (the tail); the hash still covers everything. */
  keepBytes?: number;
}

export interface ProcessResult {
  /** Exit code; null when killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** Set when the program could not start (e.g. ENOENT: not installed). */
  spawnError?: { code: string; message: string };
  durationMs: number;
  /** stdout and stderr interleaved as they arrived (the last keepBytes of it). */
  output: string;
  outputBytes: number;
  outputSha256: string;
}

const KILL_GRACE_MS = 2_000;

/**
 * Kill a process and everything it started. On POSIX the child leads its own process group
 * (spawned detached), so signalling the negative pid reaches grandchildren too.
 */
export function killTree(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** Run argv without a shell, with a timeout that kills the whole process tree. Never throws. */
export function runProcess(options: ProcessOptions): Promise<ProcessResult> {
  const keepBytes = options.keepBytes ?? 256 * 1024;
  const started = performance.now();
  const hash = createHash('sha256');
  let chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  const onData = (chunk: Buffer) => {
    hash.update(chunk);
    total += chunk.length;
    chunks.push(chunk);
    kept += chunk.length;
    if (kept > keepBytes * 2) {
      const joined = Buffer.concat(chunks);
      chunks = [joined.subarray(joined.length - keepBytes)];
      kept = keepBytes;
    }
  };
  // An already-aborted signal never fires 'abort': do not start anything (MCP cancellation).
  if (options.signal?.aborted) {
    return Promise.resolve({
      exitCode: null,
      signal: null,
      timedOut: false,
      aborted: true,
      durationMs: 0,
      output: '',
      outputBytes: 0,
      outputSha256: hash.digest('hex'),
    });
  }
  return new Promise((resolve) => {
    let timedOut = false;
    let aborted = false;
    let settled = false;
    let spawnError: ProcessResult['spawnError'];
    const [program, ...args] = options.argv;
    const child = spawn(program!, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const timers: NodeJS.Timeout[] = [];
    const stop = (why: 'timeout' | 'abort') => {
      if (settled || child.pid === undefined) return;
      if (why === 'timeout') timedOut = true;
      else aborted = true;
      killTree(child.pid, 'SIGTERM');
      timers.push(setTimeout(() => child.pid !== undefined && killTree(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref());
    };
    timers.push(setTimeout(() => stop('timeout'), options.timeoutMs));
    const onAbort = () => stop('abort');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      const buffer = Buffer.concat(chunks);
      const tail = buffer.length > keepBytes ? buffer.subarray(buffer.length - keepBytes) : buffer;
      const result: ProcessResult = {
        exitCode,
        signal,
        timedOut,
        aborted,
        durationMs: Math.round(performance.now() - started),
        output: tail.toString('utf8'),
        outputBytes: total,
        outputSha256: hash.digest('hex'),
      };
      if (spawnError) result.spawnError = spawnError;
      resolve(result);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = { code: err.code ?? 'ERROR', message: err.message };
      finish(null, null);
    });
    child.on('close', (code, signal) => finish(code, signal));
    // A background grandchild may hold the pipes open after the command itself exited.
    child.on('exit', (code, signal) => {
      timers.push(
        setTimeout(() => {
          if (!settled && child.pid !== undefined) killTree(child.pid, 'SIGKILL');
          finish(code, signal);
        }, 1_000).unref(),
      );
    });
  });
}

/** The last `count` non-empty-trailing lines of some output, without ANSI colour codes. */
export function outputTail(output: string, count = 40): string {
  const lines = output
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n');
  return lines.slice(-count).join('\n');
}

/** Locate an executable on PATH (no shell involved), or undefined. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

/** PATH with the project's node_modules/.bin folders first, as package-manager scripts have it. */
export function envWithLocalBins(dirs: string[], env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const bins = [...new Set(dirs.map((d) => path.join(d, 'node_modules', '.bin')))];
  return { ...env, [key]: [...bins, env[key] ?? ''].filter(Boolean).join(path.delimiter) };
}
