import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SentinelError } from '../errors.js';
import { breakStaleLock, isStale, lockBody, lockPathFor } from './scratch.js';

interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** Treat a lock older than this as stale even if its pid looks alive (pid reuse). */
  staleMs?: number;
  /** The workspace root: the lock then lives in its `.sentinel/tmp/locks/`, whether or not that exists yet. */
  root?: string;
}

/**
 * Inter-process lock: `O_EXCL` create of a lock file holding the owner's pid, start time and pid namespace, in the
 * workspace's `.sentinel/tmp/locks/` (`options.root`, or the root of a path inside `.sentinel/`;
 * beside the target otherwise). A lock left by a
 * killed process is recovered instead of blocking forever.
 */
export async function withFileLock<T>(target: string, fn: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const lockFile = lockPathFor(target, options.root);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const staleMs = options.staleMs ?? 60_000;
  let delay = 5;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lockFile, 'wx');
      writeSync(fd, lockBody());
      closeSync(fd);
      break;
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (isStale(lockFile, staleMs) && breakStaleLock(lockFile, staleMs)) continue;
      if (Date.now() > deadline) {
        throw new SentinelError(
          'usage',
          'LOCK_TIMEOUT',
          `Timed out after ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s waiting for the lock ${lockFile}, held by another sentinel process`,
          {
            path: lockFile,
            fix: `Wait for the other sentinel command to finish; if none is running (\`ps\` shows no sentinel), delete ${lockFile}`,
          },
        );
      }
      await sleep(delay + Math.floor(Math.random() * delay));
      delay = Math.min(delay * 2, 100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/** `withFileLock` for a file of the workspace at `root`: its lock lives in `<root>/.sentinel/tmp/locks/`. */
export function withWorkspaceLock<T>(root: string, target: string, fn: () => Promise<T> | T, options: Omit<LockOptions, 'root'> = {}): Promise<T> {
  return withFileLock(target, fn, { ...options, root });
}
