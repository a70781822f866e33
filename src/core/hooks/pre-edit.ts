import { realpathSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { capsuleSlug, findCapsule, loadCapsuleFile, loadCapsules } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import { SentinelError } from '../errors.js';
import { alwaysAllowedFor, capsuleAlwaysAllowed } from '../scope/allowed.js';
import { checkScope } from '../scope/check.js';
import { newestActiveState, trustedState } from '../state/state.js';
import { isUnder, layoutOf } from '../workspace/layout.js';
import { CONFIG_PATH } from '../workspace/config.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { toPosix } from '../workspace/paths.js';
import { editedFiles, hookCwd, type HookInput, type HookVerdict } from './input.js';
import type { Caller } from '../workspace/caller.js';

/** Resolve symlinks on the part of the path that exists, so a link cannot smuggle an edit in or out. */
function realish(absolute: string): string {
  const rest: string[] = [];
  let probe = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(probe), ...rest.reverse());
    } catch {
      const parent = path.dirname(probe);
      if (parent === probe) return absolute;
      rest.push(path.basename(probe));
      probe = parent;
    }
  }
}

/** Workspace-relative POSIX path of the edited file, or undefined when it lies outside the root. */
function workspaceRelative(root: string, file: string, cwd: string): string | undefined {
  const rel = path.relative(realish(root), realish(path.resolve(cwd, file)));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return toPosix(rel);
}

/**
 * What the referee reads to judge the lead (its capsule, state, evidence, router log, config,
 * cache and temp files),
 * from the configured layout; undefined for any other file.
 */
export function refereeFile(relative: string, config: SentinelConfig, capsuleFile: string | undefined): string | undefined {
  if (capsuleFile !== undefined && relative === capsuleFile) return 'the capsule you lead (scope and acceptance criteria are fixed when it is routed)';
  if (relative === CONFIG_PATH) return "Sentinel's configuration";
  const layout = layoutOf(config);
  if (isUnder(relative, layout.stateDir)) return 'capsule state kept by Sentinel';
  if (isUnder(relative, layout.evidenceDir)) return 'evidence written by the referee';
  if (isUnder(relative, layout.routerLogDir)) return 'the router log';
  // Cached verdicts are signed, so an edit could not pass as one; still, no agent has business there.
  if (isUnder(relative, layout.cacheDir)) return "Sentinel's cache of earlier verdicts";
  if (isUnder(relative, layout.tmpDir)) return "Sentinel's temp and lock files";
  return undefined;
}

/** What every file of one edit is judged against: the active capsule and its always-allowed paths. */
type EditScope =
  { kind: 'none' } | { kind: 'missing'; active: string; message: string } | { kind: 'capsule'; capsule: Capsule; slug: string; alwaysAllowed: string[] };

/**
 * The active capsule, found from its state first: the state names the capsule file it was routed
 * from, so one file is read and parsed instead of listing and parsing every capsule. Only a state
 * Sentinel wrote (not hand-edited) is trusted for that, and only when the file still holds the
 * capsule of that slug; anything else looks the slug up among all capsules, as before.
 */
async function editScope(root: string, config: SentinelConfig, caller: Caller): Promise<EditScope> {
  const newest = caller.capsule ? undefined : newestActiveState(root, config);
  const active = caller.capsule || newest?.state.slug;
  if (!active) return { kind: 'none' };
  const trusted = newest && newest.fileSlug === active ? trustedState(root, config, active) : undefined;
  let capsule = trusted?.capsuleFile ? routedCapsule(root, config, trusted.capsuleFile, active) : undefined;
  try {
    capsule ??= await findCapsule(root, config, active);
  } catch (err) {
    if (!(err instanceof SentinelError)) throw err;
    return { kind: 'missing', active, message: err.message };
  }
  const slug = capsuleSlug(capsule);
  // The state read above is the one capsuleAlwaysAllowed would read again (same slug, same file).
  const alwaysAllowed =
    newest && slug === active && newest.fileSlug === active ? alwaysAllowedFor(config, slug, trusted) : capsuleAlwaysAllowed(root, config, slug);
  return { kind: 'capsule', capsule, slug, alwaysAllowed };
}

/**
 * The capsule file a state names, when the capsule lookup would list it (it matches the capsule
 * globs, outside node_modules) and it still parses to that slug.
 */
