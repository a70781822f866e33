import { AsyncLocalStorage } from 'node:async_hooks';
import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { BUILTIN_IGNORED_DIRS } from './ignore.js';
import { RACY_MS, settledStat } from './racy.js';

/**
 * Workspace facts kept in memory between calls of a long-lived process (the MCP server's tool
 * thread turns this on). Each fact is stored with a cheap stamp of what it was derived from
 * (stats, no content read) and recomputed as soon as the stamp differs. A one-shot CLI run never
 * turns it on: computing a stamp there would only add work.
 */
let enabled = false;
const facts = new Map<string, { stamp: string; value: unknown }>();
/** A file or folder changed within this window is not trusted to be unchanged later (racy.ts). */
let racyMs = RACY_MS;

/** `racyMs`: tests that need a stamp trusted right after writing a file set it to 0. */
export function enableWarmState(on = true, options: { racyMs?: number } = {}): void {
  enabled = on;
  racyMs = options.racyMs ?? RACY_MS;
  if (!on) {
    facts.clear();
    folders.clear();
    gone.clear();
  }
}

export const warmStateEnabled = (): boolean => enabled;

/**
 * A deep copy of a kept fact for a caller (who may change it): plain objects, arrays, Dates, Maps,
 * Sets and RegExps copied by hand, anything else by structuredClone. Node 20's structuredClone goes
 * through a MessagePort: copying the roster that way took ~6× longer, on every warm call.
 */
export function copyData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
    for (const key of Object.keys(value)) {
      const item = copyData((value as Record<string, unknown>)[key]);
      // An own "__proto__" key (JSON.parse makes one from a hand-edited file) stays a key: assigning it would set the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: item, writable: true, enumerable: true, configurable: true });
      else out[key] = item;
    }
    return out as T;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [copyData(k), copyData(v)])) as T;
  if (value instanceof Set) return new Set([...value].map(copyData)) as T;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T;
  return structuredClone(value);
}

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

let untrusted = 0;

/**
 * size, mtime, ctime and inode of a file or folder; '-' when it does not exist. A path modified
 * within the last `racyMs` gets a stamp equal to no other: a second change within the clock's
 * granularity could leave all four unchanged, so such a stamp must not vouch for "unchanged".
 */
export const statStamp = (file: string): string => {
  const stamps = callStamps.getStore();
  if (!stamps) return freshStamp(file);
  let stamp = stamps.get(file);
  if (stamp === undefined) stamps.set(file, (stamp = freshStamp(file)));
  return stamp;
};

/**
 * Stamps taken during one tool call, so the listing, the capsule list and the workspace answers
 * stat a folder once per call, not once each. Per call (not per process): a stamp must be taken
 * after the call began, or a change made just before the call could go unseen.
 */
const callStamps = new AsyncLocalStorage<Map<string, string>>();

/** Run one call of a warm process (MCP tools/call) with its own stamps. */
export function withCallStamps<T>(run: () => T): T {
  return callStamps.run(new Map(), run);
}

const freshStamp = (file: string): string => {
  try {
    // No exception for a missing path: the listing stamps several files that usually are not there (config.worktree, excludes files).
    const s = statSync(file, { bigint: true, throwIfNoEntry: false });
    if (!s) return '-';
    if (!settledStat(s, racyMs)) return `racy ${++untrusted}`;
    return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;
  } catch {
    return '-';
  }
};

/** Per folder (absolute): the stamp it had when last read, and what the walks need of its entries. */
const folders = new Map<string, { stamp: string; dirs: string[]; links: number; gitignore: boolean; gitattributes: boolean }>();

/**
 * A folder's subfolders (names), symbolic links and whether it holds a .gitignore or .gitattributes, read again
 * only when the folder's own stamp changed: adding, removing or renaming an entry changes the
 * folder's mtime, so an unchanged (and not racy) stamp means unchanged entries.
 */
function folderEntries(absolute: string, stamp: string): { dirs: string[]; links: number; gitignore: boolean; gitattributes: boolean } {
  const known = folders.get(absolute);
  if (known && known.stamp === stamp) return known;
  if (stamp === '-') gone.add(absolute);
  const dirs: string[] = [];
  let links = 0;
  let gitignore = false;
  let gitattributes = false;
  for (const entry of entriesIn(absolute)) {
    if (entry.name === '.gitignore') gitignore = !entry.isDirectory();
    else if (entry.name === '.gitattributes') gitattributes = !entry.isDirectory();
    else if (entry.isSymbolicLink()) links++;
    else if (entry.isDirectory()) dirs.push(entry.name);
  }
  const read = { stamp, dirs, links, gitignore, gitattributes };
  if (!stamp.startsWith('racy ') && stamp !== '-') folders.set(absolute, read);
  // A subfolder no longer here (removed, renamed, replaced) is not stamped again: forget it and all below.
  if (known) for (const name of known.dirs) if (!dirs.includes(name)) gone.add(path.join(absolute, name));
  return read;
}

