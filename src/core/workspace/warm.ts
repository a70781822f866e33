import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { BUILTIN_IGNORED_DIRS } from './ignore.js';

/**
 * Workspace facts kept in memory between calls of a long-lived process (the MCP server's tool
 * thread turns this on). Each fact is stored with a cheap stamp of what it was derived from
 * (stats, no content read) and recomputed as soon as the stamp differs. A one-shot CLI run never
 * turns it on: computing a stamp there would only add work.
 */
let enabled = false;
const facts = new Map<string, { stamp: string; value: unknown }>();

export function enableWarmState(on = true): void {
  enabled = on;
  if (!on) facts.clear();
}

export const warmStateEnabled = (): boolean => enabled;

/** The value of `compute` when warm state is off or the stamp changed; else the remembered one. */
export async function warm<T>(key: string, stamp: () => string, compute: () => Promise<T>): Promise<T> {
  if (!enabled) return compute();
  const now = stamp();
  const known = facts.get(key);
  if (known && known.stamp === now) return known.value as T;
  const value = await compute();
  // Stamped before computing: a change while computing makes the next call recompute.
  facts.set(key, { stamp: now, value });
  return value;
}

const statStamp = (file: string): string => {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;
  } catch {
    return '-';
  }
};

/** A folder's entries, none when it cannot be read (gone, or not a folder). */
function entriesIn(absolute: string): Dirent[] {
  try {
    return readdirSync(absolute, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * What git's file listing depends on, by stats alone: every folder's mtime and inode (a file
 * added, removed or renamed changes its folder's), every .gitignore, git's index, info/exclude
 * and HEAD. Folders Sentinel never lists (node_modules, dist, …) and .git are not walked.
 */
export function listingStamp(root: string): string {
  const parts: string[] = [];
  for (const file of ['.git/index', '.git/info/exclude', '.git/HEAD', '.git']) parts.push(`${file}=${statStamp(path.join(root, file))}`);
  const skip = new Set<string>(BUILTIN_IGNORED_DIRS);
  const visit = (relative: string): void => {
    const absolute = path.join(root, relative);
    parts.push(`${relative}/=${statStamp(absolute)}`);
    const entries = entriesIn(absolute);
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) visit(relative ? `${relative}/${entry.name}` : entry.name);
      } else if (entry.name === '.gitignore') parts.push(`${relative}/.gitignore=${statStamp(path.join(absolute, entry.name))}`);
    }
  };
  visit('');
  return parts.join('\n');
}

/**
 * warm() for a synchronous fact whose inputs are known only while it is computed (the roster reads
 * the folders and files it finds): `compute` calls `track` with each absolute path before reading
 * it (a file, or a folder whose entries it lists), and the fact is kept until any of those paths'
 * stats differ. A path that did not exist is tracked too, so creating it is seen. Callers get a copy.
 */
export function warmTracked<T>(key: string, compute: (track: (absolute: string) => void) => T): T {
  if (!enabled) return compute(() => {});
  const known = facts.get(key) as { stamp: string; value: { paths: string[]; value: T } } | undefined;
  if (known && filesStamp(known.value.paths) === known.stamp) return structuredClone(known.value.value);
  const stamps = new Map<string, string>();
  // Stamped when first read: a change after that makes the next call recompute.
  const value = compute((absolute) => {
    if (!stamps.has(absolute)) stamps.set(absolute, statStamp(absolute));
  });
  const paths = [...stamps.keys()];
  facts.set(key, { stamp: paths.map((f) => `${f}=${stamps.get(f)}`).join('\n'), value: { paths, value } });
  return structuredClone(value);
}

let uncacheable = 0;

/**
 * What a glob walk under these folders can find, by stats alone: every folder's stat below them
 * (node_modules skipped, as the capsule globs skip it). A symbolic link on the way makes the stamp
 * differ every time (a walk follows it, and its target's folders are not stamped here).
 */
export function foldersStamp(root: string, folders: readonly string[]): string {
  const parts: string[] = [];
  const visit = (relative: string): void => {
    const absolute = path.join(root, relative);
    parts.push(`${relative}/=${statStamp(absolute)}`);
    const entries = entriesIn(absolute);
    for (const entry of entries) {
      if (entry.isSymbolicLink()) parts.push(`link ${++uncacheable}`);
      else if (entry.isDirectory() && entry.name !== 'node_modules') visit(relative ? `${relative}/${entry.name}` : entry.name);
    }
  };
  for (const folder of new Set(folders)) visit(folder);
  return parts.join('\n');
}

/** A stamp of single files (content facts: a parsed capsule, a manifest). */
export const filesStamp = (files: readonly string[]): string => files.map((f) => `${f}=${statStamp(f)}`).join('\n');
