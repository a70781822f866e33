import path from 'node:path';
import { exists } from './fs.js';
import { SENTINEL_DIR } from './layout.js';

/** Nearest ancestor of `start` holding `.sentinel/` or `.git/`; `start` itself if none does. */
export function findRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (exists(path.join(dir, SENTINEL_DIR)) || exists(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/** True when `root` is a place Sentinel can referee: it holds `.sentinel/` or is a git work tree. */
export function isWorkspace(root: string): boolean {
  return exists(path.join(root, '.sentinel')) || exists(path.join(root, '.git'));
}
