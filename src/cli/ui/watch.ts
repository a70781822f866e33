import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { literalPrefix } from '../../core/workspace/glob-prefix.js';
import type { SentinelConfig } from '../../core/workspace/config-types.js';

/** Folders whose changes the board shows: `.sentinel/` and the literal folders of the capsule globs. */
export function watchedFolders(config: SentinelConfig): string[] {
  const folders = new Set<string>(['.sentinel']);
  for (const glob of config.capsules.globs) {
    const prefix = literalPrefix(glob);
    if (prefix && !prefix.startsWith('.sentinel/')) folders.add(prefix);
  }
  for (const dir of [config.stateDir, config.routerLogDir, path.posix.dirname(config.ledger), config.agentsDir]) {
    if (!dir.startsWith('.sentinel/') && dir !== '.' && dir !== '.sentinel') folders.add(dir);
  }
  return [...folders].sort().filter((dir, i, all) => !all.slice(0, i).some((parent) => dir.startsWith(`${parent}/`)));
}

const SKIP = new Set(['node_modules', '.git']);
/** Deep enough for `.specify/specs/<slug>/capsule.md` and `.sentinel/agents/<id>/`; no deeper. */
const MAX_DEPTH = 4;

const isDirectory = (absolute: string): boolean => {
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Report changed workspace-relative paths, batched over `delayMs` (an atomic write is a create
 * plus a rename; a capsule done touches several files). One plain (non-recursive) watcher per
 * folder: Node 20's recursive mode on Linux polls every file, which costs seconds of CPU on a
 * workspace of 1,000 capsules. New sub-folders are watched as they appear; missing top folders
 * are polled for, so a first `sentinel route` in a fresh repository still shows up.
 */
export function watchWorkspace(root: string, folders: readonly string[], onChange: (paths: string[]) => void, delayMs = 60): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const paths = [...pending].sort();
    pending = new Set();
    onChange(paths);
  };
  const note = (relative: string) => {
    // Lock files and the temp files of atomic writes come and go; the rename that follows counts.
    if (/(^|\/)\.[^/]*\.tmp$|\.lock$/.test(relative)) return;
    pending.add(relative);
    timer ??= setTimeout(flush, delayMs);
  };
  // `fresh`: a folder that appeared while watching. Files made in it before its watcher was attached
  // raised no event, so the listing below reports them (a `mkdir -p` and a write in one go).
  const attach = (folder: string, depth: number, fresh = false) => {
    const absolute = path.join(root, folder);
    if (watchers.has(folder) || depth > MAX_DEPTH || !isDirectory(absolute)) return;
    try {
      const watcher = watch(absolute, (_event, name) => {
        const relative = name ? `${folder}/${String(name)}` : folder;
        note(relative);
        if (name && !watchers.has(relative) && isDirectory(path.join(root, relative))) attach(relative, depth + 1, true);
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(folder);
        note(folder);
      });
      watchers.set(folder, watcher);
    } catch {
      return; // unwatchable (no inotify slots left): the poll below keeps trying the top folders
    }
    try {
      for (const entry of readdirSync(absolute, { withFileTypes: true })) {
        if (entry.isDirectory() && !SKIP.has(entry.name)) attach(`${folder}/${entry.name}`, depth + 1, fresh);
        else if (fresh) note(`${folder}/${entry.name}`);
      }
    } catch {
      /* vanished meanwhile */
    }
  };
  for (const folder of folders) attach(folder, 0);
  const poll = setInterval(() => {
    for (const folder of folders) {
      if (!watchers.has(folder) && existsSync(path.join(root, folder))) {
        attach(folder, 0);
        note(folder);
      }
    }
    // A deleted folder's watcher stops reporting: forget it so a re-created folder is watched again.
    for (const [folder, watcher] of watchers) {
      if (!existsSync(path.join(root, folder))) {
        watcher.close();
        watchers.delete(folder);
      }
    }
  }, 1000);
  poll.unref();
  return {
    close() {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
