import { realpathSync } from 'node:fs';
import path from 'node:path';
import { capsuleSlug, findCapsule, loadCapsules } from '../capsule/discover.js';
import { SentinelError } from '../errors.js';
import { capsuleAlwaysAllowed } from '../scope/allowed.js';
import { checkScope } from '../scope/check.js';
import { resolveActiveCapsule } from '../state/state.js';
import { layoutOf } from '../workspace/layout.js';
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

const inside = (file: string, dir: string): boolean => {
  const folder = dir.replace(/^\.\//, '').replace(/\/+$/, '');
  return file === folder || file.startsWith(`${folder}/`);
};

/**
 * What the referee reads to judge the lead (its capsule, state, evidence, router log, config),
 * from the configured layout; undefined for any other file.
 */
export function refereeFile(relative: string, config: SentinelConfig, capsuleFile: string | undefined): string | undefined {
  if (capsuleFile !== undefined && relative === capsuleFile) return 'the capsule you lead (scope and acceptance criteria are fixed when it is routed)';
  if (relative === CONFIG_PATH) return "Sentinel's configuration";
  if (inside(relative, config.stateDir)) return 'capsule state kept by Sentinel';
  if (inside(relative, layoutOf(config).evidenceDir)) return 'evidence written by the referee';
  if (inside(relative, config.routerLogDir)) return 'the router log';
  return undefined;
}

/**
 * `sentinel hook pre-edit`: an edit is allowed inside the active capsule's Required Outputs,
 * Allowed Context and always-allowed paths; blocked elsewhere. No active capsule → allowed.
 */
export async function preEditVerdict(root: string, config: SentinelConfig, input: HookInput, caller: Caller = {}): Promise<HookVerdict> {
  const files = editedFiles(input);
  if (files.length === 0) return { block: false, reason: 'sentinel: no file path in the hook input; nothing to check' };
  // A Codex patch may touch several files: the edit is blocked when any of them is.
  const verdicts: HookVerdict[] = [];
  for (const file of files) {
    const verdict = await fileVerdict(root, config, input, file, caller);
    if (verdict.block) return verdict;
    verdicts.push(verdict);
  }
  return verdicts.length === 1 ? verdicts[0]! : { block: false, reason: verdicts.map((v) => v.reason).join('\n') };
}

async function fileVerdict(root: string, config: SentinelConfig, input: HookInput, file: string, caller: Caller): Promise<HookVerdict> {
  const relative = workspaceRelative(root, file, hookCwd(input) ?? root);
  if (relative === undefined) {
    return { block: true, reason: `sentinel: ${file} is outside the workspace ${root}; capsule work stays inside it. Edit files of this repository only.` };
  }
  const active = resolveActiveCapsule(root, config, undefined, caller);
  if (!active) return { block: false, reason: 'sentinel: no active capsule, so edits are not scope-checked (route a capsule to turn the check on)' };
  let capsule;
  try {
    capsule = await findCapsule(root, config, active);
  } catch (err) {
    if (!(err instanceof SentinelError)) throw err;
    return { block: false, reason: `sentinel: the active capsule "${active}" cannot be found (${err.message}); edit not checked` };
  }
  const slug = capsuleSlug(capsule);
  const guarded = refereeFile(relative, config, capsule.file);
  if (guarded) {
    return {
      block: true,
      reason: `sentinel: blocked: ${relative} is ${guarded}; the agent under review does not edit what the referee judges it by.\nfix: leave it to Sentinel's own commands (\`sentinel capsule phase/done\`), or ask a human to change it and run \`sentinel route ${slug}\` again`,
    };
  }
  const alwaysAllowed = capsuleAlwaysAllowed(root, config, slug);
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
