import { comparisonTruth, signature } from './facts.js';
import { linesEndingInString, stripPython } from './strip.js';

/**
 * Python read from its tokens (no parser): logical statements with their indent, the block tree
 * they form, and the few expression shapes the tamper walk judges (call arguments, constants).
 */

/** One logical Python statement: continuation lines joined, strings and comments blanked. */
export interface Stmt {
  line: number;
  indent: number;
  text: string;
  /** The same statement as written, aligned with `text` character for character: literals keep their contents. */
  raw: string;
}
export interface Block {
  stmt: Stmt;
  children: Block[];
}

const BRACKETS: Record<string, number> = { '(': 1, '[': 1, '{': 1, ')': -1, ']': -1, '}': -1 };
export const COMPOUND = /^(?:async\s+)?(?:if|elif|else|while|for|try|except|finally|with|def|class|match|case)\b/;

/** Index of the colon that ends a compound statement's header (outside brackets), or -1. */
function headerColon(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (BRACKETS[ch]) depth = Math.max(0, depth + BRACKETS[ch]);
    else if (ch === ':' && depth === 0 && text[i + 1] !== '=') return i;
  }
  return -1;
}

/** `text` and its aligned original cut to the same range: the blanked text's surrounding whitespace. */
function trimAligned(text: string, raw: string): { text: string; raw: string } {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return { text: text.slice(start, end), raw: raw.slice(start, end) };
}

export function statements(code: string, original: string): Stmt[] {
  const out: Stmt[] = [];
  const rawLines = original.split('\n');
  const inString = linesEndingInString(original);
  let depth = 0;
  let continued = false;
  code.split('\n').forEach((codeLine, index) => {
    const line = codeLine.replace(/\r$/, '');
    const { text, raw } = trimAligned(line, (rawLines[index] ?? '').slice(0, line.length));
    if (depth > 0 || continued) {
      out.at(-1)!.text += ` ${text}`;
      out.at(-1)!.raw += ` ${raw}`;
    } else if (text !== '') {
      const indent = line.length - line.trimStart().length;
      const colon = COMPOUND.test(text) ? headerColon(text) : -1;
      // `if x: return` holds its body on the header line: split it off one level deeper.
      if (colon !== -1 && text.slice(colon + 1).trim() !== '') {
        out.push({ line: index + 1, indent, text: text.slice(0, colon + 1), raw: raw.slice(0, colon + 1) });
        out.push({ line: index + 1, indent: indent + 1, ...trimAligned(text.slice(colon + 1), raw.slice(colon + 1)) });
      } else out.push({ line: index + 1, indent, text, raw });
    }
    for (const ch of line) if (BRACKETS[ch]) depth = Math.max(0, depth + BRACKETS[ch]);
    // A line that ends inside a triple-quoted string goes on, whatever the indent of the next line.
    continued = /\\\s*$/.test(line) || inString.has(index);
  });
  return out;
}

export function tree(stmts: Stmt[]): Block[] {
  const root: Block[] = [];
  const stack: Block[] = [];
  for (const stmt of stmts) {
    while (stack.length && stack.at(-1)!.stmt.indent >= stmt.indent) stack.pop();
    const block: Block = { stmt, children: [] };
    (stack.at(-1)?.children ?? root).push(block);
    stack.push(block);
  }
  return root;
}

// The helpers below take code as written and read its structure on the stripped copy (same offsets),
// so a `,`, `(` or `==` inside a string counts for nothing while literals keep their contents.

/** Split on commas outside brackets. */
export function topLevelParts(text: string, code = stripPython(text)): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (BRACKETS[ch]) depth += BRACKETS[ch];
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}

/** Index of the bracket closing the one at `open`, or -1 (`code`: the stripped text, when the caller has it). */
function closingParen(text: string, open: number, code = stripPython(text)): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (BRACKETS[code[i]!]) depth += BRACKETS[code[i]!];
    if (depth === 0) return i;
  }
  return -1;
}

/**
 * The arguments of the call whose `(` is at `open`. `code` is the stripped text when the caller has
 * it: stripping the whole statement again per call is quadratic on a long one (a parametrize table).
 */
