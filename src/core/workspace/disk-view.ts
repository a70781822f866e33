import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Roster } from '../agents/types.js';
import { globMatcher } from '../context/budget.js';
import { listWorkspaceFiles, sharedListing, withFolders } from './listing.js';
import { candidatesIn } from './glob-prefix.js';
import { createInsideChecker } from './inside-cache.js';
import { isAbsoluteAnywhere, normalizeRelative, type InsideCheck } from './paths.js';
import type { WorkspaceView } from './view.js';
import { resolvedTarget } from '../workspace/resolved.js';
import { statStamp, warmStateEnabled } from './warm.js';

/**
 * A WorkspaceView backed by the disk. The file list is read once (git ls-files, or a walk
 * outside git) so a thousand capsules with glob entries cost one listing, not a thousand.
 */
export async function createWorkspaceView(root: string, roster: Roster, forbiddenPaths: string[], files?: string[]): Promise<WorkspaceView> {
  if (files === undefined && warmStateEnabled()) return warmView(root, roster, forbiddenPaths);
  const listed = files ?? (await listWorkspaceFiles(root));
  // Sorted, so each glob is tested only on the run of paths under its literal folder; built on the first glob.
  let entries: string[] | undefined;
  const globResults = new Map<string, boolean>();
  // A thousand capsules name the same paths again and again; each answer costs realpath/stat calls.
  const existsResults = new Map<string, boolean>();
  const inside = createInsideChecker(root);
  return {
    inside,
    exists: (relative) => {
      let found = existsResults.get(relative);
      if (found === undefined) {
        found = existsSync(path.join(root, ...relative.split('/')));
        existsResults.set(relative, found);
      }
      return found;
    },
    globMatches: (glob) => {
      let found = globResults.get(glob);
      if (found === undefined) {
        const matcher = globMatcher(glob);
        entries ??= withFolders(listed).sort();
        found = candidatesIn(entries, glob).some((entry) => matcher(entry));
        globResults.set(glob, found);
      }
      return found;
    },
    roles: roster.agents.map((a) => ({ id: a.id, name: a.manifest.name })),
    forbiddenPaths,
    // A path with no symlink on its way resolves to itself: realpath (one lstat per segment, twice) only when one may lie there.
    resolve: (relative) => (inside.maybeLinked(relative) ? resolvedTarget(root, relative) : undefined),
  };
}

/**
 * A warm process's answers for one workspace, kept between calls (MCP): glob answers while the
 * listing is the same array (listing.ts hands out the same one until its stamp changes), path
 * answers while every folder they were read from keeps its stamp (warm.ts: adding, removing or
 * renaming an entry changes the folder's; a racy stamp never matches). A path with a symbolic
 * link on its way is asked afresh each time: its answer depends on where the link points.
 */
interface PathAnswers {
  inside?: InsideCheck;
  exists?: boolean;
  /** null: not a symlink (resolvedTarget's undefined). */
  resolve?: string | null;
}
interface WarmAnswers {
  listing: readonly string[];
  entries: string[];
  globs: Map<string, boolean>;
  paths: Map<string, PathAnswers>;
  /** Absolute folder → its stamp when the answers above were first read from it. */
  folders: Map<string, string>;
}
const warmAnswers = new Map<string, WarmAnswers>();

async function warmView(root: string, roster: Roster, forbiddenPaths: string[]): Promise<WorkspaceView> {
  const listing = await sharedListing(root);
  let state = warmAnswers.get(root);
  if (!state || state.listing !== listing) {
    state = { listing, entries: withFolders(listing).sort(), globs: new Map(), paths: state?.paths ?? new Map(), folders: state?.folders ?? new Map() };
    warmAnswers.set(root, state);
  }
  const { entries, globs, paths, folders } = state;
  // Each folder is stamped before anything in it is looked at in this view, and that stamp is the one recorded.
  const viewStamps = new Map<string, string>();
  const stampOf = (absolute: string): string => {
    let stamp = viewStamps.get(absolute);
    if (stamp === undefined) viewStamps.set(absolute, (stamp = statStamp(absolute)));
    return stamp;
  };
  for (const [folder, stamp] of folders) {
    if (stampOf(folder) !== stamp) {
      paths.clear();
      folders.clear();
      break;
    }
  }
  const fresh = createInsideChecker(root, (relative) => stampOf(path.dirname(path.join(root, ...relative.split('/')))));
  // The folders a path's answers are read from, stamped before they are read; undefined when a symlink is on the way.
  const folderDeps = (candidate: string): boolean => {
    if (isAbsoluteAnywhere(candidate)) return false;
    const relative = normalizeRelative(candidate);
    if (relative === '.' || relative.startsWith('..') || relative.includes('\0')) return false;
    const stamps: [string, string][] = [[root, stampOf(root)]];
    const segments = relative.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const kind = fresh.kindOf(segments.slice(0, i).join('/'));
      if (kind === 'symlink') return false;
      if (kind !== 'dir' || i === segments.length) break;
      const absolute = path.join(root, ...segments.slice(0, i));
      stamps.push([absolute, stampOf(absolute)]);
    }
    for (const [folder, stamp] of stamps) if (!folders.has(folder)) folders.set(folder, stamp);
    return true;
  };
  const answer = <K extends keyof PathAnswers>(
    key: K,
    candidate: string,
    compute: () => Exclude<PathAnswers[K], undefined>,
  ): Exclude<PathAnswers[K], undefined> => {
    const known = paths.get(candidate);
    if (known && known[key] !== undefined) return known[key] as Exclude<PathAnswers[K], undefined>;
    if (!known && !folderDeps(candidate)) return compute();
    const value = compute();
    paths.set(candidate, { ...known, [key]: value });
    return value;
  };
  return {
    inside: (candidate) => answer('inside', candidate, () => fresh(candidate)),
    exists: (relative) => answer('exists', relative, () => existsSync(path.join(root, ...relative.split('/')))),
    globMatches: (glob) => {
      let found = globs.get(glob);
      if (found === undefined) {
        const matcher = globMatcher(glob);
        found = candidatesIn(entries, glob).some((entry) => matcher(entry));
        globs.set(glob, found);
      }
      return found;
    },
    roles: roster.agents.map((a) => ({ id: a.id, name: a.manifest.name })),
    forbiddenPaths,
    resolve: (relative) => answer('resolve', relative, () => (fresh.maybeLinked(relative) ? resolvedTarget(root, relative) : undefined) ?? null) ?? undefined,
  };
}
