import { realpathSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../core/errors.js';
import { checkInside } from '../core/workspace/paths.js';

/**
 * checkInside, plus the case it cannot see: a path that does not exist yet under a folder that
 * is a symlink pointing out of the workspace (a write there would land outside).
 */
export function guardPath(root: string, candidate: string): string {
  const fail = (message: string) => {
    throw usageError('PATH_OUTSIDE_ROOT', message, { path: candidate, fix: 'Pass a path inside the workspace, relative to its root' });
  };
  if (candidate.includes('\0')) fail(`"${candidate}" contains a NUL byte`);
  const inside = checkInside(root, candidate);
  if (!inside.ok) return fail(inside.message);
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return inside.relative;
  }
  let probe = inside.absolute;
  while (probe !== root && probe.startsWith(root)) {
    try {
      const real = realpathSync(probe);
      const rel = path.relative(realRoot, real);
      if (rel.startsWith('..') || path.isAbsolute(rel)) fail(`"${candidate}" lies under a symlink that points outside the workspace (${real})`);
      break;
    } catch (err) {
      if ((err as { code?: string }).code === 'PATH_OUTSIDE_ROOT') throw err;
      probe = path.dirname(probe);
    }
  }
  return inside.relative;
}

/** A capsule reference that looks like a path (has a slash) must stay inside the workspace. */
export function guardCapsuleRef(root: string, ref: string): string {
  if (/[\\/]/.test(ref) || ref.startsWith('.')) guardPath(root, ref);
  return ref;
}
