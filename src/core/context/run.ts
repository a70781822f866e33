import path from 'node:path';
import type { Roster } from '../agents/types.js';
import type { Capsule } from '../capsule/types.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists } from '../workspace/fs.js';
import { listWorkspaceFiles } from './files.js';
import { loadLimits } from './limits.js';
import { lintContext, type ContextLintResult } from './lint.js';
import { tokenCounter } from './tokens.js';
import { createWorkspaceView } from './workspace-view.js';

export interface ContextLintRun {
  root: string;
  config: SentinelConfig;
  roster: Roster;
  capsules: Capsule[];
  /** True when one capsule was asked for: only its files are measured. */
  focused: boolean;
}

/** Read limits, list the workspace once, and lint. */
export async function runContextLint(run: ContextLintRun): Promise<ContextLintResult> {
  const limits = loadLimits(run.root, run.config.contextLimits, readTextIfExists);
  const files = await listWorkspaceFiles(run.root);
  const view = await createWorkspaceView(run.root, run.roster, limits.limits.forbiddenPaths, files);
  return lintContext({
    limits,
    capsules: run.capsules,
    files,
    view,
    focused: run.focused,
    read: (relative) => {
      try {
        return readTextIfExists(path.join(run.root, ...relative.split('/')));
      } catch {
        return undefined;
      }
    },
    tokenCounter,
  });
}
