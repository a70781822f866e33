/**
 * Keyword matching for the router: words are compared case-insensitively, on word boundaries,
 * after a deliberately small stemmer (plurals, -ing, -ed, a trailing e), so "migrations",
 * "migrating" and "migrated" all meet the keyword "migration"/"migrate" half-way.
 */

/** Split text into lower-case alphanumeric words; punctuation, slashes and dots are boundaries. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

const DOUBLE_CONSONANT = /([b-df-hj-np-tv-z])\1$/;

function undouble(word: string): string {
  // "logging" → "logg" → "log"; keep "add" (too short to undouble safely).
  return DOUBLE_CONSONANT.test(word) && word.length > 3 ? word.slice(0, -1) : word;
}

/** A tiny suffix stripper; both keywords and capsule text go through it, so it only has to be consistent. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3 || /^\d+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (/(?:s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

export const stemmedWords = (text: string): string[] => words(text).map(stem);

/** True when the keyword (one word or a phrase) occurs in the stemmed word list as a whole-word sequence. */
export function containsKeyword(haystack: readonly string[], keyword: string): boolean {
  const needle = stemmedWords(keyword);
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}
