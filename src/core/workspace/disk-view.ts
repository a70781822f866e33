import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Roster } from '../agents/types.js';
import { globMatcher } from '../context/budget.js';
import { listWorkspaceFiles, withFolders } from './listing.js';
import { candidatesIn } from './glob-prefix.js';
import { createInsideChecker } from './inside-cache.js';
import type { WorkspaceView } from './view.js';
import { resolvedTarget } from '../workspace/resolved.js';

/**
 * A WorkspaceView backed by the disk. The file list is read once (git ls-files, or a walk
 * outside git) so a thousand capsules with glob entries cost one listing, not a thousand.
 */
export async function createWorkspaceView(root: string, roster: Roster, forbiddenPaths: string[], files?: string[]): Promise<WorkspaceView> {
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
