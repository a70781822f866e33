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

export type InsideCheck =
  | { ok: true; relative: string; absolute: string }
  | { ok: false; reason: 'absolute' | 'parent' | 'symlink'; message: string };

/**
 * Resolve a user- or agent-supplied path inside `root`. Rejects absolute paths, `..` escapes
 * and (when the path exists) symlinks whose target lies outside the root.
 */
export function checkInside(root: string, candidate: string): InsideCheck {
  if (isAbsoluteAnywhere(candidate)) {
    return { ok: false, reason: 'absolute', message: `"${candidate}" is an absolute path; use a path relative to the workspace root` };
  }
  const relative = normalizeRelative(candidate);
  if (relative === '..' || relative.startsWith('../')) {
    return { ok: false, reason: 'parent', message: `"${candidate}" escapes the workspace root` };
  }
  const absolute = path.join(root, ...relative.split('/'));
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    /* root may not exist yet (init); fall through with the given path */
  }
  try {
    const real = realpathSync(absolute);
    const rel = path.relative(realRoot, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      return { ok: false, reason: 'symlink', message: `"${candidate}" is a symlink that points outside the workspace (${real})` };
    }
  } catch {
    // Missing paths cannot be symlinks out; the lexical checks above are enough.
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
