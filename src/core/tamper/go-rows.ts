import { writtenTwice } from './facts.js';

/**
 * Go table-driven tests: how many rows the table a `for … range cases {` loops over holds, so its
 * body's assertions (and `t.Run` subtests) count once per row. Only a table held in a name that is
 * written once as a composite literal and used only by this loop is counted (`cases := []struct{…}{…}`);
 * anything else is not known and counts as one row.
 */

const OPEN: Record<string, number> = { '{': 1, '(': 1, '[': 1, '}': -1, ')': -1, ']': -1 };

/** Elements of the composite literal whose type starts at `at` in blanked code (`[]struct{ a int }{{1}, {2}}` → 2). */
function literalElements(code: string, at: number): number | undefined {
  let i = at;
  // The type: `[]T`, `[]*T`, `map[K]V`, with an inline `struct { … }` skipped whole.
  const type = /^(?:\[\]|map\[[\w.*]*\])\s*\*?\s*(?:struct\s*(?=\{)|[\w.]+\s*(?=\{))/.exec(code.slice(i));
  if (!type) return undefined;
  i += type[0].length;
  if (/struct\s*$/.test(type[0])) {
    let depth = 0;
    for (; i < code.length; i++) {
      depth += code[i] === '{' ? 1 : code[i] === '}' ? -1 : 0;
      if (depth === 0) break;
    }
    i++;
    while (/\s/.test(code[i] ?? '')) i++;
  }
  if (code[i] !== '{') return undefined;
  // Elements: the non-empty parts between commas at the literal's own depth.
  let depth = 0;
  let parts = 0;
  let filled = false;
  for (; i < code.length; i++) {
    const ch = code[i]!;
    if (depth === 1 && ch === ',') {
      if (filled) parts++;
      filled = false;
      continue;
    }
    if (OPEN[ch]) depth += OPEN[ch];
    if (depth === 0) return parts + (filled ? 1 : 0);
    if (depth > 1 || (ch !== '{' && !/\s/.test(ch))) filled = true;
  }
  return undefined;
}

/** `for _, tc := range []struct{…}{…} {`: the table written inline after `range`. */
const INLINE_TABLE = /^for\b.*?\brange\s+((?:\[\]|map\[).*)$/;

/** A `for … range` header whose table is written inline and not finished yet: its braces are the literal's, not a block. */
export const inlineTableOpen = (header: string): boolean => {
  const inline = INLINE_TABLE.exec(header)?.[1];
  return inline !== undefined && literalElements(inline, 0) === undefined;
};

/** Rows of the table a `for` header ranges over (`for _, tc := range cases`, or one written inline), when it is a literal table; else undefined. */
export function rangeRows(header: string, code: string): number | undefined {
  const inline = INLINE_TABLE.exec(header)?.[1];
  if (inline !== undefined) return literalElements(inline, 0);
  const name = /\brange\s+([A-Za-z_]\w*)\s*$/.exec(header)?.[1];
  if (!name) return undefined;
  if (!writtenTwice(code, name)) return undefined;
  const decl = new RegExp(`(?<![\\w.])${name}\\s*(?::=|=)\\s*`).exec(code);
  return decl ? literalElements(code, decl.index + decl[0].length) : undefined;
}
