import { error, type Diagnostic } from '../diagnostics.js';
import { EMPTY_TREE, showFile, type ChangedFile } from '../git/git.js';
import { readTreeFiles } from '../git/tree-files.js';
import { limitsCandidates } from '../context/limits.js';
import { touchedPaths } from '../scope/check.js';
import { diskSettings, mapSettings, type SettingsSource } from '../workspace/settings-source.js';
import { CONFIG_PATH, parseConfig } from '../workspace/config.js';
import { DEFAULT_CONFIG, type SentinelConfig } from '../workspace/config-types.js';

/**
 * The files the referee judges by. A lead may not change them in passing: a change is a finding
 * unless the capsule is led by the role that owns them (ROLES.md: the Context Warden owns context
 * budgets; the Releaser owns CI gates, hence the config, the secrets allowlist and the roster).
 */
interface RefereeSetting {
  path: string;
  what: string;
  owner: string;
  folder?: boolean;
}

function refereeSettings(config: SentinelConfig): RefereeSetting[] {
  return [
    { path: CONFIG_PATH, what: "Sentinel's configuration (gates, scope, budgets)", owner: 'releaser' },
    { path: config.contextLimits, what: 'the context limits', owner: 'contextwarden' },
    { path: config.secrets.allowlist, what: 'the secrets allowlist', owner: 'releaser' },
    { path: config.agentsDir, what: 'the roster (roles, playbooks, routing rules)', owner: 'releaser', folder: true },
  ];
}

const strip = (p: string): string => p.replace(/^\.\//, '').replace(/\/+$/, '');

function refereeSettingOf(file: string, config: SentinelConfig): RefereeSetting | undefined {
  return refereeSettings(config).find((s) => (s.folder ? file === strip(s.path) || file.startsWith(`${strip(s.path)}/`) : file === strip(s.path)));
}

/** A change to a referee setting by a capsule not led by its owner: never in scope. */
export function refereeSettingFindings(
  changed: readonly ChangedFile[],
  config: SentinelConfig,
  capsule: { name: string; lead?: string | undefined },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const change of changed) {
    for (const touched of touchedPaths(change)) {
      const setting = refereeSettingOf(touched.path, config);
      if (!setting || setting.owner === capsule.lead) continue;
      out.push(
        error(
          'REFEREE_SETTINGS_CHANGED',
          `${touched.path} (${setting.what}) changed since the base; capsule ${capsule.name}${capsule.lead ? ` (lead ${capsule.lead})` : ''} may not change what it is judged by`,
          {
            path: touched.path,
            fix: `Revert it (\`git checkout <base> -- ${touched.path}\`) and put the change in its own capsule led by ${setting.owner}`,
          },
        ),
      );
    }
  }
  return out;
}

export interface RefereeConfig {
  config: SentinelConfig;
  source: 'base' | 'defaults' | 'working tree';
  reason: string;
}

/**
 * The configuration `capsule done` judges with: the one committed at the base, so a lead that
 * disables a gate or widens `scope.alwaysAllowed` in its working tree changes nothing. No config
 * at the base means the defaults; a repository without commits has only its working tree.
 */
export async function refereeConfigAt(root: string, base: string | null, current: SentinelConfig): Promise<RefereeConfig> {
  if (base === null || base === EMPTY_TREE) return { config: current, source: 'working tree', reason: 'no commit to read the configuration from' };
  const text = await showFile(root, base, CONFIG_PATH);
  if (text === undefined) return { config: structuredClone(DEFAULT_CONFIG), source: 'defaults', reason: `no ${CONFIG_PATH} at the base` };
  try {
    return { config: parseConfig(text, `${CONFIG_PATH} at ${base.slice(0, 12)}`), source: 'base', reason: `${CONFIG_PATH} as committed at the base` };
  } catch {
    return { config: current, source: 'working tree', reason: `${CONFIG_PATH} at the base does not parse; the working-tree version is used` };
  }
}

/**
 * The roster, context limits and secrets allowlist as committed at the base, for the gates of
 * `capsule done` and `sentinel verify`. Undefined (the working tree) without a base commit. A
 * roster folder missing at the base (Sentinel set up in this very capsule) is read from the working
 * tree; adding it is a REFEREE_SETTINGS_CHANGED finding of its own.
 */
export async function refereeSettingsAt(root: string, base: string | null, config: SentinelConfig): Promise<SettingsSource | undefined> {
  if (base === null || base === EMPTY_TREE) return undefined;
  const agentsDir = config.agentsDir.replace(/^\.\//, '').replace(/\/+$/, '');
  const singles = [...limitsCandidates(config.contextLimits), config.secrets.allowlist];
  const files = await readTreeFiles(root, base, [agentsDir, ...singles]);
  const rosterAtBase = [...files.keys()].some((f) => f.startsWith(`${agentsDir}/`));
  return mapSettings(`base ${base.slice(0, 12)}`, files, rosterAtBase ? [agentsDir, ...singles] : singles, diskSettings(root));
}
