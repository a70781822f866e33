import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { commandArgv, parseCommand } from '../commands/argv.js';
import { killTree } from '../commands/process.js';

interface RunningService {
  pid: number | undefined;
  /** stdout + stderr so far (the last 64 KiB). */
  output(): string;
  /** Exit code or signal once the process ended. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  spawnError(): string | undefined;
  /** SIGTERM to the whole process group, SIGKILL after a grace period; resolves once it is gone. */
  stop(): Promise<void>;
}

const KEEP = 64 * 1024;
const GRACE_MS = 3_000;

/** A free TCP port on 127.0.0.1 (bound and released; the service binds it next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Start the configured command in its own process group (so stop() reaches every child it starts). */
export function startService(command: string, cwd: string, env: NodeJS.ProcessEnv): RunningService {
  const parsed = parseCommand(command);
  if (!parsed.ok) throw new Error(`cannot parse service.start "${command}": ${parsed.error}`);
  const [program, ...args] = commandArgv(parsed);
  let output = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let failure: string | undefined;
  const child = spawn(program!, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
  const gone = new Promise<void>((resolve) => {
    child.on('error', (err) => {
      failure = err.message;
      resolve();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
  });
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > KEEP * 2) output = output.slice(-KEEP);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    pid: child.pid,
    output: () => output.slice(-KEEP),
    exited: () => exit,
    spawnError: () => failure,
    async stop() {
      if (child.pid === undefined) return;
      // The group may outlive its leader (a child that ignored the leader's exit): signal it regardless.
      killTree(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && killTree(child.pid, 'SIGKILL'), GRACE_MS);
      await gone;
      clearTimeout(timer);
      killTree(child.pid, 'SIGKILL');
    },
  };
}

/** Poll readyUrl until it answers 2xx/3xx, the process exits, or the timeout passes. */
export async function waitReady(
  service: RunningService,
  readyUrl: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ ready: boolean; waitedMs: number; reason?: string }> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (signal?.aborted) return { ready: false, waitedMs: Math.round(performance.now() - started), reason: 'aborted' };
    const ended = service.exited();
    if (ended || service.spawnError())
      return {
        ready: false,
        waitedMs: Math.round(performance.now() - started),
        reason: service.spawnError() ?? `the service exited (${ended?.code ?? ended?.signal}) before it was ready`,
      };
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(1_000), redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status < 400) return { ready: true, waitedMs: Math.round(performance.now() - started) };
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ready: false, waitedMs: Math.round(performance.now() - started), reason: `no answer from ${readyUrl} within ${timeoutMs} ms` };
}
