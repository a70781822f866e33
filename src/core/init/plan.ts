import path from 'node:path';
import type { SentinelConfig } from '../workspace/config-types.js';
import { normalizeText } from '../workspace/fs.js';
import { normalizeRelative, toPosix } from '../workspace/paths.js';
import type { ProjectFacts } from './detect.js';
import { serviceSourceGlobs } from './service.js';
import { CONFIG_PATH, SENTINEL_DIR, TEMPLATES_DIR } from '../workspace/layout.js';

/** A file `init` wants in the workspace: where it goes and what it holds. */
export interface InitSource {
  /** Workspace-relative POSIX destination. */
  path: string;
  /** Where it comes from, for reports: `assets/agents/backender/ROLE.md`, `generated`. */
  source: string;
  content: string;
}

export type InitAction = 'created' | 'unchanged' | 'kept-modified' | 'replaced' | 'conflict' | 'would-create' | 'would-replace';

export interface InitFilePlan {
  path: string;
  source: string;
  action: InitAction;
  /** With --force: where the user's version is copied before it is replaced. */
  backup?: string;
  /** Why a file is kept or blocked. */
  note?: string;
}

export interface InitOptions {
  dryRun: boolean;
  force: boolean;
}

/** What exists at a destination: nothing, a file with its text, or something that is not a file. */
export type Existing = { kind: 'missing' } | { kind: 'file'; text: string } | { kind: 'other'; what: string };

/** Asset folders and where they land. `init/<rel>` maps through the configured paths. */
export function destinationFor(group: 'agents' | 'templates' | 'init', assetRelative: string, config: SentinelConfig): string {
  const rel = normalizeRelative(assetRelative);
  if (group === 'agents') return path.posix.join(normalizeRelative(config.agentsDir), rel);
  if (group === 'templates') return path.posix.join(TEMPLATES_DIR, rel);
  if (rel === 'config.json') return CONFIG_PATH;
  if (rel === 'context-limits.json') return normalizeRelative(config.contextLimits);
  if (rel === 'DECISIONS.md') return normalizeRelative(config.ledger);
  if (rel.startsWith('contracts/')) return path.posix.join(normalizeRelative(config.contractsDir), rel.slice('contracts/'.length));
  if (rel.startsWith('sentinels/')) return path.posix.join(normalizeRelative(config.sentinels.dir), rel.slice('sentinels/'.length));
  if (rel.startsWith('specify/')) return `.${rel}`;
  return path.posix.join(SENTINEL_DIR, rel);
}

/** Relative POSIX path of `file` under `base`, whatever separators the host uses. */
export function assetRelative(base: string, file: string, pathApi: path.PlatformPath = path): string {
  return toPosix(pathApi.relative(base, file));
}

/** Absolute host path of a workspace-relative POSIX path. */
export function joinRoot(root: string, relative: string, pathApi: path.PlatformPath = path): string {
  return pathApi.join(root, ...relative.split('/'));
}

/**
 * The config `init` proposes: the shipped base with `gates.commands` filled from the project.
 * `$schema` points into node_modules when the project can install sentinelkit there.
 */
export function renderConfig(baseText: string, facts: ProjectFacts): string {
  const config = JSON.parse(normalizeText(baseText)) as Record<string, any>;
  if (facts.ecosystems.includes('node')) config.$schema = '../node_modules/sentinelkit/schemas/config.schema.json';
  const commands: Record<string, string> = {};
  for (const command of facts.commands) commands[command.name] = command.run;
  config.gates = { ...(config.gates ?? {}), commands };
  // A runbook is asked for only where there is a service to run; a library or CLI has none.
  if (facts.service) {
    const sourceGlobs = serviceSourceGlobs(facts.service);
    config.runbooks = {
      backender: { file: 'ops/backend/runbook.md', template: '.sentinel/templates/runbook.backender.md', ...(sourceGlobs ? { sourceGlobs } : {}) },
    };
  }
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** First free backup name: `x.bak`, then `x.bak.1`, `x.bak.2`… (a backup is never overwritten). */
export function backupPath(relative: string, taken: (candidate: string) => boolean): string {
  let candidate = `${relative}.bak`;
  for (let n = 1; taken(candidate); n++) candidate = `${relative}.bak.${n}`;
  return candidate;
}

/**
 * Decide what happens to each file. Text is compared after BOM/CRLF normalisation, so a
 * Windows checkout of an unchanged asset counts as unchanged. A differing file is the user's:
 * kept, unless --force, which replaces it after a backup.
 */
export function planInit(
  sources: readonly InitSource[],
  existing: (relative: string) => Existing,
  taken: (relative: string) => boolean,
  options: InitOptions,
): InitFilePlan[] {
  const plans: InitFilePlan[] = [];
  const reserved = new Set<string>();
  for (const source of [...sources].sort((a, b) => a.path.localeCompare(b.path))) {
    const base = { path: source.path, source: source.source };
    const found = existing(source.path);
    if (found.kind === 'missing') {
      plans.push({ ...base, action: options.dryRun ? 'would-create' : 'created' });
    } else if (found.kind === 'other') {
      plans.push({ ...base, action: 'conflict', note: `${found.what} is in the way; move it and run init again` });
    } else if (normalizeText(found.text) === normalizeText(source.content)) {
      plans.push({ ...base, action: 'unchanged' });
    } else if (options.force) {
      const backup = backupPath(source.path, (candidate) => reserved.has(candidate) || taken(candidate));
      reserved.add(backup);
      plans.push({ ...base, action: options.dryRun ? 'would-replace' : 'replaced', backup });
    } else {
      plans.push({ ...base, action: 'kept-modified', note: 'differs from the shipped version; kept (--force replaces it and keeps a .bak copy)' });
    }
  }
  return plans;
}

export type InitSummary = Record<InitAction, number>;

export function summarize(plans: readonly InitFilePlan[]): InitSummary {
  const summary: InitSummary = { created: 0, unchanged: 0, 'kept-modified': 0, replaced: 0, conflict: 0, 'would-create': 0, 'would-replace': 0 };
  for (const plan of plans) summary[plan.action]++;
  return summary;
}

/** True when the run wrote (or would write) nothing. */
export function nothingToDo(plans: readonly InitFilePlan[]): boolean {
  return plans.every((p) => p.action === 'unchanged' || p.action === 'kept-modified' || p.action === 'conflict');
}
