/**
 * Lines Sentinel itself writes into a capsule (`capsule new`, `capsule from-spec`). They say how
 * the capsule was made, not what the work is about, so the router gives them no points.
 */
export const NO_LEAD_NOTE = 'Routing: no preferred lead; `sentinel route` picks one';

/** The Router Notes line `capsule from-spec` writes about its source folder. */
export function specSourceNote(dir: string, files: readonly string[]): string {
  return `Source: spec-kit folder \`${dir}/\` (${files.join(', ')})`;
}

const SPEC_SOURCE = /^Source: spec-kit folder `[^`]*\/` \([^()]*\)$/;

/** True for a Router Notes item that is one of the lines above (whitespace-insensitive). */
export function isBoilerplateNote(text: string): boolean {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat === NO_LEAD_NOTE || SPEC_SOURCE.test(flat);
}
