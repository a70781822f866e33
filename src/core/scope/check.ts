import { capsuleSlug } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { ChangedFile } from '../git/git.js';
import { entryMatcher, scopeMatcher } from './match.js';

interface ScopeGrant {
  capsule: string;
  file?: string;
  section: 'Required Outputs' | 'Allowed Context';
  entry: string;
  line: number;
}

interface OutOfScopeFile {
  path: string;
  status: ChangedFile['status'];
  /** Set when this is the base side of a rename. */
  renamedTo?: string;
  /** Other capsules whose Required Outputs or Allowed Context cover the path. */
  grantedBy: ScopeGrant[];
}

interface ScopeInput {
  changed: readonly ChangedFile[];
  capsule: Capsule;
  /** Every capsule in the workspace (to say which one would grant an out-of-scope file). */
  allCapsules: readonly Capsule[];
  /** Paths any capsule may touch: its state, the ledger, the router log, config.scope.alwaysAllowed. */
  alwaysAllowed: readonly string[];
}

interface ScopeReport {
  checked: number;
  inScope: string[];
  outOfScope: OutOfScopeFile[];
  diagnostics: Diagnostic[];
}

/** The paths a change touches: both sides of a rename, the new side of a copy. */
export function touchedPaths(file: ChangedFile): { path: string; renamedTo?: string }[] {
  if (file.status === 'renamed' && file.oldPath) return [{ path: file.oldPath, renamedTo: file.path }, { path: file.path }];
  return [{ path: file.path }];
}

type GrantRule = ScopeGrant & { test: (file: string) => boolean };

/** Every capsule's Required Outputs and Allowed Context entries, compiled once. */
function grantRules(capsules: readonly Capsule[], exclude?: Capsule): GrantRule[][] {
  return capsules
    .filter((capsule) => !(exclude && capsule.file !== undefined && capsule.file === exclude.file))
    .map((capsule) => {
      const rules: GrantRule[] = [];
      const name = capsule.id ?? capsuleSlug(capsule);
      for (const [section, items] of [
        ['Required Outputs', capsule.requiredOutputs],
        ['Allowed Context', capsule.allowedContext],
      ] as const) {
        for (const item of items) {
          const test = entryMatcher(item.path);
          if (!test) continue;
          const rule: GrantRule = { capsule: name, section, entry: item.path, line: item.line, test };
          if (capsule.file) rule.file = capsule.file;
          rules.push(rule);
        }
      }
      return rules;
    });
}

/** Which capsules would grant a path, and through which entry (the first matching one per capsule). */
function grantsFrom(file: string, rules: GrantRule[][]): ScopeGrant[] {
  const grants: ScopeGrant[] = [];
  for (const capsuleRules of rules) {
    const rule = capsuleRules.find((r) => r.test(file));
    if (rule) {
      const { test: _test, ...grant } = rule;
      grants.push(grant);
    }
  }
  return grants;
}

/** Which capsules (other than `exclude`) would grant a path, and through which entry. */
export function grantsFor(file: string, capsules: readonly Capsule[], exclude?: Capsule): ScopeGrant[] {
  return grantsFrom(file, grantRules(capsules, exclude));
}

/** Every changed path must lie in the capsule's Required Outputs ∪ Allowed Context ∪ always-allowed paths. */
export function checkScope(input: ScopeInput): ScopeReport {
  // The capsule's own file is part of its work (it is often committed together with the change).
  const ownFile = input.capsule.file ? [input.capsule.file] : [];
  const own = scopeMatcher([
    ...input.capsule.requiredOutputs.map((i) => i.path),
    ...input.capsule.allowedContext.map((i) => i.path),
    ...ownFile,
    ...input.alwaysAllowed,
  ]);
  const name = input.capsule.id ?? capsuleSlug(input.capsule);
  const inScope: string[] = [];
  const outOfScope: OutOfScopeFile[] = [];
  let checked = 0;
  let rules: GrantRule[][] | undefined;
  for (const change of input.changed) {
    for (const touched of touchedPaths(change)) {
      checked++;
      if (own(touched.path)) {
        inScope.push(touched.path);
        continue;
      }
      const entry: OutOfScopeFile = {
        path: touched.path,
        status: change.status,
        grantedBy: grantsFrom(touched.path, (rules ??= grantRules(input.allCapsules, input.capsule))),
      };
      if (touched.renamedTo) entry.renamedTo = touched.renamedTo;
      outOfScope.push(entry);
    }
  }
  const diagnostics = outOfScope.map((file) => {
    const what = file.renamedTo ? `renamed to ${file.renamedTo}` : file.status;
    const granted = file.grantedBy.length
      ? `granted by: ${file.grantedBy.map((g) => `${g.capsule} (${g.section}: ${g.entry})`).join('; ')}`
      : 'granted by: none';
    const fix = file.grantedBy.length
      ? `Do this change in capsule ${file.grantedBy[0]!.capsule}, revert it here, or add \`${file.path}\` to ${name}'s Allowed Context`
      : `Revert it, add \`${file.path}\` to this capsule's Allowed Context (${input.capsule.file ?? name}), or write a new capsule for it`;
    return error('SCOPE_OUT_OF_SCOPE', `${file.path} (${what}) is outside capsule ${name}; ${granted}`, { path: file.path, fix });
  });
  return { checked, inScope, outOfScope, diagnostics };
}

/** The always-allowed paths of a capsule: its state file, the ledger, the router log, evidence, plus config. */
export function alwaysAllowedPaths(options: {
  statePath: string;
  ledger: string;
  routerLogDir: string;
  evidenceDir: string;
  extra: readonly string[];
}): string[] {
  return [options.statePath, options.ledger, options.routerLogDir, options.evidenceDir, ...options.extra];
}
