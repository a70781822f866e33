import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Capsule } from '../capsule/types.js';
import type { ChangedFile } from '../git/git.js';
import { ROLE_RUNBOOKS, type SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists, sha256 } from '../workspace/fs.js';
import { layoutOf } from '../workspace/layout.js';
import { normalizeRelative } from '../workspace/paths.js';

/**
 * Changes that are never the capsule's work, so never scope findings:
 * - what Sentinel itself writes (state, evidence, router logs, its temp and lock files);
 * - what `init` and `init --client` wrote before the capsule was routed (and the root manifest and
 *   lock file `npm i -D sentinelkit` changed): the files are hashed at
 *   routing (`routedFiles` in the state) and only a file still holding that content is excluded,
 *   so an edit after routing (a roster, a client config, AGENTS.md) is judged like any other;
 * - a lock file that follows a manifest already in the capsule's scope (`npm install` rewrote it);
 * - the spec-kit planning files of the capsule's own feature folder (not capsule.md).
 */
export type ExclusionReason = 'sentinel' | 'init-before-routing' | 'lock-file' | 'spec-kit';

export interface ExcludedChange {
  path: string;
  reason: ExclusionReason;
  why: string;
}

/** The client files `init --client` writes, and the agent-instruction files it adds a section to. */
const CLIENT_FILES = [
  '.mcp.json',
  '.claude/settings.json',
  '.codex/config.toml',
  '.cursor/mcp.json',
  '.cursor/hooks.json',
  '.vscode/mcp.json',
  '.gemini/settings.json',
  'AGENTS.md',
  'CLAUDE.md',
];

/** Lock files and the manifests they follow. */
const LOCKS: Record<string, string[]> = {
  'package-lock.json': ['package.json'],
  'npm-shrinkwrap.json': ['package.json'],
  'yarn.lock': ['package.json'],
  'pnpm-lock.yaml': ['package.json', 'pnpm-workspace.yaml'],
  'bun.lock': ['package.json'],
  'bun.lockb': ['package.json'],
  'Cargo.lock': ['Cargo.toml'],
  'poetry.lock': ['pyproject.toml'],
  'uv.lock': ['pyproject.toml'],
  'pdm.lock': ['pyproject.toml'],
  'Pipfile.lock': ['Pipfile'],
  'Gemfile.lock': ['Gemfile'],
  'go.sum': ['go.mod'],
  'composer.lock': ['composer.json'],
};

/** Where `init` writes (files and folders), for the routing snapshot. */
function initPlaces(config: SentinelConfig): { files: string[]; dirs: string[] } {
  const layout = layoutOf(config);
  const runbooks = [...Object.values(config.runbooks), ...Object.values(ROLE_RUNBOOKS)].map((r) => r.file);
  return {
    // `npm i -D sentinelkit` itself edits the root manifest and lock file before anything is routed.
    files: [
      layout.configFile,
      layout.contextLimits,
      layout.ledger,
      layout.secretsAllowlist,
      '.github/workflows/sentinel.yml',
      ...runbooks,
      ...CLIENT_FILES,
      'package.json',
      ...Object.keys(LOCKS),
    ].map(normalizeRelative),
    dirs: [layout.agentsDir, layout.templatesDir, layout.promptsDir, layout.contractsDir, layout.sentinelsDir, '.specify/specs/example', '.husky'].map(
      normalizeRelative,
    ),
  };
}

function filesUnder(root: string, dir: string, out: string[], depth = 0): void {
  if (depth > 6) return;
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(root, rel, out, depth + 1);
    else if (entry.isFile()) out.push(rel);
  }
}

const hashOf = (root: string, rel: string): string | undefined => {
  const text = readTextIfExists(path.join(root, rel));
  return text === undefined ? undefined : sha256(text);
};

/** The content hash of every file in init's places, taken when the capsule is first routed. */
export function routingSnapshot(root: string, config: SentinelConfig): Record<string, string> {
  const { files, dirs } = initPlaces(config);
  const all = [...files];
  for (const dir of dirs) filesUnder(root, dir, all);
  const snapshot: Record<string, string> = {};
  for (const rel of [...new Set(all)].sort()) {
    const hash = hashOf(root, rel);
    if (hash !== undefined) snapshot[rel] = hash;
  }
  return snapshot;
}

const SPEC_KIT_PLANNING = ['spec.md', 'plan.md', 'tasks.md', 'research.md'];

interface ExclusionInput {
  root: string;
  config: SentinelConfig;
  capsule: Capsule;
  changed: readonly ChangedFile[];
  /** Hashes taken at routing (state `routedFiles`); none for a capsule routed before they were kept. */
  snapshot?: Record<string, string>;
  /** Is a path inside the capsule's Required Outputs or Allowed Context? */
  inScope: (file: string) => boolean;
}

/** Split the changed files into those the scope gate judges and those it leaves out, with why. */
export function excludeNotTheCapsules(input: ExclusionInput): { judged: ChangedFile[]; excluded: ExcludedChange[] } {
  const layout = layoutOf(input.config);
  const own = [layout.stateDir, layout.evidenceDir, layout.routerLogDir, layout.tmpDir, layout.cacheDir].map(
    (d) => `${normalizeRelative(d).replace(/\/$/, '')}/`,
  );
  const sentinelDir = `${normalizeRelative(layout.sentinelDir)}/`;
  const feature = input.capsule.file ? path.posix.dirname(input.capsule.file) : undefined;
  const changedPaths = input.changed.map((c) => c.path);
  const judged: ChangedFile[] = [];
  const excluded: ExcludedChange[] = [];
  for (const change of input.changed) {
    const reason = whyExcluded(change, input, { own, sentinelDir, feature, inScopeFiles: changedPaths });
    if (reason) excluded.push({ path: change.path, ...reason });
    else judged.push(change);
  }
  return { judged, excluded };
}

function whyExcluded(
  change: ChangedFile,
  input: ExclusionInput,
  at: { own: string[]; sentinelDir: string; feature: string | undefined; inScopeFiles: string[] },
): { reason: ExclusionReason; why: string } | undefined {
  const file = change.path;
  // A rename's old side is part of the change; judge renames as they are.
  if (change.status === 'renamed') return undefined;
  if (at.own.some((dir) => file.startsWith(dir)) || (file.startsWith(at.sentinelDir) && file.endsWith('.lock'))) {
    return { reason: 'sentinel', why: 'written by Sentinel itself (state, evidence, router log, temp or lock file)' };
  }
  const recorded = input.snapshot?.[file];
  if (recorded !== undefined && change.status !== 'deleted' && hashOf(input.root, file) === recorded) {
    return { reason: 'init-before-routing', why: 'written before the capsule was routed (sentinel init / init --client) and unchanged since' };
  }
  const base = path.posix.basename(file);
  const manifests = LOCKS[base];
  if (manifests) {
    const dir = path.posix.dirname(file);
    const prefix = dir === '.' ? '' : `${dir}/`;
    // Its own folder's manifest, or a changed one below it (a workspace package), in scope.
    const candidates = [...manifests.map((m) => `${prefix}${m}`), ...at.inScopeFiles];
    const manifest = candidates.find((c) => c.startsWith(prefix) && manifests.includes(path.posix.basename(c)) && input.inScope(c));
    if (manifest) return { reason: 'lock-file', why: `lock file that follows ${manifest}, which is in the capsule's scope` };
  }
  if (at.feature && path.posix.dirname(file) === at.feature && SPEC_KIT_PLANNING.includes(base)) {
    return { reason: 'spec-kit', why: "a spec-kit planning file of the capsule's own feature folder" };
  }
  return undefined;
}
