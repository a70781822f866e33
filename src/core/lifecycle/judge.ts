import { runGates, selectGates } from '../gates/run.js';
import { createGateClock } from '../gates/clock.js';
import { createGateInputs } from '../gates/inputs.js';
import type { GateName, GateResult } from '../gates/types.js';
import { isGitRepo } from '../git/git.js';
import { canonicalJson } from '../schema/canonical-json.js';
import type { Caller } from '../workspace/caller.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { sha256 } from '../workspace/fs.js';
import { chooseBase, type BaseChoice } from './base.js';
import { refereeConfigAt, refereeSettingsAt, type RefereeConfig } from './referee-settings.js';
import type { SettingsSource } from '../workspace/settings-source.js';

/** Gates `capsule done` runs: every gate except the MCP smoke test, minus config.gates.disabled. */
const doneGates = (config: SentinelConfig): GateName[] => selectGates({ skip: ['mcp'] }, config.gates.disabled);

interface JudgeOptions {
  /** The base recorded in the capsule's state at routing. */
  recordedBase?: string;
  /** An explicit --base: accepted only at or before the recorded one. */
  base?: string;
  onProgress?: (gate: GateName, message: string) => void;
  onGateDone?: (result: GateResult) => void;
  signal?: AbortSignal;
  caller?: Caller;
  /** `sentinel verify`: judge base..this commit (the one that recorded done), not the working tree. */
  diffTo?: string;
}

interface Judgement {
  choice: BaseChoice | null;
  referee: RefereeConfig;
  /** The roster, limits and allowlist at the base; undefined: the working tree's. */
  settings: SettingsSource | undefined;
  results: GateResult[];
}

type JudgeSetup = Omit<Judgement, 'results'> & { gitRepo: boolean };

/**
 * What `capsule done` and `sentinel verify` judge by: the base recorded at routing (a later --base
 * is refused), and the referee's config, roster, context limits and allowlist as committed there.
 */
export async function judgeSetup(
  root: string,
  workingConfig: SentinelConfig,
  slug: string,
  options: Pick<JudgeOptions, 'recordedBase' | 'base'> = {},
): Promise<JudgeSetup> {
  const gitRepo = await isGitRepo(root);
  const recorded = { slug, ...(options.recordedBase ? { commit: options.recordedBase } : {}) };
  const choice =
    options.base !== undefined || gitRepo
      ? await chooseBase(root, { ...(options.base !== undefined ? { explicit: options.base } : {}), recorded, forDone: true })
      : null;
  // The working tree is the lead's to change; the referee's settings are read at the base.
  const referee: RefereeConfig = gitRepo
    ? await refereeConfigAt(root, choice?.commit ?? null, workingConfig)
    : { config: workingConfig, source: 'working tree', reason: 'not a git repository' };
  const settings = gitRepo ? await refereeSettingsAt(root, choice?.commit ?? null, referee.config) : undefined;
  return { gitRepo, choice, referee, settings };
}

/** Run the done gates on the tree, judged as `judgeSetup` says (computed here when not given). */
export async function judgeCapsule(
  root: string,
  workingConfig: SentinelConfig,
  slug: string,
  options: JudgeOptions = {},
  setup?: JudgeSetup,
): Promise<Judgement> {
  const { gitRepo, choice, referee, settings } = setup ?? (await judgeSetup(root, workingConfig, slug, options));
  const clock = createGateClock();
  const inputs = createGateInputs({
    clock,
    root,
    config: referee.config,
    capsule: slug,
    requireOutputs: true,
    known: { isGitRepo: gitRepo, ...(choice ? { baseChoice: choice } : {}) },
    ...(settings ? { settings } : {}),
    ...(options.base !== undefined ? { baseRef: options.base } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.caller ? { caller: options.caller } : {}),
    ...(options.diffTo !== undefined ? { diffTo: options.diffTo } : {}),
  });
  let results: GateResult[];
  try {
    results = await runGates(doneGates(referee.config), inputs, options.onGateDone, clock);
  } finally {
    clock.stop();
  }
  return { choice, referee, settings, results };
}

/**
 * The seal of an evidence record: sha256 of its canonical JSON without the seal. Unkeyed on
 * purpose — any key on this machine is readable by the agent — so it only binds the record to the
 * tree, base, capsule and config it names; `sentinel verify` in CI is what makes a forgery fail.
 */
export function evidenceSeal(record: Record<string, unknown>): string {
  const { seal: _seal, ...rest } = record;
  return sha256(`sentinel-evidence-v1\n${canonicalJson(rest)}`);
}