function routedCapsule(root: string, config: SentinelConfig, file: string, slug: string): Capsule | undefined {
  if (file.split('/').includes('node_modules') || !picomatch(config.capsules.globs, { dot: true })(file)) return undefined;
  try {
    const capsule = loadCapsuleFile(root, file);
    return capsuleSlug(capsule) === slug ? capsule : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `sentinel hook pre-edit`: an edit is allowed inside the active capsule's Required Outputs,
 * Allowed Context and always-allowed paths; blocked elsewhere. No active capsule → allowed.
 */
export async function preEditVerdict(root: string, config: SentinelConfig, input: HookInput, caller: Caller = {}): Promise<HookVerdict> {
  const files = editedFiles(input);
  if (files.length === 0) return { block: false, reason: 'sentinel: no file path in the hook input; nothing to check' };
  // A Codex patch may touch several files: the edit is blocked when any of them is. The
  // capsule and its always-allowed paths are resolved once, when the first file inside the
  // workspace needs them.
  let scope: Promise<EditScope> | undefined;
  const scopeOnce = () => (scope ??= editScope(root, config, caller));
  const verdicts: HookVerdict[] = [];
  for (const file of files) {
    const verdict = await fileVerdict(root, config, input, file, scopeOnce);
    if (verdict.block) return verdict;
    verdicts.push(verdict);
  }
  return verdicts.length === 1 ? verdicts[0]! : { block: false, reason: verdicts.map((v) => v.reason).join('\n') };
}

async function fileVerdict(root: string, config: SentinelConfig, input: HookInput, file: string, editScopeOf: () => Promise<EditScope>): Promise<HookVerdict> {
  const relative = workspaceRelative(root, file, hookCwd(input) ?? root);
  if (relative === undefined) {
    return { block: true, reason: `sentinel: ${file} is outside the workspace ${root}; capsule work stays inside it. Edit files of this repository only.` };
  }
  const scope = await editScopeOf();
  if (scope.kind === 'none')
    return { block: false, reason: 'sentinel: no active capsule, so edits are not scope-checked (route a capsule to turn the check on)' };
  if (scope.kind === 'missing') {
    return { block: false, reason: `sentinel: the active capsule "${scope.active}" cannot be found (${scope.message}); edit not checked` };
  }
  const { capsule, slug, alwaysAllowed } = scope;
  const guarded = refereeFile(relative, config, capsule.file);
  if (guarded) {
    return {
      block: true,
      reason: `sentinel: blocked: ${relative} is ${guarded}; the agent under review does not edit what the referee judges it by.\nfix: leave it to Sentinel's own commands (\`sentinel capsule phase/done\`), or ask a human to change it and run \`sentinel route ${slug}\` again`,
    };
  }
  const changed = [{ path: relative, status: 'modified' as const }];
  // Other capsules only explain a block ("granted by"): an edit in scope never reads them.
  const inScope = checkScope({ changed, capsule, allCapsules: [], alwaysAllowed });
  const report = inScope.outOfScope.length === 0 ? inScope : checkScope({ changed, capsule, allCapsules: await loadCapsules(root, config), alwaysAllowed });
  const name = capsule.id ?? slug;
  if (report.outOfScope.length === 0) return { block: false, reason: `sentinel: ${relative} is inside capsule ${name}` };
  // Nothing has been edited yet: speak of the edit about to happen, not of a change to revert.
  const out = report.outOfScope[0]!;
  const grants = out.grantedBy.map((g) => `${g.capsule} (${g.section}: ${g.entry})`).join('; ');
  const fix = out.grantedBy.length
    ? `make this edit in capsule ${out.grantedBy[0]!.capsule}, or add \`${relative}\` to ${name}'s Allowed Context first`
    : `leave ${relative} alone, add \`${relative}\` to ${name}'s Allowed Context first (${capsule.file ?? name}), or write a new capsule for it`;
  return {
    block: true,
    reason: `sentinel: blocked: editing ${relative} would go outside capsule ${name}${grants ? `; it belongs to ${grants}` : '; no capsule grants it'}.\nfix: ${fix}\n(Required Outputs and Allowed Context of ${capsule.file ?? name} decide what you may edit; \`sentinel scope\` shows them.)`,
  };
}
