import path from 'node:path';
import type { FactOf } from '../cache/file-facts.js';
import type { Roster } from '../agents/types.js';
import type { Capsule } from '../capsule/types.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists } from '../workspace/fs.js';
import { absoluteReader, type SettingsSource } from '../workspace/settings-source.js';
import { listWorkspaceFiles } from '../workspace/listing.js';
import { loadLimits, type LoadedLimits } from './limits.js';
import { tracingView } from './lint-memo.js';
import { lintContext, type ContextLintResult } from './lint.js';
import { loadTokenCounter } from '../tokens/count.js';
import { createWorkspaceView } from '../workspace/disk-view.js';

interface ContextLintRun {
  root: string;
  config: SentinelConfig;
  roster: Roster;
  capsules: Capsule[];
  /** True when one capsule was asked for: only its files are measured. */
  focused: boolean;
  /** Shared workspace facts of a gate run (the file list and a text cache), when there is one. */
  files?: string[];
  read?: (relative: string) => string | undefined;
  /** Per-file facts reused from the cache (GateInputs.fileFact). */
  fact?: FactOf;
  /** False: leave the CONTEXT_ALLOWED_* findings out (the capsules gate reports them). */
  allowedFindings?: boolean;
  /** Sharded: measure only these files and check only these capsules' Allowed Context. */
  owns?: (relative: string) => boolean;
  /** Where the context limits are read: the working tree unless the referee judges from a base. */
  settings?: SettingsSource;
  /** The limits, when the caller loaded them already. */
  limits?: LoadedLimits;
  /** Write down every non-glob question asked of the workspace view, with its answer (lint-memo.ts). */
  trace?: [string, string, string][];
}

function readWorkspaceText(root: string, relative: string): string | undefined {
  try {
    return readTextIfExists(path.join(root, ...relative.split('/')));
  } catch {
    return undefined;
  }
}

/** Read limits, list the workspace once, and lint. */
export async function runContextLint(run: ContextLintRun): Promise<ContextLintResult> {
  const limits = run.limits ?? loadLimits(run.root, run.config.contextLimits, run.settings ? absoluteReader(run.root, run.settings) : readTextIfExists);
  const files = run.files ?? (await listWorkspaceFiles(run.root));
  const disk = await createWorkspaceView(run.root, run.roster, limits.limits.forbiddenPaths, files);
  const view = run.trace ? tracingView(disk, run.trace) : disk;
  return lintContext({
    limits,
    capsules: run.capsules,
    files,
    view,
    focused: run.focused,
    read: run.read ?? ((relative) => readWorkspaceText(run.root, relative)),
    ...(run.fact ? { fact: run.fact } : {}),
    ...(run.allowedFindings === false ? { allowedFindings: false } : {}),
    tokenCounter: loadTokenCounter,
    ...(run.owns ? { owns: run.owns } : {}),
  });
}
