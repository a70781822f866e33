import { sha256 } from '../workspace/fs.js';
import { DEFAULT_NEVER_OUTPUTS, DEFAULT_OWNS } from './ownership.js';

/** Bump when the scoring rules change meaning; it is part of the router rules hash in every log line. */
const SCORING_RULES_VERSION = 'sentinel-router-scoring@2';

/**
 * Points per keyword found in a capsule section (each keyword counts once per section). Goal and
 * Required Outputs say what the work IS; the other sections mostly say what it touches.
 */
export const SECTION_WEIGHTS = {
  goal: 3,
  requiredOutputs: 3,
  acceptanceCriteria: 1,
  allowedContext: 1,
  routerNotes: 1,
} as const;

export type ScoredSection = keyof typeof SECTION_WEIGHTS;

/** Points per Required Output that falls under a glob the role owns (the narrowest owner only). */
export const PATH_WEIGHT = 5;

/**
 * Up to this many outputs count in full; beyond it the path points are shared out, so a long list
 * of files in one place cannot outvote what the Goal says the work is.
 */
export const PATH_FULL_OUTPUTS = 2;

/** Points per keyword found only in the path of a Required Output (its folder or file name). */
export const OUTPUT_PATH_WORD_WEIGHT = 1;

/** A keyword phrase of n words counts n times its section's points, up to this many. */
export const PHRASE_CAP = 3;

/** Points added to a Router Notes lead that does not contradict its charter (it is also chosen outright). */
export const LEAD_WEIGHT = 10;

/** How many candidates the explanation lists at least. */
export const EXPLAIN_TOP = 3;

/** sha256 over everything that decides a score, so a log line says exactly which rules produced it. */
export const SCORING_RULES_HASH = sha256(
  JSON.stringify({
    version: SCORING_RULES_VERSION,
    sections: SECTION_WEIGHTS,
    path: PATH_WEIGHT,
    pathFull: PATH_FULL_OUTPUTS,
    outputPathWord: OUTPUT_PATH_WORD_WEIGHT,
    phraseCap: PHRASE_CAP,
    specificity: 'kind>prefix',
    lead: LEAD_WEIGHT,
    owns: DEFAULT_OWNS,
    never: DEFAULT_NEVER_OUTPUTS,
    ties: ['path', 'goalOutputsKeywords', 'lead', 'id'],
  }),
);

/** `<router rulesHash>+sha256:<scoring hash>`; `ROUTER@none` when the roster has no router role. */
export function routerRulesHash(routerAgentRulesHash: string | undefined): string {
  return `${routerAgentRulesHash ?? 'ROUTER@none'}+sha256:${SCORING_RULES_HASH}`;
}
