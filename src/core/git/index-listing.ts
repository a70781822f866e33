import { createHash } from 'node:crypto';
import { GIT_EXCLUDE_ARGS } from '../workspace/ignore.js';
import { sweepLeftovers } from '../workspace/scratch.js';
import { readIndexFile, readIndexSnapshot, sameIndex } from './index-file.js';
import { git, gitBytes, GIT_LOOK_ARGS } from './run.js';

// What git's index says of the work tree, from one `ls-files`: the listing every gate and cache starts from.

export interface IndexListing {
  /** Paths in the index (an unmerged path once per stage). */
  cached: string[];
  /** Untracked files that are not ignored. */
  others: string[];
  /** Paths in the index that are gone from the working tree. */
  deleted: string[];
  /** Paths flagged `assume-unchanged` or `skip-worktree`: git does not look at their content. */
  hidden?: string[];
  /**
   * With `blobs`: the blob id of each tracked regular file whose working-tree content git found
   * equal to the index, with the stat the index keeps beside it (stat compared in C, raw content
   * where the stat is not conclusive). Files git does not look at (hidden), files whose content
   * git converts before comparing (filter, eol, ident, encoding attributes; autocrlf is off for
   * this listing), modified, deleted, unmerged, symlinks and submodules are not here: their
   * content must be read.
   */
  blobs?: Map<string, IndexBlob>;
  /** With `blobs`: what all of the above was read from (the index file when Sentinel read it, git's two outputs): see listingDigest. */
  output?: { listing: string; converted: string; index?: Buffer };
}

/** A vouched-for entry: its blob id and its index stat as `size:mtimeMs:ctimeMs:inode` (size and inode mod 2^32, as the index keeps them). */
export interface IndexBlob {
  id: string;
  stat: string;
}

/**
 * `ls-files --cached`, `--others --exclude-standard` and `--deleted` from one git process: the
 * untracked walk is the slow part of each, and the workspace listing and changedFiles both need it.
 * Sentinel's own leftovers of a killed run are deleted, not listed (scratch.ts).
 */
export async function listIndex(root: string, options: IndexOptions = {}): Promise<IndexListing | undefined> {
  const listing = await readIndexListing(root, options);
  if (!listing) return undefined;
  // A killed run's temp copies and locks are cleaned here, before any gate could count them.
  listing.others = sweepLeftovers(root, listing.others);
  return listing;
}

interface IndexOptions {
  /** Also the blob ids of the files git vouches are unchanged (`IndexListing.blobs`). */
  blobs?: boolean;
}

const REGULAR_FILE = /^100(?:644|755) ([0-9a-f]{40}|[0-9a-f]{64}) 0$/;
/** `--debug`'s lines after an entry: `  ctime: S:N`, `  mtime: S:N`, `  dev: D\tino: I`, `  uid: U\tgid: G`, `  size: Z\tflags: F`. */
const DEBUG_STAT = /^ {2}ctime: (\d+):(\d+)\n {2}mtime: (\d+):(\d+)\n {2}dev: \d+\tino: (\d+)\n[^\n]*\n {2}size: (\d+)\tflags: [^\n]*\n/;
/**
 * Content conversions git applies before comparing a file with its blob (a clean filter, eol, ident,
 * working-tree encoding): under any of them "unchanged" means only "converts to the same blob".
 * The pathspec excludes the files where all are unspecified, leaving those where one is set.
 */
const CONVERTED = ':(exclude,attr:!filter !text !eol !crlf !ident !working-tree-encoding)';

/** Milliseconds as Node computes `mtimeMs`/`ctimeMs` from seconds and nanoseconds, so the keys compare equal. */
const ms = (sec: string, nsec: string) => Number(sec) * 1e3 + Number(nsec) / 1e6;

/** The index stat `--debug` printed at the start of a `-z` chunk, and where the chunk's entry starts. */
function debugStat(chunk: string): { stat: string; rest: number } | undefined {
  const m = DEBUG_STAT.exec(chunk);
  if (!m) return undefined;
  const [, cs, cn, ms_, mn, ino, size] = m;
  return { stat: `${size}:${ms(ms_!, mn!)}:${ms(cs!, cn!)}:${ino}`, rest: m[0].length };
}

/** The `ls-files` of readIndexListing (after git()'s own `-c core.quotepath=off`); `snapshot`: the index file is read by Sentinel. */
export function indexListingArgs(options: IndexOptions, snapshot: boolean): string[] {
  const extra = !options.blobs ? [] : snapshot ? ['--modified'] : ['-s', '--modified', '--debug'];
  const look = options.blobs ? [...GIT_LOOK_ARGS, '-c', 'core.autocrlf=false'] : GIT_LOOK_ARGS;
  return [...look, 'ls-files', '-z', '-v', ...extra, '--cached', '--others', '--deleted', '--exclude-standard', ...GIT_EXCLUDE_ARGS];
}

/** The files whose content git converts (see CONVERTED), as readIndexListing asks with `blobs`. */
export const CONVERTED_ARGS: readonly string[] = ['ls-files', '-z', '--cached', '--', CONVERTED];

