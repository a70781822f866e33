import { existsSync } from 'node:fs';
import path from 'node:path';
import { EMPTY_TREE, git, type ChangedFile } from './git.js';

/** Blob ids of `files` at a ref (paths relative to root), from one `git ls-tree`. */
async function blobsAt(root: string, ref: string, files: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ref === EMPTY_TREE || files.length === 0) return out;
  const result = await git(root, ['ls-tree', '-z', ref, '--', ...files]);
  for (const line of result.stdout.split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(line);
    if (match) out.set(match[2]!, match[1]!);
  }
  return out;
}

/** Blob ids the working-tree content of `files` would get (existing files only). */
async function blobsOnDisk(root: string, files: readonly string[]): Promise<Map<string, string>> {
  const present = files.filter((f) => existsSync(path.join(root, f)));
  const out = new Map<string, string>();
  if (present.length === 0) return out;
  const result = await git(root, ['hash-object', '--no-filters', '--stdin-paths'], `${present.join('\n')}\n`);
  const ids = result.stdout.split('\n');
  present.forEach((f, i) => ids[i] && out.set(f, ids[i]!));
  return out;
}

/**
 * Changes git's own diff cannot see: files flagged `update-index --assume-unchanged` or
 * `--skip-worktree` are compared by content, working tree against base.
 */
export async function hiddenChanges(root: string, base: string, hidden: readonly string[]): Promise<ChangedFile[]> {
  const [atBase, onDisk] = await Promise.all([blobsAt(root, base, hidden), blobsOnDisk(root, hidden)]);
  const out: ChangedFile[] = [];
  for (const file of hidden) {
    const before = atBase.get(file);
    const now = onDisk.get(file);
    if (before === now) continue;
    out.push({ path: file, status: before === undefined ? 'added' : now === undefined ? 'deleted' : 'modified' });
  }
  return out;
}
