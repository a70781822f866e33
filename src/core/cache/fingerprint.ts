import { lstatSync, readdirSync, readFileSync, readlinkSync, type BigIntStats } from 'node:fs';
import { sha256 } from '../workspace/fs.js';
import path from 'node:path';
import type { IndexListing } from '../git/index-listing.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { layoutOf } from '../workspace/layout.js';
import type { CacheNamespace } from './store.js';
import { RACY_MS, settledStat } from '../workspace/racy.js';

/** [size, mtimeNs, ctimeNs, inode, sha256]: a file whose stat is unchanged is not read again. */
export type StatRecord = [string, string, string, string, string];

/** Every file under a folder (recursive, POSIX relative paths), skipping the excluded folders. */
function walk(root: string, relative: string, skip: Set<string>, out: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch {
    // A file, not a folder (e.g. the ledger), or nothing at all.
    try {
      lstatSync(path.join(root, relative));
      out.add(relative);
    } catch {
      /* missing */
    }
    return;
  }
  for (const entry of entries) {
    const child = `${relative}/${entry.name}`;
    if (skip.has(child)) continue;
    if (entry.isDirectory()) walk(root, child, skip, out);
    else out.add(child);
  }
}

/**
 * The files a check reads that git does not list: Sentinel's own folders (state, evidence,
 * router logs, ledger, agents, contracts…), ignored or not. Its cache and temp folders are not
 * part of the verdict.
 */
export function sentinelFiles(root: string, config: SentinelConfig): string[] {
  const layout = layoutOf(config);
  const skip = new Set([layout.cacheDir, layout.tmpDir]);
  const out = new Set<string>();
  const dirs = [
    layout.sentinelDir,
    layout.stateDir,
    layout.evidenceDir,
    layout.routerLogDir,
    layout.ledger,
    layout.agentsDir,
    layout.contractsDir,
    layout.sentinelsDir,
    layout.contextLimits,
    layout.secretsAllowlist,
  ];
  for (const dir of new Set(dirs.map((d) => d.replace(/\/+$/, ''))))
    if (![...skip].some((s) => dir === s || dir.startsWith(`${s}/`))) walk(root, dir, skip, out);
  return [...out];
}

interface TreeFingerprint {
  /** sha256 over every listed file's path, kind and content hash. */
  digest: string;
  files: number;
  /** Files read and hashed because their stat changed (the rest came from the stat table). */
  hashed: number;
}

/**
 * The content of the workspace as a check sees it: git's tracked and untracked (not ignored)
 * files, plus Sentinel's own files and the configured log files. Unchanged stats (size, mtime,
 * ctime, inode; nanoseconds) reuse the content hash recorded last time; anything else is read.
 */
export function treeFingerprint(
  root: string,
  listing: IndexListing,
  extra: readonly string[],
  table: CacheNamespace<StatRecord>,
  racyMs = RACY_MS,
): TreeFingerprint {
  const deleted = new Set(listing.deleted);
  const kinds = new Map<string, string>();
  for (const file of listing.cached) if (!deleted.has(file)) kinds.set(file, 't');
  for (const file of listing.others) kinds.set(file, 'u');
  for (const file of extra) if (!kinds.has(file)) kinds.set(file, 'x');
  for (const file of deleted) kinds.set(file, 'd');
  const now = Date.now();
  const lines: string[] = [];
  let hashed = 0;
  for (const file of [...kinds.keys()].sort()) {
    const kind = kinds.get(file)!;
    let content = '-';
    if (kind !== 'd') {
      const absolute = path.join(root, file);
      let stat: BigIntStats | undefined;
      try {
        stat = lstatSync(absolute, { bigint: true });
      } catch {
        content = 'missing';
      }
      if (stat) {
        const key: [string, string, string, string] = [String(stat.size), String(stat.mtimeNs), String(stat.ctimeNs), String(stat.ino)];
        const known = table.get(file);
        if (known && known[0] === key[0] && known[1] === key[1] && known[2] === key[2] && known[3] === key[3]) content = known[4];
        else {
          hashed++;
          content = stat.isSymbolicLink() ? `link:${readlinkSync(absolute)}` : stat.isFile() ? sha256(readFileSync(absolute)) : `kind:${stat.mode}`;
          // A file changed within the racy window is hashed again next time.
          if (settledStat(stat, racyMs, now)) table.set(file, [...key, content]);
          else table.delete(file);
        }
      }
    }
    lines.push(`${file}\x00${kind}\x00${content}`);
  }
  // Forget files that left the tree, so the table stays the size of the workspace.
  for (const file of table.keys()) if (!kinds.has(file)) table.delete(file);
  return { digest: sha256(lines.join('\n')), files: lines.length, hashed };
}
