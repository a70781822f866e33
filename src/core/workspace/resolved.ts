import { realpathSync } from 'node:fs';
import path from 'node:path';
import { toPosix } from './paths.js';

/**
 * Where a workspace-relative path really points, as a workspace-relative path, when a symlink
 * (the file or a folder on its way) makes that differ from the path itself. `src/envalias.txt ->
 * ../.env` gives `.env`, so rules about `.env` apply to the alias too. Undefined when the path is
 * missing, not a symlink, or resolves outside the root (checkInside refuses those already).
 */
export function resolvedTarget(root: string, relative: string): string | undefined {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(path.join(root, ...relative.split('/')));
    realRoot = realpathSync(root);
  } catch {
    return undefined;
  }
  const rel = toPosix(path.relative(realRoot, real));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || rel === relative) return undefined;
  return rel;
}
