import { signature, uniqueKeys, type FileFacts, type TestFacts, type Weakening, type WeakeningKind } from './facts.js';
import { findMarkers } from './markers.js';
import { linesEndingInString, stripPython } from './strip.js';

/** One logical Python statement: continuation lines joined, strings and comments blanked. */
interface Stmt {
  line: number;
  indent: number;
  text: string;
  /** The same statement as written, aligned with `text` character for character: literals keep their contents. */
  raw: string;
}
interface Block {
  stmt: Stmt;
  children: Block[];
}

const BRACKETS: Record<string, number> = { '(': 1, '[': 1, '{': 1, ')': -1, ']': -1, '}': -1 };
const COMPOUND = /^(?:async\s+)?(?:if|elif|else|while|for|try|except|finally|with|def|class|match|case)\b/;

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

function statements(code: string, original: string): Stmt[] {
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

function tree(stmts: Stmt[]): Block[] {
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
function topLevelParts(text: string): string[] {
  const code = stripPython(text);
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

/** Index of the bracket closing the one at `open`, or -1. */
function closingParen(text: string, open: number): number {
  const code = stripPython(text);
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (BRACKETS[code[i]!]) depth += BRACKETS[code[i]!];
    if (depth === 0) return i;
  }
  return -1;
}

/** The arguments of the call whose `(` is at `open`. */
function callArgs(text: string, open: number): string[] {
  const close = closingParen(text, open);
  return topLevelParts(close === -1 ? text.slice(open + 1) : text.slice(open + 1, close));
}

/** Truth of a constant Python expression (`True`, `0`, `"x"`, `not None`, `1 == 1`), else undefined. */
function constantTruth(expr: string): boolean | undefined {
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
    const same = a === b;
    const literal = (x: string) => /^(?:[-+]?\d+(?:\.\d+)?|True|False|None)$/.test(x);
    if (same || (literal(a) && literal(b))) return (cmp[2] === '==' || cmp[2] === 'is') === same;
  }
  return undefined;
}

const UNITTEST_TRUE = /^(?:assertTrue|assert_|failUnless|assertIsNotNone)$/;
const UNITTEST_FALSE = /^(?:assertFalse|failIf|assertIsNone)$/;
const UNITTEST_EQUAL =
  /^(?:assertEqual|assertEquals|assertIs|assertListEqual|assertDictEqual|assertTupleEqual|assertSetEqual|assertSequenceEqual|assertCountEqual|assertAlmostEqual|assertMultiLineEqual|assert_equal|assert_array_equal)$/;
const ASSERT_CALL = /\b(?:self\.(assert\w*|fail\w*)|(?:\w+\.)*(assert_\w+)|pytest\.(raises|warns|fail|approx))\s*\(/g;
const TERMINATOR = /^(?:return\b|raise\b|(?:sys\.)?exit\s*\(|os\._exit\s*\(|quit\s*\()/;
const EXIT = /\b(?:sys\.exit|os\._exit|os\.abort)\s*\(|^(?:exit|quit)\s*\(|\bos\.kill\s*\(\s*os\.getpid\s*\(/;

interface Ctx {
  test?: TestFacts;
  unreachable: boolean;
  swallowed: boolean;
}

/** Syntax-level facts of a pytest/unittest file, from its tokens (no Python parser). */
export function pyFacts(file: string, text: string): FileFacts {
  const code = stripPython(text);
  const blocks = tree(statements(code, text));
  const tests: TestFacts[] = [];
  const weakenings: Weakening[] = [];
  const helpers = new Map<string, Block>();
  const helperCounts = new Map<string, number>();
  const weaken = (kind: WeakeningKind, stmt: Stmt, detail: string, what = stmt.text) =>
    weakenings.push({ kind, line: stmt.line, text: signature(what), detail });

  const defName = (stmt: Stmt) => /^(?:async\s+)?def\s+(\w+)\s*\(/.exec(stmt.text)?.[1];
  const collect = (list: Block[]) => {
    for (const b of list) {
      const name = defName(b.stmt);
      if (name && !name.startsWith('test')) helpers.set(name, b);
      collect(b.children);
    }
  };
  collect(blocks);

  /** Assertions a helper makes, with the helpers it calls (each once). */
  const helperAssertions = (name: string, seen = new Set<string>()): number => {
    const cached = helperCounts.get(name);
    if (cached !== undefined) return cached;
    if (seen.has(name)) return 0;
    seen.add(name);
    let count = 0;
    const visit = (b: Block) => {
      count += assertionsIn(b.stmt).length;
      for (const h of calledHelpers(b.stmt.text)) if (h !== name) count += helperAssertions(h, seen);
      b.children.forEach(visit);
    };
    helpers.get(name)!.children.forEach(visit);
    helperCounts.set(name, count);
    return count;
  };
  const calledHelpers = (stmtText: string) =>
    [...helpers.keys()].filter((h) => !/^(?:async\s+)?def\s/.test(stmtText) && new RegExp(`(?<![\\w.])${h}\\s*\\(`).test(stmtText));

  /** Every assertion in a statement: `{ what, tautology }` (`what` blanked, truth judged on the code as written). */
  function assertionsIn({ text: stmtText, raw }: Stmt): { what: string; tautology: boolean }[] {
    const found: { what: string; tautology: boolean }[] = [];
    if (/^assert\b/.test(stmtText)) {
      const parts = topLevelParts(raw.slice('assert'.length));
      // `assert (x, "msg")` asserts a non-empty tuple: always true.
      found.push({ what: stmtText, tautology: parts[0] !== undefined && constantTruth(parts[0]) === true });
    }
    for (const m of stmtText.matchAll(ASSERT_CALL)) {
      const name = m[1] ?? m[2] ?? m[3] ?? '';
      const args = callArgs(raw, m.index + m[0].length - 1);
      let tautology = false;
      if (UNITTEST_TRUE.test(name) && args[0] !== undefined) tautology = constantTruth(args[0]) === true;
      else if (UNITTEST_FALSE.test(name) && args[0] !== undefined) tautology = constantTruth(args[0]) === false;
      else if (UNITTEST_EQUAL.test(name) && args.length >= 2) tautology = constantTruth(`${args[0]} == ${args[1]}`) === true;
      found.push({ what: `${m[0]}${callArgs(stmtText, m.index + m[0].length - 1).join(',')})`, tautology });
    }
    return found;
  }

  /** An `except` clause that neither re-raises nor checks what it caught. */
  const swallows = (handler: Block): boolean => {
    const all: Block[] = [];
    const gather = (b: Block) => (all.push(b), b.children.forEach(gather));
    handler.children.forEach(gather);
    return !all.some((b) => /^raise\b/.test(b.stmt.text) || assertionsIn(b.stmt).length > 0 || calledHelpers(b.stmt.text).some((h) => helperAssertions(h) > 0));
  };

  function checkStatement(stmt: Stmt, ctx: Ctx): void {
    for (const a of assertionsIn(stmt)) {
      if (ctx.test) ctx.test.assertions++;
      if (ctx.unreachable) weaken('unreachable', stmt, `${a.what.trim()} can never run`, a.what);
      else if (ctx.swallowed) weaken('swallowed', stmt, `${a.what.trim()} runs inside a try whose except swallows its failure`, a.what);
      else if (a.tautology) weaken('tautology', stmt, `${stmt.text} passes whatever the code under test does`, a.what);
    }
    for (const h of calledHelpers(stmt.text)) {
      const count = helperAssertions(h);
      if (ctx.test) ctx.test.assertions += count;
      if (count > 0 && ctx.unreachable) weaken('unreachable', stmt, `${h}() (${count} assertion(s)) can never run`);
      else if (count > 0 && ctx.swallowed) weaken('swallowed', stmt, `${h}() (${count} assertion(s)) runs inside a try whose except swallows its failure`);
    }
  }

  function walk(list: Block[], ctx: Ctx): void {
    let dead = ctx.unreachable;
    let chainTruth: boolean | undefined;
    list.forEach((b, i) => {
      const { text, raw } = b.stmt;
      const here: Ctx = { ...ctx, unreachable: dead };
      const keyword = /^(?:async\s+)?(\w+)/.exec(text)?.[1] ?? '';
      const isHeader = COMPOUND.test(text) && text.endsWith(':');
      if (!isHeader) {
        checkStatement(b.stmt, here);
        if (TERMINATOR.test(text)) dead = true;
        return;
      }
      const keywordless = (s: string) => s.replace(/^(?:if|elif|while|with|for)\b/, '');
      checkStatement({ ...b.stmt, text: keywordless(text), raw: keywordless(raw) }, here);
      let inner = here;
      if (keyword === 'if' || keyword === 'while') {
        const truth = constantTruth(raw.replace(/^(?:if|while)\s+/, '').slice(0, -1));
        chainTruth = keyword === 'if' ? truth : undefined;
        if (truth === false) inner = { ...here, unreachable: true };
        if (keyword === 'if' && truth === true && b.children.some((c) => TERMINATOR.test(c.stmt.text))) dead = true;
      } else if (keyword === 'elif') {
        const truth = constantTruth(raw.replace(/^elif\s+/, '').slice(0, -1));
        if (chainTruth === true || truth === false) inner = { ...here, unreachable: true };
        if (chainTruth !== true) chainTruth = truth;
      } else if (keyword === 'else') {
        if (chainTruth === true) inner = { ...here, unreachable: true };
      } else if (keyword === 'try') {
        const handlers: Block[] = [];
        for (let j = i + 1; j < list.length && /^(?:except|else|finally)\b/.test(list[j]!.stmt.text); j++) {
          if (/^except\b/.test(list[j]!.stmt.text)) handlers.push(list[j]!);
        }
        if (handlers.some(swallows)) inner = { ...here, swallowed: true };
      } else if (keyword === 'with' && /\bsuppress\s*\(/.test(text)) inner = { ...here, swallowed: true };
      if (keyword !== 'elif' && keyword !== 'else' && keyword !== 'if') chainTruth = undefined;
      const name = defName(b.stmt);
      // A `def test_*` inside a test is a local function, not a test pytest collects.
      if (name?.startsWith('test') && !ctx.test) return visitTest(b, name, here);
      walk(b.children, inner);
    });
  }

  const classes: string[] = [];
  /** Tests pytest collects: module-level, or in a `Test*` class or a TestCase. */
  let collected = 0;
  const collectedClass: boolean[] = [];
  function visitTest(b: Block, name: string, ctx: Ctx): void {
    const facts: TestFacts = { key: [...classes, name].join('::'), line: b.stmt.line, assertions: 0, leaf: true };
    tests.push(facts);
    if (collectedClass.every(Boolean)) collected++;
    if (ctx.unreachable) weaken('unreachable', b.stmt, `test ${facts.key} is defined where it can never run`);
    walk(b.children, { test: facts, unreachable: false, swallowed: false });
  }

  function top(list: Block[]): void {
    for (const b of list) {
      const cls = /^class\s+(\w+)/.exec(b.stmt.text)?.[1];
      const name = defName(b.stmt);
      if (cls) {
        classes.push(cls);
        collectedClass.push(/^Test/.test(cls) || /\bTestCase\b/.test(b.stmt.text));
        top(b.children);
        classes.pop();
        collectedClass.pop();
      } else if (name?.startsWith('test')) visitTest(b, name, { unreachable: false, swallowed: false });
      else walk([b], { unreachable: false, swallowed: false });
    }
  }
  top(blocks);

  // File-wide: skip markers, process exits, replaced assertions.
  const lines = code.split('\n');
  for (const m of findMarkers(file, code)) weakenings.push({ kind: 'skip', line: m.line, text: signature(m.text), detail: `${m.marker} added: ${m.text}` });
  lines.forEach((line, index) => {
    const stmt = { line: index + 1, indent: 0, text: line.trim(), raw: line.trim() };
    if (/^pytestmark\s*=.*\bpytest\.mark\.(?:skip|skipif|xfail)\b/.test(stmt.text)) weaken('skip', stmt, `${stmt.text} skips every test in the file`);
    if (EXIT.test(stmt.text)) weaken('process-exit', stmt, `${stmt.text} ends the test process early`);
    if (/(?:\.assert\w*|\bAssertionError|\bpytest\.(?:fail|raises))\s*=(?!=)/.test(stmt.text) || /\bsetattr\s*\([^)]*\bassert\w*/.test(stmt.text)) {
      weaken('assert-reassigned', stmt, `${stmt.text} replaces an assertion`);
    }
  });
  uniqueKeys(tests);
  return { tests, weakenings, runnable: collected };
}