export function callArgs(text: string, open: number, code = stripPython(text)): string[] {
  const close = closingParen(text, open, code);
  const end = close === -1 ? text.length : close;
  return topLevelParts(text.slice(open + 1, end), code.slice(open + 1, end));
}

/** Truth of a constant Python expression (`True`, `0`, `"x"`, `not None`, `1 == 1`), else undefined. */
export function constantTruth(expr: string): boolean | undefined {
  const e = expr.trim();
  const code = stripPython(e);
  if (e.startsWith('(') && closingParen(e, 0) === e.length - 1) {
    const inner = e.slice(1, -1);
    if (topLevelParts(inner).length > 1 || /,\s*$/.test(code.slice(1, -1))) return true;
    return constantTruth(inner);
  }
  if (/^(?:True|Ellipsis|\.\.\.)$/.test(e)) return true;
  if (/^(?:False|None)$/.test(e)) return false;
  if (/^[-+]?\d[\d_]*(?:\.\d*)?$/.test(e)) return Number(e.replace(/_/g, '')) !== 0;
  // Exactly one string literal (stripped: its quotes around blanks): only the empty one is false.
  if (/^[rbuf]*('''|"""|'|") *\1$/i.test(code)) {
    // An f-string with a replacement field (`f"{x}"`) is empty when x is: not a constant.
    if (/^[rbu]*f/i.test(e) && /\{/.test(e.replace(/\{\{/g, ''))) return undefined;
    return !/^[rbuf]*('''|"""|'|")\1$/i.test(e);
  }
  if (/^\[.+\]$|^\{.+\}$/.test(code) && callArgs(e, 0).length > 0) return true;
  if (/^not\s/.test(code)) {
    const inner = constantTruth(e.slice(3));
    return inner === undefined ? undefined : !inner;
  }
  const cmp = /^(.+?)\s*(==|!=|is not|is)\s*(.+)$/.exec(code);
  if (cmp && !/[<>=!]/.test(cmp[3]!)) {
    const [a, b] = [signature(e.slice(0, cmp[1]!.length)), signature(e.slice(e.length - cmp[3]!.length))];
    const literal = (x: string) => /^(?:[-+]?\d+(?:\.\d+)?|True|False|None)$/.test(x);
    const truth = comparisonTruth(a, b, cmp[2] === '==' || cmp[2] === 'is', literal, () => !/[\w)\]]\s*\(/.test(cmp[1]!));
    if (truth !== undefined) return truth;
  }
  return undefined;
}

/**
 * The rows of a literal Python table (a list, tuple or set literal): how often a `for` over it or a
 * `parametrize` with it runs; undefined when it is not one (a name, a call, a starred item).
 */
export function literalRows(expr: string): number | undefined {
  const e = expr.trim();
  const code = stripPython(e);
  if (!/^[[({]/.test(code) || closingParen(e, 0, code) !== e.length - 1) return undefined;
  const parts = callArgs(e, 0, code);
  if (parts.some((p) => p.startsWith('*'))) return undefined;
  // `(x)` is x, not a one-row tuple; `{k: v}` is a dict.
  if (code.startsWith('(') && parts.length === 1 && !/,\s*\)$/.test(code)) return undefined;
  if (code.startsWith('{') && parts.some((p) => /^[^([{]*:/.test(stripPython(p)))) return undefined;
  return parts.length;
}

/** A `return` among the statements (not inside a nested def or class). */
export function returnsIn(list: Block[]): boolean {
  return list.some((b) => /^return\b/.test(b.stmt.text) || (!/^(?:async\s+)?def\s|^class\s/.test(b.stmt.text) && returnsIn(b.children)));
}

/** `@pytest.mark.parametrize("a,b", [(1, 2), (2, 4)])`: its table (the test runs once per row), as written. */
export function parametrizeTable(decorator: Stmt): string | undefined {
  const at = /^@pytest\.mark\.parametrize\s*\(/.exec(decorator.text);
  if (!at) return undefined;
  const args = callArgs(decorator.raw, at[0].length - 1, decorator.text);
  const table = args.find((a, i) => i === 1 && !/^\w+\s*=/.test(a)) ?? args.find((a) => /^argvalues\s*=/.test(a))?.replace(/^argvalues\s*=\s*/, '');
  return table;
}
