import { createHash } from 'node:crypto';
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { IndexBlob } from '../git/index-listing.js';
import type { Cache, CacheNamespace } from './store.js';
import { RACY_MS, settledStat } from '../workspace/racy.js';

/**
 * What a gate learns from one file's text (its line count, its env-var reads, its parsed
 * capsule…), computed once per content and reused while the file is unchanged: a `check` after
 * a one-file edit reads and works on that one file again, not the other 20,000.
 */
export type FactOf = <T>(relative: string, kind: string, compute: (text: string) => T) => T | undefined;

/**
 * `size:mtimeMs:ctimeMs:inode` of the file (symlinks followed, as reads follow them); the times keep
 * sub-millisecond digits, size and inode are taken mod 2^32 as git's index keeps them (IndexBlob.stat).
 */
type StatKey = string;

/**
 * One file's record: its content's git blob id, the stat it was read under (when that stat is
 * settled: see RACY_MS), its facts by kind.
 */
interface FileRecord {
  s?: StatKey;
  h: string;
  f: Record<string, unknown>;
}

/** Records are spread over this many namespace files, so one edit rewrites a sixteenth. */
const SHARDS = 16;
/** Each shard keeps its newest records within this size (the whole store: 16 × this). */
const SHARD_MAX_BYTES = 16 * 1024 * 1024;

export interface FileFacts {
  fact: FactOf;
  /** Give to the run's text reader (createTextCache): what was read, and the stat of the file it came from. */
  onRead(relative: string, bytes: Buffer, stat: Stats): void;
  /**
   * Files git vouches for (IndexListing.blobs): neither stat'ed nor read while their record holds
   * both the blob id and, as the stat it was read under, the index entry's stat.
   */
  useBlobs(blobs: ReadonlyMap<string, IndexBlob>): void;
  /** Write changed shards back; records of files neither listed in `present` nor used in this run are dropped. */
  save(present?: ReadonlySet<string>): void;
  /** Facts answered from the cache / computed from text in this run. */
  readonly counts: { reused: number; computed: number };
  /**
   * How each file whose facts this run used is known to still hold the bytes they came from:
   * `git` when the listing vouches for it (its index entry holds our blob id and read stat), else
   * the settled stat those bytes were read under. Undefined when any file has neither (too recent,
   * unreadable, or no cache): a result built from these facts then cannot be vouched for as a whole.
   */
  identities(): Map<string, 'git' | StatKey> | undefined;
}

