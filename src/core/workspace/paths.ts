import { realpathSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../errors.js';

/** Workspace paths are stored and compared as POSIX, whatever the host OS. */
export function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/** True for `/x`, `\\x`, `C:\x`, `C:/x` and UNC paths: absolute on any OS. */
export function isAbsoluteAnywhere(p: string): boolean {
  return /^([a-zA-Z]:[\\/]|[\\/])/.test(p) || /^[a-zA-Z]:$/.test(p);
}

/** Normalise a workspace-relative path: POSIX separators, no `./`, no trailing slash. */
export function normalizeRelative(p: string): string {
  const posix = path.posix.normalize(toPosix(p.trim()));
  return posix.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

export type InsideCheck = { ok: true; relative: string; absolute: string } | { ok: false; reason: 'absolute' | 'parent' | 'symlink' | 'nul'; message: string };

/** realpath, or undefined when the path does not resolve (missing, loop, no permission). */
const realpathWith =
  (resolve: (p: string) => string) =>
  (p: string): string | undefined => {
    try {
      return resolve(p);
    } catch {
      return undefined;
    }
  };
const realpathOrUndefined = realpathWith(realpathSync);
/** One realpath(3) call instead of an lstat per path component: for checking thousands of files. */
const nativeRealpathOrUndefined = realpathWith(realpathSync.native);

/**
 * The workspace's only path guard: resolve a user-, agent- or config-supplied path inside `root`
 * for a read or a write. Rejects NUL bytes, absolute paths and `..` escapes, then resolves the
 * real path of the target or, when it does not exist yet, of its nearest existing ancestor, so a
 * symlink (a file or a folder above a file about to be written) cannot lead out of the root.
 */
export function checkInside(root: string, candidate: string): InsideCheck {
  return checkInsideWith(realpathOrUndefined, root, realpathOrUndefined(root), candidate);
}

/**
 * checkInside for many paths of one root (a whole-workspace scan): the root is resolved once and
 * each path with one native realpath call. Same checks, same answers.
 */
export function insideChecker(root: string): (candidate: string) => InsideCheck {
  const realRoot = nativeRealpathOrUndefined(root);
  return (candidate) => checkInsideWith(nativeRealpathOrUndefined, root, realRoot, candidate);
}

function checkInsideWith(realpath: (p: string) => string | undefined, root: string, realRoot: string | undefined, candidate: string): InsideCheck {
  if (candidate.includes('\0')) {
    return { ok: false, reason: 'nul', message: `"${candidate.replace(/\0/g, '\\0')}" contains a NUL byte` };
  }
  if (isAbsoluteAnywhere(candidate)) {
    return { ok: false, reason: 'absolute', message: `"${candidate}" is an absolute path; use a path relative to the workspace root` };
  }
  const relative = normalizeRelative(candidate);
  if (relative === '..' || relative.startsWith('../')) {
    return { ok: false, reason: 'parent', message: `"${candidate}" escapes the workspace root` };
  }
  const absolute = path.join(root, ...relative.split('/'));
  // The root may not exist yet (init): then nothing below it can be a symlink.
  if (realRoot === undefined) return { ok: true, relative, absolute };
  let probe = absolute;
  let real = realpath(probe);
  while (real === undefined && probe !== root && probe.length > root.length) {
    probe = path.dirname(probe);
    real = realpath(probe);
  }
  if (real !== undefined) {
    const rel = path.relative(realRoot, real);
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      const how = probe === absolute ? 'is a symlink that points' : 'lies under a symlink that points';
      return { ok: false, reason: 'symlink', message: `"${candidate}" ${how} outside the workspace (${real})` };
    }
  }
  return { ok: true, relative, absolute };
}

/** Like checkInside but throws a usage error; for CLI and MCP arguments. */
export function resolveInside(root: string, candidate: string): string {
  const result = checkInside(root, candidate);
  if (!result.ok) {
    throw usageError('PATH_OUTSIDE_ROOT', result.message, {
      path: candidate,
      fix: 'Pass a path inside the workspace, relative to its root',
    });
  }
  return result.absolute;
}

export function relativeToRoot(root: string, absolute: string): string {
  return toPosix(path.relative(root, absolute));
}

/** A capsule reference that looks like a path (has a slash, or starts with a dot) must stay inside the workspace. */
export function guardCapsuleRef(root: string, ref: string): string {
  if (/[\\/]/.test(ref) || ref.startsWith('.')) resolveInside(root, ref);
  return ref;
}