/** Folders found gone during a walk; forgotten with everything below them when the walk ends. */
const gone = new Set<string>();

/**
 * Drop the folders found gone and every folder below them, so a long session that creates and
 * removes folders keeps only what exists. By path, not by the records' subfolder lists: a racy
 * folder is not recorded, and what is below it may be.
 */
function forgetGoneFolders(): void {
  if (gone.size === 0) return;
  for (const folder of folders.keys()) {
    for (let at = folder; ;) {
      if (gone.has(at)) {
        folders.delete(folder);
        break;
      }
      const up = path.dirname(at);
      if (up === at) break;
      at = up;
    }
  }
  gone.clear();
}

/** Forget the facts under `prefix` whose key is not in `keep`: those of files that are gone (a state, a capsule). */
export function forgetWarmExcept(prefix: string, keep: ReadonlySet<string>): void {
  for (const key of facts.keys()) if (key.startsWith(prefix) && !keep.has(key)) facts.delete(key);
}

/** How many facts and folders are remembered (tests: a long session stays bounded). */
export const warmSizes = (): { facts: number; folders: number } => ({ facts: facts.size, folders: folders.size });

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
 * added, removed or renamed changes its folder's), every .gitignore and .gitattributes (a diff of
 * the work tree converts files by them, warm-git.ts), `<root>/.git`, and
 * `gitInputs`: the files outside the work tree git reads (git-inputs.ts: index, HEAD,
 * info/exclude, configs, the excludes file, .gitignore above a subfolder root). Folders
 * Sentinel never lists (node_modules, dist, …) and .git are not walked.
 */
export function listingStamp(root: string, gitInputs: readonly string[]): string {
  const parts: string[] = [`.git=${statStamp(path.join(root, '.git'))}`];
  for (const file of gitInputs) parts.push(`${file}=${statStamp(file)}`);
  const skip = new Set<string>(BUILTIN_IGNORED_DIRS);
  const visit = (relative: string): void => {
    const absolute = path.join(root, relative);
    const stamp = statStamp(absolute);
    parts.push(`${relative}/=${stamp}`);
    const entries = folderEntries(absolute, stamp);
    if (entries.gitignore) parts.push(`${relative}/.gitignore=${statStamp(path.join(absolute, '.gitignore'))}`);
    if (entries.gitattributes) parts.push(`${relative}/.gitattributes=${statStamp(path.join(absolute, '.gitattributes'))}`);
    for (const name of entries.dirs) if (!skip.has(name)) visit(relative ? `${relative}/${name}` : name);
  };
  visit('');
  forgetGoneFolders();
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
  if (known && filesStamp(known.value.paths) === known.stamp) return copyData(known.value.value);
  const stamps = new Map<string, string>();
  // Stamped when first read: a change after that makes the next call recompute.
  const value = compute((absolute) => {
    if (!stamps.has(absolute)) stamps.set(absolute, statStamp(absolute));
  });
  const paths = [...stamps.keys()];
  facts.set(key, { stamp: paths.map((f) => `${f}=${stamps.get(f)}`).join('\n'), value: { paths, value } });
  return copyData(value);
}

let uncacheable = 0;

/**
 * What a glob walk under these folders can find, by stats alone: every folder's stat below them
 * (node_modules skipped, as the capsule globs skip it). A symbolic link on the way makes the stamp
 * differ every time (a walk follows it, and its target's folders are not stamped here).
 */
export function foldersStamp(root: string, under: readonly string[]): string {
  const parts: string[] = [];
  const visit = (relative: string): void => {
    const absolute = path.join(root, relative);
    const stamp = statStamp(absolute);
    parts.push(`${relative}/=${stamp}`);
    const entries = folderEntries(absolute, stamp);
    if (entries.links) parts.push(`link ${++uncacheable}`);
    for (const name of entries.dirs) if (!GLOB_SKIPPED.has(name)) visit(relative ? `${relative}/${name}` : name);
  };
  for (const folder of new Set(under)) visit(folder);
  forgetGoneFolders();
  return parts.join('\n');
}

/** Folders the capsule globs never enter (discover.ts ignores them too): walking .git would stamp thousands of object folders. */
export const GLOB_SKIPPED: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** A stamp of single files (content facts: a parsed capsule, a manifest). */
export const filesStamp = (files: readonly string[]): string => files.map((f) => `${f}=${statStamp(f)}`).join('\n');
