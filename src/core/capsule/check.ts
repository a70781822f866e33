import type { Roster } from '../agents/types.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { budgetFor, type Budget } from '../context/budget.js';
import { loadLimits, type LoadedLimits } from '../context/limits.js';
import type { WorkspaceView } from '../workspace/view.js';
import { createWorkspaceView } from '../workspace/disk-view.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { absoluteReader, diskSettings, type SettingsSource } from '../workspace/settings-source.js';
import { validateCapsule } from './validate.js';
import type { Capsule } from './types.js';

export interface CapsuleCheck {
  capsule: Capsule;
  ok: boolean;
  diagnostics: Diagnostic[];
}

export interface CapsuleChecker {
  limits: LoadedLimits;
  view: WorkspaceView;
  /** `view`: another view of the same workspace (check-memo.ts records what validation asks through it). */
  check(capsule: Capsule, view?: WorkspaceView): CapsuleCheck;
  /** The line budget a capsule file is validated against. */
  budgetOf(file: string | undefined): Budget;
}

/**
 * Load what validation needs once (limits, file list, roster), then check capsules against it.
 * `files`: the workspace file list when the caller already has it (a gate run shares one);
 * `settings`: where the context limits are read (the recorded base when `capsule done` judges).
 */
export async function createCapsuleChecker(
  root: string,
  config: SentinelConfig,
  roster: Roster,
  files?: string[],
  settings: SettingsSource = diskSettings(root),
): Promise<CapsuleChecker> {
  const limits = loadLimits(root, config.contextLimits, absoluteReader(root, settings));
  const view = await createWorkspaceView(root, roster, limits.limits.forbiddenPaths, files);
  const budgetOf = (file: string | undefined) => budgetFor(limits.limits, file ?? 'capsule.md', { maxLines: config.capsules.maxLines, source: 'config' });
  return {
    limits,
    view,
    check(capsule, through = view) {
      const diagnostics = sortDiagnostics(validateCapsule(capsule, through, { budget: budgetOf(capsule.file) }));
      return { capsule, ok: !hasErrors(diagnostics), diagnostics };
    },
    budgetOf,
  };
}
