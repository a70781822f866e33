/**
 * The rules' keyword pre-filter, in one pass over a text: a rule runs only on text holding one of
 * its keywords (case-insensitive). Searching for each of ~75 keywords separately read every file
 * ~75 times (plus a lower-cased copy); one alternation finds them all in a single read.
 */
export interface KeywordHits {
  /** Whether the keyword (by id) occurs in the text. */
  has(id: number): boolean;
  /** Where the keyword starts, in order (computed on demand). */
  positions(id: number): readonly number[];
}

export interface Prefilter {
  /** The distinct keywords, lower-cased; a rule names them by index. */
  keywords: readonly string[];
  find(text: string): KeywordHits;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * Keywords found on almost every line of code (`.`, `sk`, `://`) would make the shared pass stop
 * at every character; each is tested on its own instead, and such a search ends at its first hit.
 */
const isCommon = (k: string) => k.length < 3 || !/[a-z]/.test(k);

function allPositions(text: string, regex: RegExp): number[] {
  const out: number[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    out.push(m.index);
    regex.lastIndex = m.index + 1;
  }
  return out;
}

export function buildPrefilter(keywordList: readonly string[]): Prefilter {
  const keywords = [...new Set(keywordList.map((k) => k.toLowerCase()))];
  const shared = keywords.filter((k) => !isCommon(k)).sort((a, b) => b.length - a.length);
  // Longest first, so a match is the longest keyword starting there; the shorter keywords that
  // are its prefixes (`key` in `key-`) start there too.
  const sharedRegex = shared.length ? new RegExp(shared.map(escape).join('|'), 'gi') : undefined;
  // Each shared keyword's prefixes that are shared keywords too (itself included), by id in order.
  // Looked up prefix by prefix: comparing every pair cost 10–30 ms of a CLI start (the redactor builds this).
  const idOf = new Map(keywords.map((k, id) => [k, id]));
  const startingWith = new Map(
    shared.map((k) => {
      const ids: number[] = [];
      for (let end = 3; end <= k.length; end++) {
        const id = idOf.get(k.slice(0, end));
        if (id !== undefined && !isCommon(keywords[id]!)) ids.push(id);
      }
      return [k, ids.sort((a, b) => a - b)] as const;
    }),
  );
  const common = keywords.flatMap((k, id) => (isCommon(k) ? [{ id, regex: new RegExp(escape(k), 'gi') }] : []));

  function find(text: string): KeywordHits {
    const found = new Map<number, number[]>();
    if (sharedRegex) {
      sharedRegex.lastIndex = 0;
      for (let m = sharedRegex.exec(text); m; m = sharedRegex.exec(text)) {
        for (const id of startingWith.get(m[0].toLowerCase())!) {
          const list = found.get(id);
          if (list) list.push(m.index);
          else found.set(id, [m.index]);
        }
        // Next search from the following character: keywords may overlap (`sk-ant-` and `ant`).
        sharedRegex.lastIndex = m.index + 1;
      }
    }
    const commonPresent = new Map<number, RegExp>();
    for (const { id, regex } of common) {
      regex.lastIndex = 0;
      if (regex.test(text)) commonPresent.set(id, regex);
    }
    return {
      has: (id) => found.has(id) || commonPresent.has(id),
      positions: (id) => {
        const regex = commonPresent.get(id);
        if (regex && !found.has(id)) found.set(id, allPositions(text, regex));
        return found.get(id) ?? [];
      },
    };
  }
  return { keywords, find };
}