/** Which of the SHARDS namespace files holds a path's record. */
export function shardOf(relative: string): number {
  // FNV-1a: cheap and stable across runs and machines.
  let h = 0x811c9dc5;
  for (let i = 0; i < relative.length; i++) h = Math.imul(h ^ relative.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SHARDS;
}

/** A stat as records keep it, and as IndexBlob.stat gives the index's. */
export const keyOf = (stat: Stats): StatKey => `${stat.size % 2 ** 32}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino % 2 ** 32}`;

/** The id git gives these bytes as a blob (sha1, or sha256 in a sha256 repository). */
export function blobId(bytes: Buffer, algorithm: 'sha1' | 'sha256' = 'sha1'): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

interface FileFactsOptions {
  root: string;
  /** The run's text reader (a shared text cache, given `onRead`). */
  read: (relative: string) => string | undefined;
  /** Without a cache, every fact is computed from the text (and nothing is stat'ed or kept). */
  cache?: Cache;
  racyMs?: number;
  /** How a file not vouched for by git is stat'ed (tests count the calls). */
  statFile?: (absolute: string) => Stats | undefined;
}

/** What the run learnt of a file when it read it: the content's blob id and the stat it was read under. */
interface ReadIdentity {
  blob: string;
  stat: StatKey;
  settled: boolean;
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
      onRead: () => undefined,
      useBlobs: () => undefined,
      save: () => undefined,
      counts,
      identities: () => undefined,
    };
  }
  const shards: (CacheNamespace<FileRecord> | undefined)[] = new Array(SHARDS);
  const shard = (i: number) => (shards[i] ??= cache.namespace<FileRecord>(`files-${i.toString(16)}`, { maxBytes: SHARD_MAX_BYTES }));
  let blobs: ReadonlyMap<string, IndexBlob> | undefined;
  let algorithm: 'sha1' | 'sha256' = 'sha1';
  // Per run: the stat a file not vouched for by git has now (undefined: missing), and what each read found.
  const stats = new Map<string, StatKey | undefined>();
  const reads = new Map<string, ReadIdentity>();
  const used = new Set<string>();
  const statFile = options.statFile ?? ((absolute: string) => statSync(absolute, { throwIfNoEntry: false }));
  const statOnce = (relative: string) => {
    if (stats.has(relative)) return stats.get(relative);
    // Plain (not bigint) stats: converting four bigints per file cost more than the stat itself.
    const stat = statFile(path.join(root, relative));
    const key = stat?.isFile() ? keyOf(stat) : undefined;
    stats.set(relative, key);
    return key;
  };
  const fact: FactOf = <T>(relative: string, kind: string, compute: (text: string) => T): T | undefined => {
    const table = shard(shardOf(relative));
    const record = table.get(relative);
    used.add(relative);
    if (record && kind in record.f) {
      // Git's word, when it speaks of the bytes the facts came from: it found the file unchanged
      // since its index entry (same stat, or same raw content: no conversions), and that entry
      // holds our recorded blob id and the stat we read the file under. Else our own stat.
      const blob = blobs?.get(relative);
      const vouched = blob !== undefined && record.s !== undefined && record.h === blob.id && record.s === blob.stat;
      if (vouched || (record.s !== undefined && record.s === statOnce(relative))) {
        counts.reused++;
        return record.f[kind] as T;
      }
    }
    const text = read(relative);
    if (text === undefined) return undefined;
    counts.computed++;
    const value = compute(text);
    // The identity of the bytes this text came from (the reader reports every read it makes).
    const seen = reads.get(relative);
    if (!seen) return value;
    // Same content under a new stat (a touch, a checkout): the other facts still hold.
    const facts = record && record.h === seen.blob ? { ...record.f } : {};
    // `name:variant` (e.g. a fixture's verdict under one contract digest) replaces the other variants of `name`.
    const colon = kind.indexOf(':');
    if (colon > 0) for (const other of Object.keys(facts)) if (other.startsWith(kind.slice(0, colon + 1))) delete facts[other];
    // JSON drops undefined: a fact is only kept when it reads back equal.
    if (value !== undefined) facts[kind] = value;
    // Without a settled stat the record only serves to keep facts of the same content (above).
    table.set(relative, seen.settled ? { s: seen.stat, h: seen.blob, f: facts } : { h: seen.blob, f: facts });
    return value;
  };
  return {
    fact,
    onRead(relative, bytes, stat) {
      const now = Date.now();
      reads.set(relative, {
        blob: blobId(bytes, algorithm),
        stat: keyOf(stat),
        settled: stat.isFile() && settledStat(stat, racyMs, now),
      });
    },
    useBlobs(known) {
      blobs = known;
      for (const { id } of known.values()) {
        algorithm = id.length === 64 ? 'sha256' : 'sha1';
        break;
      }
    },
    save(present) {
      for (let i = 0; i < SHARDS; i++) {
        // Only the shards this run loaded: a shard left unread keeps its records until a run that reads it.
        const table = shards[i];
        if (!table) continue;
        if (present) for (const file of table.keys()) if (!present.has(file) && !used.has(file)) table.delete(file);
        table.save();
      }
    },
    counts,
    identities() {
      const out = new Map<string, 'git' | StatKey>();
      for (const relative of used) {
        const record = shard(shardOf(relative)).get(relative);
        if (record?.s === undefined) return undefined;
        const blob = blobs?.get(relative);
        out.set(relative, blob !== undefined && record.h === blob.id && record.s === blob.stat ? 'git' : record.s);
      }
      return out;
    },
  };
}
