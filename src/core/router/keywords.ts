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

/** A keyword's stemmed words, kept: the roster's keywords are matched against every capsule section. */
const keywordStems = new Map<string, readonly string[]>();
const MAX_KEYWORDS = 5_000;

export function stemmedKeyword(keyword: string): readonly string[] {
  let stems = keywordStems.get(keyword);
  if (!stems) {
    if (keywordStems.size >= MAX_KEYWORDS) keywordStems.clear();
    keywordStems.set(keyword, (stems = stemmedWords(keyword)));
  }
  return stems;
}

/** Stemmed words with where each word occurs: every role's keywords are looked up in one text. */
export interface WordIndex {
  words: readonly string[];
  at: ReadonlyMap<string, readonly number[]>;
}

export function indexWords(words: readonly string[]): WordIndex {
  const at = new Map<string, number[]>();
  words.forEach((word, i) => {
    const list = at.get(word);
    if (list) list.push(i);
    else at.set(word, [i]);
  });
  return { words, at };
}

/** True when the keyword (one word or a phrase) occurs in the stemmed word list as a whole-word sequence. */
export function containsKeyword(haystack: readonly string[] | WordIndex, keyword: string): boolean {
  const { words, at } = Array.isArray(haystack) ? indexWords(haystack) : (haystack as WordIndex);
  const needle = stemmedKeyword(keyword);
  if (needle.length === 0) return false;
  outer: for (const i of at.get(needle[0]!) ?? []) {
    if (i + needle.length > words.length) return false;
    for (let j = 1; j < needle.length; j++) {
      if (words[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}