/** listIndex without the sweep: what git lists, in one `ls-files`; undefined outside a work tree. */
export async function readIndexListing(root: string, options: IndexOptions = {}): Promise<IndexListing | undefined> {
  // -v: like -t, with lowercase tags for assume-unchanged entries; `S` marks skip-worktree.
  // With blobs: -s adds `mode blob stage` before a tab, --modified lists changed entries again (tag C),
  // --debug follows each index entry with its stat; autocrlf off, so an eol conversion is not a match.
  // With the index file read here (a plain repository's top level), git says only which entries are unchanged.
  const snapshot = options.blobs ? readIndexSnapshot(root) : undefined;
  const [result, converted] = await Promise.all([
    git(root, indexListingArgs(options, snapshot !== undefined)),
    options.blobs ? git(root, [...CONVERTED_ARGS]) : undefined,
  ]);
  if (result.code !== 0) return undefined;
  const listing: IndexListing = { cached: [], others: [], deleted: [], hidden: [] };
  const hidden = new Set<string>();
  const blobs = new Map<string, IndexBlob>();
  // Entries whose blob id does not stand for the working-tree content.
  const unsure = new Set<string>();
  let previous: IndexBlob | undefined;
  for (let entry of result.stdout.split('\0')) {
    if (options.blobs && entry.startsWith('  ctime: ')) {
      const debug = debugStat(entry);
      if (debug && previous) previous.stat = debug.stat;
      entry = debug ? entry.slice(debug.rest) : '';
    }
    previous = undefined;
    if (entry.length < 3) continue;
    const tag = entry[0]!;
    let file = entry.slice(2);
    if (tag === '?') {
      listing.others.push(file);
      continue;
    }
    let stage: string | undefined;
    if (options.blobs && !snapshot) {
      const tab = file.indexOf('\t');
      stage = file.slice(0, tab);
      file = file.slice(tab + 1);
    }
    if (tag === 'C' || tag === 'c') {
      unsure.add(file);
      continue;
    }
    if (tag === 'R' || tag === 'r') {
      listing.deleted.push(file);
      unsure.add(file);
    } else listing.cached.push(file);
    if (tag === 'S' || tag === 's' || tag !== tag.toUpperCase()) hidden.add(file);
    if (snapshot) {
      // The index file's entry: a stage-0 regular file, the only entry of its path.
      const known = tag === 'H' ? snapshot.entries.get(file) : undefined;
      if (known === undefined || blobs.has(file)) unsure.add(file);
      else blobs.set(file, known);
      continue;
    }
    const id = stage !== undefined && tag === 'H' ? REGULAR_FILE.exec(stage)?.[1] : undefined;
    // A second entry for one path (an unmerged stage) makes it unsure too.
    if (id === undefined || blobs.has(file)) unsure.add(file);
    else blobs.set(file, (previous = { id, stat: '' }));
  }
  // git compared the work tree with the index it read: its word stands for the entries read here only if that was this file.
  const indexHeld = !snapshot || sameIndex(snapshot);
  if (!indexHeld) blobs.clear();
  listing.hidden = [...hidden];
  if (options.blobs) {
    for (const file of unsure) blobs.delete(file);
    for (const file of hidden) blobs.delete(file);
    // Without the list of converted files (an old git without attr pathspecs), git's word is not taken at all.
    if (converted?.code !== 0) blobs.clear();
    else for (const file of converted.stdout.split('\0')) if (file) blobs.delete(file);
    for (const [file, blob] of blobs) if (!blob.stat) blobs.delete(file);
    listing.blobs = blobs;
    if (converted?.code === 0 && indexHeld)
      listing.output = { listing: result.stdout, converted: converted.stdout, ...(snapshot ? { index: snapshot.bytes } : {}) };
  }
  return listing;
}

/** One digest of what a listing with blobs was read from (IndexListing.output): equal digests, equal listings. */
export function listingDigest(listing: string | Buffer, converted: string | Buffer, index: Buffer | undefined): string {
  const hash = createHash('sha256').update(index ? 'index\0' : 'debug\0');
  if (index) hash.update(index);
  return hash.update('\0listing\0').update(listing).update('\0converted\0').update(converted).digest('hex');
}

/**
 * listingDigest of what readIndexListing with blobs would read now, without decoding or parsing
 * git's output; undefined when git fails or the index file changed while git read it. `withIndex`
 * false: git's listing with the stats (`--debug`) is digested, not the index file, as
 * readIndexListing reads it when it cannot parse the file (a split index): the digest a record of
 * such a run holds.
 */
export async function currentListingDigest(root: string, withIndex = true): Promise<string | undefined> {
  // Not parsed: the same bytes parse the same; a file that does not parse differs from every one that did.
  const snapshot = withIndex ? readIndexFile(root) : undefined;
  const [result, converted] = await Promise.all([gitBytes(root, indexListingArgs({ blobs: true }, snapshot !== undefined)), gitBytes(root, CONVERTED_ARGS)]);
  if (result.code !== 0 || converted.code !== 0 || (snapshot && !sameIndex(snapshot))) return undefined;
  return listingDigest(result.stdout, converted.stdout, snapshot?.bytes);
}
