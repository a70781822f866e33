import { statSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../workspace/fs.js';
import type { Cache, CacheNamespace } from './store.js';

/**
 * What a gate learns from one file's text (its line count, its env-var reads, its parsed
 * capsule…), computed once per content and reused while the file is unchanged: a `check` after
 * a one-file edit reads and works on that one file again, not the other 20,000.
 */
export type FactOf = <T>(relative: string, kind: string, compute: (text: string) => T) => T | undefined;

/** `size:mtimeMs:ctimeMs:inode` of the file (symlinks followed, as reads follow them); the times keep sub-millisecond digits. */
type StatKey = string;

/** One file's record: the stat its facts were computed under, its content hash, facts by kind. */
interface FileRecord {
  s: StatKey;
  h: string;
  f: Record<string, unknown>;
}

/** Records are spread over this many namespace files, so one edit rewrites a sixteenth. */
const SHARDS = 16;
/** Each shard keeps its newest records within this size (the whole store: 16 × this). */
const SHARD_MAX_BYTES = 16 * 1024 * 1024;
/** A file modified this close to its stat is not recorded: timestamps are only as fine as the file system keeps them. */
const RACY_MS = 2_000;

export interface FileFacts {
  fact: FactOf;
  /** Stat a file once per run (before it is read, so an edit during the run is seen next time). */
  statOnce(relative: string): void;
  /** Write changed shards back; records of files neither listed in `present` nor used in this run are dropped. */
  save(present?: ReadonlySet<string>): void;
  /** Facts answered from the cache / computed from text in this run. */
  readonly counts: { reused: number; computed: number };
}

function shardOf(relative: string): number {
  // FNV-1a: cheap and stable across runs and machines.
  let h = 0x811c9dc5;
  for (let i = 0; i < relative.length; i++) h = Math.imul(h ^ relative.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SHARDS;
}

interface FileFactsOptions {
  root: string;
  /** The run's text reader (a shared text cache). */
  read: (relative: string) => string | undefined;
  /** Without a cache, every fact is computed from the text (and nothing is stat'ed or kept). */
  cache?: Cache;
  racyMs?: number;
}

export function createFileFacts(options: FileFactsOptions): FileFacts {
  const { root, read, cache } = options;
  const racyMs = options.racyMs ?? RACY_MS;
  const counts = { reused: 0, computed: 0 };
  if (!cache) {
    return {
      fact: (relative, _kind, compute) => {
        const text = read(relative);
        if (text === undefined) return undefined;
        counts.computed++;
        return compute(text);
      },
      statOnce: () => undefined,
      save: () => undefined,
      counts,
    };
  }
  const shards: (CacheNamespace<FileRecord> | undefined)[] = new Array(SHARDS);
  const shard = (i: number) => (shards[i] ??= cache.namespace<FileRecord>(`files-${i.toString(16)}`, { maxBytes: SHARD_MAX_BYTES }));
  // Per run: the stat each file had before it was first read (undefined: missing), and whether it may be recorded.
  const stats = new Map<string, { key: StatKey; recordable: boolean } | undefined>();
  const used = new Set<string>();
  const statOnce = (relative: string) => {
    if (stats.has(relative)) return stats.get(relative);
    // Plain (not bigint) stats: converting four bigints per file cost more than the stat itself.
    const stat = statSync(path.join(root, relative), { throwIfNoEntry: false });
    const now = Date.now();
    const known = stat?.isFile()
      ? { key: `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`, recordable: now - stat.mtimeMs > racyMs && now - stat.ctimeMs > racyMs }
      : undefined;
    stats.set(relative, known);
    return known;
  };
  const fact: FactOf = <T>(relative: string, kind: string, compute: (text: string) => T): T | undefined => {
    const stat = statOnce(relative);
    const table = shard(shardOf(relative));
    const record = table.get(relative);
    used.add(relative);
    if (stat && record && record.s === stat.key && kind in record.f) {
      counts.reused++;
      return record.f[kind] as T;
    }
    const text = read(relative);
    if (text === undefined) return undefined;
    counts.computed++;
    const value = compute(text);
    if (!stat?.recordable) return value;
    // 128 bits tell two texts of one file apart; the full digest would be a third of the store.
    const hash = sha256(text).slice(0, 32);
    // Same content under a new stat (a touch, a checkout): the other facts still hold.
    const facts = record && record.h === hash ? { ...record.f } : {};
    // `name:variant` (e.g. a fixture's verdict under one contract digest) replaces the other variants of `name`.
    const colon = kind.indexOf(':');
    if (colon > 0) for (const other of Object.keys(facts)) if (other.startsWith(kind.slice(0, colon + 1))) delete facts[other];
    // JSON drops undefined: a fact is only kept when it reads back equal.
    if (value !== undefined) facts[kind] = value;
    table.set(relative, { s: stat.key, h: hash, f: facts });
    return value;
  };
  return {
    fact,
    statOnce: (relative) => void statOnce(relative),
    save(present) {
      for (let i = 0; i < SHARDS; i++) {
        // With a listing, every shard is pruned (a check loads them all anyway); without, only those this run used.
        const table = present ? shard(i) : shards[i];
        if (!table) continue;
        if (present) for (const file of table.keys()) if (!present.has(file) && !used.has(file)) table.delete(file);
        table.save();
      }
    },
    counts,
  };
}
