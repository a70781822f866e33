import { readIndexListing, type IndexListing } from '../git/index-listing.js';
import { walkWorkspace } from './ignore.js';
import { sweepLeftovers } from './scratch.js';
import { listingGitInputs } from './git-inputs.js';
import { listingStamp, warm, warmStateEnabled } from './warm.js';

/** The workspace files of one `listIndex` result: tracked and untracked, less deleted; sorted. */
export function filesOfIndex(listing: IndexListing): string[] {
  const gone = new Set(listing.deleted);
  return [...new Set([...listing.cached, ...listing.others].filter((p) => !gone.has(p)))].sort();
}

/**
 * Every file of the workspace (git: tracked + untracked, not ignored, not deleted), POSIX, sorted.
 * In a warm process (the MCP server) the listing is reused until a folder, .gitignore or git's
 * index changes (warm.ts); callers get their own copy.
 */
export async function listWorkspaceFiles(root: string, gitRepo?: boolean): Promise<string[]> {
  return [...(await sharedListing(root, gitRepo))];
}

/**
 * listWorkspaceFiles without the copy, for readers that never change it: in a warm process the
 * same array comes back until the listing changes, so its identity says "unchanged".
 */
export async function sharedListing(root: string, gitRepo?: boolean): Promise<readonly string[]> {
  if (!warmStateEnabled()) return listFresh(root, gitRepo);
  const gitInputs = gitRepo === false ? [] : await listingGitInputs(root);
  return warm(
    `listing:${root}:${gitRepo}`,
    () => listingStamp(root, gitInputs),
    () => listFresh(root, gitRepo),
  );
}

async function listFresh(root: string, gitRepo?: boolean): Promise<string[]> {
  // One `git ls-files` (no `rev-parse` first): outside a work tree it fails, and the walk answers.
  const listing = gitRepo === false ? undefined : await readIndexListing(root);
  if (listing) return filesOfIndex(listing);
  // Without git nothing is tracked: a killed run's leftovers are cleaned here (scratch.ts).
  return sweepLeftovers(root, await walkWorkspace(root));
}

/** Files plus every folder above them, for matching globs such as `src/*` against folders too. */
export function withFolders(files: readonly string[]): string[] {
  const out = new Set(files);
  for (const file of files) {
    let index = file.lastIndexOf('/');
    while (index > 0) {
      const folder = file.slice(0, index);
      if (out.has(folder)) break;
      out.add(folder);
      index = folder.lastIndexOf('/');
    }
  }
  return [...out];
}
