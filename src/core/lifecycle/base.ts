import { capsuleSlug, findCapsule } from '../capsule/discover.js';
import { SentinelError, usageError } from '../errors.js';
import { EMPTY_TREE, commitExists, headCommit, isAncestorOrEqual, resolveBase } from '../git/git.js';
import { readState, resolveActiveCapsule } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';

export type BaseSource = 'recorded' | 'explicit' | 'default';

/** The diff base the gates judge from, and why: every report that names a base names this. */
export interface BaseChoice {
  commit: string;
  source: BaseSource;
  reason: string;
  /** The base recorded in the capsule's state when it was routed, if any. */
  recorded?: string;
  /** The --base the caller passed, if any. */
  explicit?: string;
}

interface RecordedBase {
  slug: string;
  commit?: string;
}

const short = (sha: string): string => (sha === EMPTY_TREE ? 'the empty tree' : sha.slice(0, 12));

/** The capsule the run is about (explicit, $SENTINEL_CAPSULE or active) and the base its state recorded. */
export async function recordedBaseOf(root: string, config: SentinelConfig, ref?: string): Promise<RecordedBase | undefined> {
  const wanted = resolveActiveCapsule(root, config, ref);
  if (!wanted) return undefined;
  let slug = wanted;
  let loaded = safeReadState(root, config, slug);
  if (!loaded) {
    try {
      slug = capsuleSlug(await findCapsule(root, config, wanted));
    } catch (err) {
      if (err instanceof SentinelError) return undefined;
      throw err;
    }
    loaded = safeReadState(root, config, slug);
  }
  const commit = loaded?.state.base?.commit;
  return { slug, ...(typeof commit === 'string' ? { commit } : {}) };
}

function safeReadState(root: string, config: SentinelConfig, slug: string) {
  if (!/^[\w.@-]+$/.test(slug)) return undefined;
  try {
    return readState(root, config, slug);
  } catch {
    return undefined;
  }
}

interface ChooseBaseOptions {
  explicit?: string;
  /** The explicit ref already resolved by the caller. */
  explicitCommit?: string;
  recorded?: RecordedBase;
  /** `capsule done`: a base that hides part of the capsule's work is refused, not just noted. */
  forDone?: boolean;
}

/**
 * The one place the diff base is chosen. A capsule's recorded base (HEAD when it was routed) wins,
 * so committed work is judged too; an explicit --base is taken only when it is at or before the
 * recorded one (it then covers all the capsule's work) — `capsule done` refuses a later one.
 */
export async function chooseBase(root: string, options: ChooseBaseOptions): Promise<BaseChoice> {
  const { explicit, recorded } = options;
  const slug = recorded?.slug ?? 'the capsule';
  const recordedCommit = recorded?.commit;
  const recordedOk = recordedCommit !== undefined && (await commitExists(root, recordedCommit));
  if (recordedCommit !== undefined && !recordedOk && options.forDone) {
    throw usageError(
      'BASE_RECORDED_MISSING',
      `The base recorded when ${slug} was routed (${short(recordedCommit)}) is not a commit in this repository any more`,
      {
        fix: `Fetch or restore that commit (history rewritten or garbage-collected), or pass --base with a commit at or before it`,
      },
    );
  }
  const withRecorded = recordedCommit !== undefined ? { recorded: recordedCommit } : {};
  if (explicit !== undefined) {
    const commit = options.explicitCommit ?? (await resolveBase(root, explicit));
    const at = { explicit, ...withRecorded };
    if (!recordedOk) return { commit, source: 'explicit', reason: `--base ${explicit} (${short(commit)}), as asked`, ...at };
    if (await isAncestorOrEqual(root, commit, recordedCommit)) {
      return {
        commit,
        source: 'explicit',
        reason: `--base ${explicit} (${short(commit)}) is at or before ${short(recordedCommit)}, the base recorded when ${slug} was routed, so it covers all of its work`,
        ...at,
      };
    }
    if (options.forDone) {
      throw usageError(
        'BASE_AFTER_RECORDED',
        `--base ${explicit} (${short(commit)}) is not at or before ${short(recordedCommit)}, the base recorded when ${slug} was routed: it would hide part of the capsule's work from the gates`,
        {
          fix: `Drop --base (the recorded base is used), or pass a commit at or before ${short(recordedCommit)}`,
        },
      );
    }
    return {
      commit,
      source: 'explicit',
      reason: `--base ${explicit} (${short(commit)}), as asked; it leaves out part of ${slug}'s work since its recorded base ${short(recordedCommit)}, so \`capsule done\` will not accept it`,
      ...at,
    };
  }
  if (recordedOk)
    return {
      commit: recordedCommit,
      source: 'recorded',
      reason: `recorded when ${slug} was routed: all of its work since then (committed or not) is judged`,
      ...withRecorded,
    };
  const commit = await resolveBase(root);
  const why =
    recordedCommit !== undefined
      ? `the base recorded for ${slug} (${short(recordedCommit)}) is gone; `
      : recorded
        ? `${slug} has no recorded base (routed before bases were recorded); `
        : '';
  return { commit, source: 'default', reason: `${why}${await describeDefault(root, commit)}`, ...withRecorded };
}

async function describeDefault(root: string, commit: string): Promise<string> {
  if (commit === EMPTY_TREE) return 'the empty tree: the repository has no commits yet';
  if (commit === (await headCommit(root)))
    return 'HEAD: no routed capsule, and HEAD is the default branch (committed work is not judged; route a capsule to judge its commits)';
  return `merge-base of HEAD with the default branch (${short(commit)})`;
}
