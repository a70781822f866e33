import { readdirSync } from 'node:fs';
import path from 'node:path';
import { capsuleSlug, findCapsule } from '../capsule/discover.js';
import { git } from '../git/git.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { resolveActiveCapsule } from '../state/state.js';
import type { Caller } from '../workspace/caller.js';

export const TRAILER_KEYS = { capsule: 'Sentinel-Capsule', decision: 'Sentinel-Decision', evidence: 'Sentinel-Evidence' } as const;

interface ProvenanceTrailers {
  capsule: string;
  decision?: string;
  evidence?: string;
}

/** The newest evidence file of a capsule (`.sentinel/evidence/<slug>/<time>.json`), workspace-relative. */
function latestEvidence(root: string, slug: string): string | undefined {
  const dir = path.posix.join('.sentinel/evidence', slug);
  try {
    const files = readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith('.json'))
      .sort();
    return files.length ? `${dir}/${files[files.length - 1]}` : undefined;
  } catch {
    return undefined;
  }
}

/** The trailers for a commit made now: the active capsule's id, its decision and latest evidence. */
export async function trailersForActiveCapsule(root: string, config: SentinelConfig, caller?: Caller): Promise<ProvenanceTrailers | undefined> {
  const ref = resolveActiveCapsule(root, config, undefined, caller);
  if (!ref) return undefined;
  const capsule = await findCapsule(root, config, ref);
  const slug = capsuleSlug(capsule);
  const out: ProvenanceTrailers = { capsule: capsule.id ?? slug };
  const decision = capsule.routerNotes.decision;
  if (decision) out.decision = decision;
  const evidence = latestEvidence(root, slug);
  if (evidence) out.evidence = evidence;
  return out;
}

/** Add the trailers to a commit message with `git interpret-trailers` (existing equal ones are kept once). */
export async function addTrailers(root: string, message: string, trailers: ProvenanceTrailers): Promise<string> {
  const args = ['interpret-trailers', '--if-exists', 'addIfDifferent', '--trailer', `${TRAILER_KEYS.capsule}: ${trailers.capsule}`];
  if (trailers.decision) args.push('--trailer', `${TRAILER_KEYS.decision}: ${trailers.decision}`);
  if (trailers.evidence) args.push('--trailer', `${TRAILER_KEYS.evidence}: ${trailers.evidence}`);
  const result = await git(root, args, message);
  if (result.code !== 0) throw new Error(`git interpret-trailers failed: ${result.stderr.trim()}`);
  return result.stdout;
}
