import { closeSync, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { isGitDirectory } from './git-dir.js';
import type { IndexBlob } from './index-listing.js';

/**
 * git's index file read directly (format versions 2–4): each stage-0 regular file's blob id and
 * the stat git keeps beside it, what `ls-files -s --debug` prints, without git formatting 200
 * bytes of text per file and node decoding and parsing it (4.8 MB at 23,000 files).
 */

/** The index as read, and the stat of the very file read: git must have read the same one (sameIndex). */
export interface IndexSnapshot {
  file: string;
  stat: Stats;
  /** The file's bytes as read (what a digest of the listing covers: git.ts listingDigest). */
  bytes: Buffer;
  /** Stage-0 regular files (mode 100644/100755) by path. */
  entries: Map<string, IndexBlob>;
  /** Paths with another entry too (an unmerged path's stages, two names decoding alike): no blob id stands for them. */
  unsure: Set<string>;
}

/**
 * Settings under which the index or its paths are not the plain ones parsed here (another work tree
 * would make its paths relative to another folder than the listing's), or that another file could
 * hold (includes): git's own listing answers then.
 */
const UNUSUAL_CONFIG = /^\s*(?:worktree|objectformat|splitindex|sharedindexfile)\s*=|^\s*\[\s*(?:extensions|include|includeif)\b/im;
/** Environment that moves the repository, the index or the work tree away from `<root>/.git`, or adds settings. */
const GIT_ENV = ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT'];

/**
 * Read `<root>/.git/index` when the workspace root is a plain repository's top level (a `.git`
 * folder git takes as a repository, sha1 objects, no split index, nothing in the environment
 * moving it); else undefined.
 */
export function readIndexSnapshot(root: string): IndexSnapshot | undefined {
  const read = readIndexFile(root);
  if (!read) return undefined;
  try {
    const parsed = parseIndex(read.bytes);
    return parsed && { ...read, ...parsed };
  } catch {
    return undefined;
  }
}

/** readIndexSnapshot's file, as read, before any parsing: what a digest of it needs (git.ts currentListingDigest). */
export function readIndexFile(root: string): Pick<IndexSnapshot, 'file' | 'stat' | 'bytes'> | undefined {
  if (GIT_ENV.some((name) => process.env[name] !== undefined)) return undefined;
  const dotGit = path.join(root, '.git');
  try {
    if (!statSync(dotGit).isDirectory()) return undefined;
    // A `.git` folder git does not take as a repository (it then uses a parent's, whose index says
    // nothing of this one's entries); one shared with other work trees (commondir) is left to git.
    if (!isGitDirectory(dotGit) || statSync(path.join(dotGit, 'commondir'), { throwIfNoEntry: false })) return undefined;
    if (UNUSUAL_CONFIG.test(readFileSync(path.join(dotGit, 'config'), 'utf8'))) return undefined;
    const file = path.join(dotGit, 'index');
    const fd = openSync(file, 'r');
    try {
      return { file, stat: fstatSync(fd), bytes: readFileSync(fd) };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * Whether the index file is still the one read: git writes it whole and renames it into place
 * (a new inode), and any write in place moves its ctime, which cannot be set back.
 */
export function sameIndex(snapshot: Pick<IndexSnapshot, 'file' | 'stat'>): boolean {
  const now = statSync(snapshot.file, { throwIfNoEntry: false });
  const was = snapshot.stat;
  return now !== undefined && now.ino === was.ino && now.size === was.size && now.mtimeMs === was.mtimeMs && now.ctimeMs === was.ctimeMs;
}

const SHA1_BYTES = 20;
/** ctime, mtime (seconds, nanoseconds), dev, ino, mode, uid, gid, size: ten 32-bit fields, then the id and the flags. */
const FIXED = 40 + SHA1_BYTES + 2;
const EXTENDED = 0x4000;
const REGULAR = new Set([0o100644, 0o100755]);

/** Entries of an index file; undefined when it is not one this reader knows entirely (version, split index, bounds). */
export function parseIndex(bytes: Buffer): Pick<IndexSnapshot, 'entries' | 'unsure'> | undefined {
  if (bytes.length < 12 + SHA1_BYTES || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = bytes.readUInt32BE(8);
  const end = bytes.length - SHA1_BYTES;
  const entries = new Map<string, IndexBlob>();
  const unsure = new Set<string>();
  let previous: Buffer = Buffer.alloc(0);
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + FIXED > end) return undefined;
    const flags = bytes.readUInt16BE(at + 60);
    let name = at + FIXED;
    if (flags & EXTENDED) {
      if (version < 3) return undefined;
      name += 2;
    }
    let pathBytes: Buffer;
    let next: number;
    if (version === 4) {
      // Path compression: a varint of bytes to drop from the previous path, then the rest, NUL-ended (git's varint.c).
      let byte = bytes[name++]!;
      let strip = byte & 127;
      while (byte & 128) {
        if (name >= end) return undefined;
        byte = bytes[name++]!;
        strip = ((strip + 1) << 7) | (byte & 127);
      }
      const nul = bytes.indexOf(0, name);
      if (nul < 0 || nul >= end || strip > previous.length) return undefined;
      pathBytes = Buffer.concat([previous.subarray(0, previous.length - strip), bytes.subarray(name, nul)]);
      next = nul + 1;
    } else {
      const nul = bytes.indexOf(0, name);
      if (nul < 0 || nul >= end) return undefined;
      pathBytes = bytes.subarray(name, nul);
      // Entries are NUL-padded to a multiple of 8 bytes (at least one NUL).
      next = at + ((name - at + pathBytes.length + 8) & ~7);
    }
    previous = pathBytes;
    const file = pathBytes.toString('utf8');
    const mode = bytes.readUInt32BE(at + 24);
    const stage = (flags >> 12) & 3;
    if (entries.has(file) || unsure.has(file) || stage !== 0 || !REGULAR.has(mode)) {
      entries.delete(file);
      unsure.add(file);
    } else {
      const ms = (offset: number) => bytes.readUInt32BE(offset) * 1e3 + bytes.readUInt32BE(offset + 4) / 1e6;
      // As IndexBlob.stat: size:mtimeMs:ctimeMs:inode (size and inode as the index keeps them, mod 2^32).
      const stat = `${bytes.readUInt32BE(at + 36)}:${ms(at + 8)}:${ms(at)}:${bytes.readUInt32BE(at + 20)}`;
      entries.set(file, { id: bytes.toString('hex', at + 40, at + 40 + SHA1_BYTES), stat });
    }
    at = next;
  }
  // Extensions: a split index ("link") keeps entries in another file; the others do not change them.
  while (at < end) {
    if (at + 8 > end) return undefined;
    if (bytes.toString('latin1', at, at + 4) === 'link') return undefined;
    at += 8 + bytes.readUInt32BE(at + 4);
  }
  return at === end ? { entries, unsure } : undefined;
}
