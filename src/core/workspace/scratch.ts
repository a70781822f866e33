import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SENTINEL_DIR } from './layout.js';

/**
 * Sentinel's own temp and lock files live in one folder of the workspace, `.sentinel/tmp/`, which
 * ignores itself in git and is a bookkeeping folder no gate judges: a run killed with -9 leaves
 * nothing in the work under review, and the next run cleans what it left. Files outside any
 * workspace (a report written to /tmp) keep their temp and lock beside them.
 */
export const SCRATCH_DIR = `${SENTINEL_DIR}/tmp`;

/** `.<name>.<pid>.<8 hex>.tmp`: the temp copy of an atomic write (beside its target before `.sentinel/tmp`). */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** What a lock file holds: the owner's pid, start time and, where readable, pid namespace (lock.ts). */
const LOCK_BODY = /^(\d+)\n(\d+)\n(?:(\d+)\n)?$/;
/** A temp file or lock older than this is a leftover even if its pid is alive again (pid reuse). */
const STALE_MS = 60 * 60_000;
/** A lock-breaker file lives for a moment; one older than this was left by a killed waiter. */
const BREAKER_STALE_MS = 5_000;
/**
 * A leftover younger than this is never swept on its pid alone: in another pid namespace (a second
 * container on the same workspace) a live writer's pid can look dead. A write takes milliseconds,
 * so a real leftover is this old soon enough; scratch locks are the exception, broken only through
 * the breaker protocol that waiters use (and judged by pid only within their owner's namespace).
 */
export const LEFTOVER_MIN_AGE_MS = 10 * 60_000;

const workspaceOfDir = new Map<string, string>();

/**
 * The workspace root a path belongs to: the folder above its `.sentinel` segment when it has one
 * (decided by the path alone, so every process agrees even before `.sentinel/` exists), else the
 * nearest ancestor holding `.sentinel/`.
 */
