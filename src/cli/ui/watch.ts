import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { literalPrefix } from '../../core/workspace/glob-prefix.js';
import type { SentinelConfig } from '../../core/workspace/config-types.js';
import { toPosix } from '../../core/workspace/paths.js';

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

/**
 * Report changed workspace-relative paths, batched over `delayMs` (an atomic write is a create
 * plus a rename; a capsule done touches several files). Folders that do not exist yet are polled
 * for, so a first `sentinel route` in a fresh repository still shows up.
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
  const attach = (folder: string) => {
    const absolute = path.join(root, folder);
    if (watchers.has(folder) || !existsSync(absolute)) return;
    try {
      const watcher = watch(absolute, { recursive: true }, (_event, name) => note(name ? `${folder}/${toPosix(String(name))}` : folder));
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(folder);
        note(folder);
      });
      watchers.set(folder, watcher);
    } catch {
      /* unwatchable (no inotify slots): the poll below keeps trying */
    }
  };
  for (const folder of folders) attach(folder);
  const poll = setInterval(() => {
    for (const folder of folders) {
      if (!watchers.has(folder) && existsSync(path.join(root, folder))) {
        attach(folder);
        note(folder);
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
