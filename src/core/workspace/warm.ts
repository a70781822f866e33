import { readdirSync, statSync } from 'node:fs';
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
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) visit(relative ? `${relative}/${entry.name}` : entry.name);
      } else if (entry.name === '.gitignore') parts.push(`${relative}/.gitignore=${statStamp(path.join(absolute, entry.name))}`);
    }
  };
  visit('');
  return parts.join('\n');
}

/** A stamp of single files (content facts: a parsed capsule, a manifest). */
export const filesStamp = (files: readonly string[]): string => files.map((f) => `${f}=${statStamp(f)}`).join('\n');