function workspaceOf(file: string): string | undefined {
  const absolute = path.resolve(file);
  const own = sentinelRootOf(absolute);
  if (own !== undefined) return own;
  let dir = path.dirname(absolute);
  const seen: string[] = [];
  for (;;) {
    const known = workspaceOfDir.get(dir);
    if (known !== undefined) return remember(seen, known);
    seen.push(dir);
    try {
      if (statSync(path.join(dir, SENTINEL_DIR)).isDirectory()) return remember(seen, dir);
    } catch {
      /* not here */
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function remember(dirs: string[], root: string): string {
  for (const dir of dirs) workspaceOfDir.set(dir, root);
  return root;
}

const prepared = new Set<string>();

/**
 * Create the scratch folder (self-ignoring in git) on every use, since `git clean -X` may delete it
 * under a long-running MCP server, and, once per process, clean its leftovers.
 */
function prepare(scratch: string): string {
  const created = mkdirSync(path.join(scratch, 'locks'), { recursive: true });
  const ignore = path.join(scratch, '.gitignore');
  if (created !== undefined || !prepared.has(scratch)) {
    try {
      statSync(ignore);
    } catch {
      writeFileSync(ignore, '# Sentinel temp and lock files: never committed, cleaned on the next run.\n*\n');
    }
  }
  if (!prepared.has(scratch)) {
    sweepFolder(scratch);
    prepared.add(scratch);
  }
  return scratch;
}

/** The scratch folder for a write or lock of `file`, or undefined outside any workspace. */
function scratchFor(file: string): { root: string; scratch: string } | undefined {
  const root = workspaceOf(file);
  return root === undefined ? undefined : { root, scratch: prepare(path.join(root, ...SCRATCH_DIR.split('/'))) };
}

/** Where the temp copy of an atomic write of `file` goes; `beside` when there is no workspace. */
export function tempPathFor(file: string, unique: string): { path: string; beside: boolean } {
  const name = `.${path.basename(file)}.${process.pid}.${unique}.tmp`;
  const at = scratchFor(file);
  return at ? { path: path.join(at.scratch, name), beside: false } : { path: path.join(path.dirname(file), name), beside: true };
}

/** The temp path beside the target: for a target on another device than the scratch folder. */
export function tempBeside(file: string, unique: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${unique}.tmp`);
}

/** The folder above a path's last `.sentinel` segment: decided by the path alone. */
function sentinelRootOf(absolute: string): string | undefined {
  const parts = absolute.split(path.sep);
  const at = parts.lastIndexOf(SENTINEL_DIR, parts.length - 2);
  return at > 0 ? parts.slice(0, at).join(path.sep) || path.sep : undefined;
}

/**
 * The lock file of `target`: one name per workspace-relative path in `<root>/.sentinel/tmp/locks/`,
 * decided by the path and the given workspace root alone, never by which folders exist yet, so every
 * process picks the same (one that looked before `.sentinel/` was created and one after would not).
 * Without a root, a path inside `.sentinel/` gives its own; any other target is locked beside itself.
 */
export function lockPathFor(target: string, root?: string): string {
  const absolute = path.resolve(target);
  const given = root === undefined ? undefined : path.resolve(root);
  const inRoot = given !== undefined && !path.relative(given, absolute).startsWith('..') && !path.isAbsolute(path.relative(given, absolute));
  const at = inRoot ? given : sentinelRootOf(absolute);
  if (at === undefined) return `${absolute}.lock`;
  const scratch = prepare(path.join(at, ...SCRATCH_DIR.split('/')));
  const relative = path.relative(at, absolute).split(path.sep).join('/');
  const digest = createHash('sha256').update(relative).digest('hex').slice(0, 16);
  return path.join(scratch, 'locks', `${path.basename(target)}.${digest}.lock`);
}

let ownNamespace: string | null | undefined;

/**
 * This process's pid namespace (the inode of /proc/self/ns/pid), or null where it cannot be read.
 * A pid is only judged alive or dead by a process in the same namespace: in a second container on
 * the same workspace, a live owner's pid looks dead.
 */
export function pidNamespace(): string | null {
  if (ownNamespace === undefined) {
    try {
      ownNamespace = String(statSync('/proc/self/ns/pid').ino);
    } catch {
      ownNamespace = null;
    }
  }
  return ownNamespace;
}

/** A lock's body: pid, start time, and the pid namespace when known. */
export function lockBody(): string {
  const namespace = pidNamespace();
  return `${process.pid}\n${Date.now()}\n${namespace === null ? '' : `${namespace}\n`}`;
}

/**
 * True when a lock's owner can be judged by its pid: it wrote this process's namespace, or none (an
 * earlier version's lock, or a host without /proc, judged by its pid as before).
 */
function sameNamespace(namespace: string | undefined): boolean {
  return namespace === undefined || namespace === pidNamespace();
}

/** True while a process with this pid runs (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(file: string): number | undefined {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** A lock is stale when its owner is gone or it is older than staleMs. */
export function isStale(lockFile: string, staleMs: number): boolean {
  let raw: string;
  try {
    raw = readFileSync(lockFile, 'utf8');
  } catch {
    return false; // vanished: not stale, just retry
  }
  const [pidText, atText, namespaceText] = raw.split('\n');
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
  // An owner in another pid namespace is judged by the lock's age alone.
  if (sameNamespace(namespaceText || undefined) && !processAlive(pid)) return true;
  return Number.isFinite(at) && Date.now() - at > staleMs;
}

/**
 * Remove a stale lock under a short-lived breaker lock, re-checking staleness inside it, so two
 * waiters that both saw the same stale lock cannot delete a fresh lock taken in between.
 */
export function breakStaleLock(lockFile: string, staleMs: number): boolean {
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

/** A temp copy older than the minimum age whose writer is gone (or that is older than any write takes). */
function staleTemp(file: string, name: string): boolean {
  const match = TEMP_NAME.exec(name);
  if (!match) return false;
  const age = ageMs(file);
  return age !== undefined && age > LEFTOVER_MIN_AGE_MS && (!processAlive(Number(match[2])) || age > STALE_MS);
}

/**
 * A leftover too young to delete that is still plainly Sentinel's: a temp copy of its exact name whose
 * writer is gone, a lock holding only its exact body, or an empty breaker. Each holds nothing an agent
 * could pass off as work: a temp name with a live pid, or any other name or body, is judged as usual.
 */
function youngLeftover(file: string, name: string): boolean {
  const temp = TEMP_NAME.exec(name);
  if (temp) return !processAlive(Number(temp[2]));
  try {
    const size = statSync(file).size;
    if (name.endsWith('.lock.break')) return size === 0;
    return name.endsWith('.lock') && size <= 64 && LOCK_BODY.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/** A lock Sentinel wrote (its exact body) whose owner is gone, or an old breaker beside one. */
function staleLock(file: string, name: string): boolean {
  if (name.endsWith('.lock.break')) {
    const age = ageMs(file);
    try {
      return age !== undefined && age > BREAKER_STALE_MS && statSync(file).size === 0;
    } catch {
      return false;
    }
  }
  if (!name.endsWith('.lock')) return false;
  let body: string;
  try {
    if (statSync(file).size > 64) return false;
    body = readFileSync(file, 'utf8');
    // (a file gone between the listing and here is no leftover)
  } catch {
    return false;
  }
  const match = LOCK_BODY.exec(body);
  return match !== null && ((sameNamespace(match[3]) && !processAlive(Number(match[1]))) || Date.now() - Number(match[2]) > STALE_MS);
}

/** The names in a folder, none when it is gone (another process may have cleaned it). */
function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function sweepFolder(dir: string): void {
  for (const name of namesIn(dir)) {
    const file = path.join(dir, name);
    if (name === 'locks') sweepLocks(file);
    else if (staleTemp(file, name)) removeQuietly(file);
  }
}

/**
 * A killed process's locks go under the same breaker protocol waiters use (re-checked inside it),
 * so the sweep never deletes a lock another process took over a moment ago.
 */
function sweepLocks(dir: string): void {
  for (const name of namesIn(dir)) {
    const file = path.join(dir, name);
    if (name.endsWith('.lock') && staleLock(file, name)) breakLeftoverLock(file);
    else if (name.endsWith('.lock.break') && staleLock(file, name)) removeQuietly(file);
  }
}

/** Break a dead process's lock; a second try when the first only cleared a killed waiter's old breaker. */
function breakLeftoverLock(file: string): void {
  if (!breakStaleLock(file, STALE_MS)) breakStaleLock(file, STALE_MS);
}

/** Cleaning is best effort: a file another process removed or holds open is left to the next run. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    /* the next run tries again */
  }
}

/**
 * Before a gate run: clean the scratch folder, and delete the leftovers earlier versions wrote
 * beside their targets among the untracked files (a temp copy or a lock of a dead process, told
 * apart from a user's file by its exact name or body). Returns the untracked files still there.
 */
export function sweepLeftovers(root: string, untracked: readonly string[]): string[] {
  sweepFolder(path.join(root, ...SCRATCH_DIR.split('/')));
  return untracked.filter((rel) => {
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    if (!name.endsWith('.tmp') && !name.endsWith('.lock') && !name.endsWith('.lock.break')) return true;
    const file = path.join(root, ...rel.split('/'));
    const age = ageMs(file);
    if (age === undefined) return false; // swept from the scratch folder just now
    // Beside its target nothing proves a lock stale but its pid: young ones stay on disk (LEFTOVER_MIN_AGE_MS
    // says why), but one of Sentinel's exact shape is not the agent's work, so it is not judged either.
    if (age <= LEFTOVER_MIN_AGE_MS) return !youngLeftover(file, name);
    if (staleTemp(file, name)) removeQuietly(file);
    else if (name.endsWith('.lock') && staleLock(file, name)) breakLeftoverLock(file);
    else if (name.endsWith('.lock.break') && staleLock(file, name)) removeQuietly(file);
    else return true;
    return ageMs(file) !== undefined;
  });
}
