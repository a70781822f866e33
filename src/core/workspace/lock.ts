import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SentinelError } from '../errors.js';
import { lockPathFor, processAlive } from './scratch.js';

interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** Treat a lock older than this as stale even if its pid looks alive (pid reuse). */
  staleMs?: number;
}

/** A lock is stale when its owner is gone or it is older than staleMs. */
function isStale(lockFile: string, staleMs: number): boolean {
  let raw: string;
  try {
    raw = readFileSync(lockFile, 'utf8');
  } catch {
    return false; // vanished: not stale, just retry
  }
  const [pidText, atText] = raw.split('\n');
  const pid = Number(pidText);
  const at = Number(atText);
  if (!Number.isInteger(pid) || pid <= 0) {
    // Being written right now, or garbage left by a crash: only the latter is old.
    try {
      return Date.now() - statSync(lockFile).mtimeMs > 2_000;
    } catch {
      return false;
    }
  }
  if (!processAlive(pid)) return true;
  return Number.isFinite(at) && Date.now() - at > staleMs;
}

/**
 * Remove a stale lock under a short-lived breaker lock, re-checking staleness inside it, so two
 * waiters that both saw the same stale lock cannot delete a fresh lock taken in between.
 */
function breakStaleLock(lockFile: string, staleMs: number): boolean {
  const breaker = `${lockFile}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, 'wx');
  } catch {
    try {
      if (Date.now() - statSync(breaker).mtimeMs > 5_000) rmSync(breaker, { force: true });
    } catch {
      /* gone already */
    }
    return false;
  }
  try {
    closeSync(fd);
    if (!isStale(lockFile, staleMs)) return false;
    rmSync(lockFile, { force: true });
    return true;
  } finally {
    rmSync(breaker, { force: true });
  }
}

/**
 * Inter-process lock: `O_EXCL` create of a lock file holding the owner's pid and start time, in the
 * workspace's `.sentinel/tmp/locks/` (beside the target outside a workspace). A lock left by a
 * killed process is recovered instead of blocking forever.
 */
export async function withFileLock<T>(target: string, fn: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const lockFile = lockPathFor(target);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const staleMs = options.staleMs ?? 60_000;
  let delay = 5;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lockFile, 'wx');
      writeSync(fd, `${process.pid}\n${Date.now()}\n`);
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
