import type { FactOf } from '../cache/file-facts.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROLE_RUNBOOKS, type RunbookRequirement, type SentinelConfig } from '../workspace/config-types.js';
import { error } from '../diagnostics.js';
import { readTextIfExists } from '../workspace/fs.js';
import { checkInside } from '../workspace/paths.js';
import { evaluateRunbook, type RunbookReport } from './check.js';
import { findEnvReads, languageOf, type EnvRead } from './env-reads.js';
import { CONFIG_PATH } from '../workspace/layout.js';
import { listWorkspaceFiles } from '../workspace/listing.js';

import { inBuiltinIgnoredDir } from '../workspace/ignore.js';
import { matchListed } from '../workspace/glob-prefix.js';

/**
 * Source files (workspace-relative, sorted) matched by globs among the workspace's files (git:
 * tracked and untracked, not ignored), outside the built-in ignored folders, dotfiles excluded.
 */
async function listSources(files: () => Promise<readonly string[]>, globs: string[]): Promise<string[]> {
  if (globs.length === 0) return [];
  const [{ default: picomatch }, listed] = await Promise.all([import('picomatch'), files()]);
  return matchListed(listed, globs, { dot: false }, picomatch).filter((file) => !inBuiltinIgnoredDir(file));
}

/** A workspace file's text, or undefined when it cannot be read. */
export type ReadText = (relative: string) => string | undefined;

function readFromDisk(root: string): ReadText {
  return (relative) => {
    try {
      return readFileSync(path.join(root, relative), 'utf8');
    } catch {
      return undefined;
    }
  };
}

// Synchronous reads: thousands of small files cost far less than one async round trip each.
function readsIn(files: string[], read: ReadText, fact?: FactOf): EnvRead[] {
  const out: EnvRead[] = [];
  for (const file of files) {
    if (!languageOf(file)) continue;
    const reads = fact ? fact(file, 'env-reads', (text) => findEnvReads(text, file)) : textReads(read, file);
    if (reads) out.push(...reads);
  }
  return out;
}

function textReads(read: ReadText, file: string): EnvRead[] | undefined {
  const text = read(file);
  return text === undefined ? undefined : findEnvReads(text, file);
}

/** The configured runbooks, plus a role's own runbook wherever its file already exists: writing it opts in. */
function effectiveRunbooks(config: SentinelConfig, read: ReadText): Record<string, RunbookRequirement> {
  const out = { ...config.runbooks };
  for (const [agent, requirement] of Object.entries(ROLE_RUNBOOKS)) {
    if (!(agent in out) && read(requirement.file) !== undefined) out[agent] = requirement;
  }
  return out;
}

/**
 * Check every configured runbook (or only `agents`) against the workspace. `read`: a shared
 * text cache when a gate run has one.
 */
export async function checkRunbooks(
  root: string,
  config: SentinelConfig,
  agents?: string[],
  read: ReadText = readFromDisk(root),
  activeLead?: string,
  owns?: (relative: string) => boolean,
  /** Per-file facts reused from the cache (GateInputs.fileFact). */
  fact?: FactOf,
  /** The workspace's files, sorted (GateInputs.workspaceFiles); listed here when not given. */
  files: () => Promise<readonly string[]> = () => listWorkspaceFiles(root),
): Promise<RunbookReport[]> {
  const reports: RunbookReport[] = [];
  for (const [agent, requirement] of Object.entries(effectiveRunbooks(config, read)).sort(([a], [b]) => a.localeCompare(b))) {
    if (agents && !agents.includes(agent)) continue;
    const inside = checkInside(root, requirement.file);
    if (!inside.ok) {
      const diagnostic = error('RUNBOOK_PATH_OUTSIDE_ROOT', `runbooks.${agent}.file: ${inside.message}`, {
        path: CONFIG_PATH,
        fix: 'Use a runbook path inside the workspace, e.g. ops/backend/runbook.md',
      });
      reports.push({ agent, file: requirement.file, exists: false, sections: [], envVarsRead: [], envVarsDocumented: [], diagnostics: [diagnostic] });
      continue;
    }
    const text = readTextIfExists(inside.absolute);
    const sources = await listSources(files, requirement.sourceGlobs);
    // Without a runbook there is nothing to compare env-var reads with: only the count of sources matters.
    // Sharded: only this shard's sources are read; `report merge` joins the names read.
    const reads = text === undefined ? [] : readsIn(owns ? sources.filter(owns) : sources, read, fact);
    reports.push(evaluateRunbook({ agent, requirement, text, sourceCount: sources.length, reads, required: activeLead === agent }));
  }
  return reports;
}
