import { accessSync, constants, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether git takes `gitDir` (with its common dir, where objects and refs live) as a repository
 * (setup.c is_git_directory): a HEAD that is a `refs/…` symlink, a symbolic ref to `refs/…` or an
 * object id, and searchable `objects` and `refs` folders. Git skips a `.git` folder that is not one
 * and uses a repository in a parent folder instead: whoever reads a workspace's `.git` files in
 * git's place must first know git reads them too (a `.git` folder holding only an index or refs
 * written by hand is no repository to git).
 */
export function isGitDirectory(gitDir: string, commonDir: string = gitDir): boolean {
  try {
    const head = path.join(gitDir, 'HEAD');
    if (lstatSync(head).isSymbolicLink()) {
      if (!readlinkSync(head).startsWith('refs/')) return false;
    } else {
      const text = readFileSync(head, 'latin1');
      const ref = /^ref:\s*(\S*)/.exec(text);
      if (ref ? !ref[1]!.startsWith('refs/') : !/^(?:[0-9a-f]{40}|[0-9a-f]{64})/.test(text)) return false;
    }
    accessSync(path.join(commonDir, 'objects'), constants.X_OK);
    accessSync(path.join(commonDir, 'refs'), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a git dir's objects and refs live: the folder its `commondir` file names (a linked
 * worktree's, relative to the git dir, trailing line ends trimmed as setup.c get_common_dir does),
 * else the git dir itself.
 */
export function commonDirOf(gitDir: string): string {
  try {
    return path.resolve(gitDir, readFileSync(path.join(gitDir, 'commondir'), 'utf8').replace(/[\r\n]+$/, ''));
  } catch {
    return gitDir;
  }
}
