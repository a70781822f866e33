import { inlineTableOpen, rangeRows } from './go-rows.js';
import { comparisonTruth, countOnce, signature, uniqueKeys, type FileFacts, type TestFacts, type Weakening, type WeakeningKind } from './facts.js';
import { goNeverBuilt } from './go-build.js';
import { findMarkers } from './markers.js';
import { stripGo } from './strip.js';

interface Frame {
  /** Code in this block never runs (`if false {`, after `return`). */
  dead: boolean;
  /** Truth of the `if` this block belongs to, for its `else`. */
  truth?: boolean | undefined;
  test?: TestFacts;
  /** The test and the tests around it (`t.Run` subtests): each counts the assertions inside. */
  lineage: TestFacts[];
  /** The test whose body this block is (it ends when the block closes). */
  opens?: TestFacts;
  /** A `func TestMain(m *testing.M)` body: must call m.Run(). */
  main?: { line: number; runs: boolean; text: string; param: string };
  /** A top-level function that is not a test: its assertions count where it is called. */
  helper?: GoHelper;
  /** A `for … range` over a literal table: its body runs once per row. */
  times?: number;
  /** An `if`/`else` block: a `return` in it ends the test only sometimes. */
  branch?: boolean;
  /** After such a block returned: what follows in this block runs only sometimes. */
  sometimes?: boolean;
  /** It reports a failure (`t.Errorf(…); return`): its return is no quiet exit. */
  reports?: boolean;
}

/** A top-level function of the package that is not a test (`func checkTotal(t *testing.T, …)`). */
export interface GoHelper {
  assertions: number;
  /** Names of functions it calls (helpers among them add their assertions). */
  calls: string[];
  /** It calls `t.Helper()`: it reports failures for its caller. */
  marked: boolean;
}

/** A call from a test to a function that may be a helper, resolved once every helper is known. */
interface PendingCall {
  name: string;
  lineage: TestFacts[];
  /** For each test of the lineage, how many times the call runs per run of that test. */
  times: number[];
  withT: boolean;
  dead: boolean;
  line: number;
  what: string;
}

/** Truth of a constant Go condition (`false`, `1 == 2`, `x != x`), else undefined. */
function constantTruth(cond: string): boolean | undefined {
  const c = cond
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .trim();
  if (c === 'true') return true;
  if (c === 'false') return false;
  const not = /^!\s*(.+)$/.exec(c);
  if (not) {
    const inner = constantTruth(not[1]!);
    return inner === undefined ? undefined : !inner;
  }
  // Names and literals only (no call): `x != x` is fixed, `f() != f()` is not.
  const cmp = /^([\w.]+)\s*(==|!=)\s*([\w.]+)$/.exec(c);
  return cmp
    ? comparisonTruth(
        cmp[1]!,
        cmp[3]!,
        cmp[2] === '==',
        (x) => /^(?:-?\d+(?:\.\d+)?|true|false|nil)$/.test(x),
        () => true,
      )
    : undefined;
}

const CALL = /(?<![\w.])([A-Za-z_]\w*)\s*\(/g;
const KEYWORDS = new Set([
  'if',
  'for',
  'switch',
  'select',
  'func',
  'return',
  'go',
  'defer',
  'make',
  'new',
  'len',
  'cap',
  'append',
  'panic',
  'recover',
  'copy',
  'delete',
]);
const parenDelta = (s: string) => {
  let n = 0;
  for (const ch of s) n += ch === '(' ? 1 : ch === ')' ? -1 : 0;
  return n;
};

const TERMINATOR = /^(?:return\b|panic\s*\(|os\.Exit\s*\(|runtime\.Goexit\s*\(|\w+\.SkipNow\s*\()/;
const TESTIFY = /\b(assert|require)\.(\w+)\s*\(/g;

/** The helpers (top-level functions that are not tests) of a Go file of the package, by name. */
export function goHelpers(text: string): Map<string, GoHelper> {
  return scanGo('helpers.go', text).helpers;
}

/**
 * Syntax-level facts of a Go test file, from its tokens (no Go parser). `packageHelpers` are the
 * helpers of the other files of its package (same folder): a test calling one counts its assertions.
 */
export function goFacts(file: string, text: string, packageHelpers?: ReadonlyMap<string, GoHelper>): FileFacts {
  const scan = scanGo(file, text);
  const helpers = new Map([...(packageHelpers ?? []), ...scan.helpers]);
  const totals = new Map<string, number>();
  const total = (name: string, seen = new Set<string>()): number => {
    const h = helpers.get(name);
    return h ? countOnce(name, totals, seen, () => h.assertions + h.calls.reduce((sum, c) => sum + total(c, seen), 0)) : 0;
  };
  for (const call of scan.pending) {
    const h = helpers.get(call.name);
    // A helper reports for the test it is handed (`check(t, …)`) or marks itself one (`t.Helper()`).
    if (!h || !(h.marked || call.withT)) continue;
    const n = total(call.name);
    call.lineage.forEach((t, i) => (t.assertions += n * call.times[i]!));
    if (n > 0 && call.dead) scan.weaken('unreachable', call.line, call.what, `${call.name}() (${n} assertion(s)) can never run`);
  }
  // Helpers of this file no code in it calls (a shared helpers_test.go): their assertions are loose.
  const called = new Set([...scan.pending.map((c) => c.name), ...[...scan.helpers.values()].flatMap((h) => h.calls)]);
  let loose = scan.loose;
  const own = new Map<string, number>();
  const uncalled = new Set<string>();
  for (const name of scan.helpers.keys()) {
    own.set(name, total(name));
    if (called.has(name)) continue;
    uncalled.add(name);
    loose += own.get(name)!;
  }
  return { tests: scan.tests, weakenings: scan.weakenings, runnable: scan.runnable, loose, helpers: { totals: own, uncalled } };
}

function scanGo(file: string, text: string) {
  const code = stripGo(text);
  const originalLines = text.split('\n');
  const tests: TestFacts[] = [];
  const weakenings: Weakening[] = [];
  const weaken = (kind: WeakeningKind, line: number, what: string, detail: string) => weakenings.push({ kind, line, text: signature(what), detail });
  // Names bound to *testing.T/B/F in this file: their Error/Fatal calls are assertions.
  const params = new Set(['t', 'b', 'f', 'tb']);
  for (const m of code.matchAll(/(\w+)\s+\*?testing\.(?:T|B|F|TB)\b/g)) params.add(m[1]!);
  const names = [...params].join('|');
  const failCall = new RegExp(`\\b(?:${names})\\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\\s*\\(`, 'g');

  /** `segment` is blanked code, `raw` the same characters as written: arguments are compared with their literals. */
  const assertionsIn = (segment: string, raw: string): { what: string; tautology: boolean }[] => {
    const found = [...segment.matchAll(failCall)].map(() => ({ what: segment, tautology: false }));
    for (const m of segment.matchAll(TESTIFY)) {
      const args: string[] = [];
      let start = m.index + m[0].length;
      for (let i = start; i <= segment.length; i++) {
        if (i < segment.length && segment[i] !== ',' && segment[i] !== ')') continue;
        args.push(raw.slice(start, i).trim());
        start = i + 1;
      }
      const fn = m[2]!;
      let tautology = false;
      if (/^(?:True|False|Nil|NotNil|Empty|NotEmpty|Zero|NotZero)$/.test(fn)) tautology = /^(?:true|false|nil|\d+)$/.test(args[1] ?? '');
      else if (/^(?:Equal|EqualValues|Exactly|Same)$/.test(fn))
        // The same call on both sides may give two values (a determinism check): only pure operands are the same value.
        tautology =
          args[1] !== undefined &&
          args[1] !== '' &&
          ((args[1] === args[2] && !/\(/.test(args[1])) || (/^-?\d+$/.test(args[1]) && /^-?\d+$/.test(args[2] ?? '')));
      const blanked = segment
        .slice(m.index + m[0].length)
        .split(/[,)]/)
        .map((a) => a.trim());
      found.push({ what: `${m[0]}${blanked.slice(1, 3).join(',')}`, tautology });
    }
    return found;
  };

  const topLevel = new Set<TestFacts>();
  const helpers = new Map<string, GoHelper>();
  const pending: PendingCall[] = [];
  const testParam = new RegExp(`\\b(?:${names})\\b`);
  const marksHelper = new RegExp(`\\b(?:${names})\\.Helper\\s*\\(`);
  let loose = 0;
  const stack: Frame[] = [{ dead: false, lineage: [] }];
  // Braces of composite literals inside a call or condition (`Total([]int{1, 2})`) open no block.
  let literalDepth = 0;
  let lastClosed: Frame | undefined;
  // Inside the braces of a table written in a `for … range` header: they belong to the literal.
  let inTable = false;
  // Where each test's body opened on the stack: the table loops inside it multiply what it runs.
  const openedAt = new Map<TestFacts, number>();
  const timesIn = (t: TestFacts) => stack.slice(openedAt.get(t)! + 1).reduce((n, f) => n * (f.times ?? 1), 1);
  const lines = code.split('\n');
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    // Segments between braces, each handled at the depth it sits in.
    const parts = line.split(/([{}])/);
    const original = originalLines[index] ?? '';
    let header = '';
    // Parentheses open in the header so far, kept as segments are added (not recounted per brace).
    let parens = 0;
    let at = 0;
    for (const part of parts) {
      const rawPart = original.slice(at, at + part.length);
      at += part.length;
      const frame = stack.at(-1)!;
      const h = part === '{' ? header.trim() : '';
      if (part === '{' && ((parens > 0 && !/\bfunc\s*\([^()]*\)[\w\s.*[\]]*$/.test(h)) || inTable || (literalDepth === 0 && inlineTableOpen(h)))) {
        if (literalDepth === 0) inTable = parens === 0;
        literalDepth++;
        header = `${header}{`;
      } else if (part === '}' && literalDepth > 0) {
        literalDepth--;
        if (literalDepth === 0) inTable = false;
        header = `${header}}`;
      } else if (part === '{') {
        const open: Frame = { dead: frame.dead, lineage: frame.lineage, ...(frame.sometimes ? { sometimes: true } : {}) };
        if (/^(?:}\s*)?(?:else\b|if\b)/.test(h)) open.branch = true;
        if (frame.test) open.test = frame.test;
        const testFn = /^func\s+(Test\w*)\s*\(\s*\w+\s+\*testing\.T\s*\)/.exec(h);
        const mainFn = /^func\s+TestMain\s*\(\s*(\w+)\s+\*testing\.M\s*\)/.exec(h);
        const subtest = /\b\w+\.Run\s*\(.*func\s*\(\s*\w+\s+\*testing\.T\s*\)\s*$/.exec(h);
        const helperFn = /^func\s+(\w+)\s*\(/.exec(h);
        if (mainFn && stack.length === 1) open.main = { line: lineNo, runs: false, text: h, param: mainFn[1]! };
        else if (helperFn && !testFn && stack.length === 1 && !/^(?:Test|Benchmark|Fuzz|Example)/.test(helperFn[1]!)) {
          open.helper = { assertions: 0, calls: [], marked: false };
          helpers.set(helperFn[1]!, open.helper);
        } else if ((testFn && stack.length === 1) || subtest) {
          const name = testFn ? testFn[1]! : (/"([^"]*)"/.exec(originalLines[index] ?? '')?.[1] ?? `sub@${lineNo}`);
          const facts: TestFacts = { key: frame.test ? `${frame.test.key}/${name}` : name, line: lineNo, assertions: 0, leaf: true };
          // A subtest in a loop over a table runs once per row.
          const runs = frame.test ? timesIn(frame.test) : 1;
          if (runs !== 1) facts.runs = runs;
          openedAt.set(facts, stack.length);
          if (frame.test) frame.test.leaf = false;
          if (testFn) topLevel.add(facts);
          tests.push(facts);
          if (frame.dead) weaken('unreachable', lineNo, h, `test ${facts.key} is defined where it can never run`);
          open.test = facts;
          open.lineage = [...frame.lineage, facts];
          open.opens = facts;
          open.dead = false;
        }
        const cond = /^(?:}\s*)?(?:else\s+)?(?:if|for)\s+(?:.*;\s*)?(.+)$/.exec(h);
        const rows = /^for\b/.test(h) ? rangeRows(h, code) : undefined;
        if (rows !== undefined) open.times = rows;
        if (cond && !/:=|\brange\b/.test(cond[1]!)) {
          const truth = constantTruth(cond[1]!);
          open.truth = truth;
          if (truth === false) open.dead = true;
        } else if (/^else$/.test(h) && lastClosed?.truth === true) open.dead = true;
        stack.push(open);
        header = '';
        parens = 0;
      } else if (part === '}') {
        if (stack.length > 1) {
          lastClosed = stack.pop();
          if (lastClosed?.main && !lastClosed.main.runs) {
            weaken('skip', lastClosed.main.line, lastClosed.main.text, 'TestMain never calls m.Run(): no test in the package runs');
          }
        }
        header = '';
        parens = 0;
      } else {
        const segment = part.trim();
        if (!segment) continue;
        const lead = part.length - part.trimStart().length;
        const rawSegment = rawPart.slice(lead, lead + segment.length);
        header = `${header} ${segment}`.trim();
        parens += parenDelta(segment);
        if (/^else\b/.test(segment) && !/^else\s+if\b/.test(segment)) {
          header = 'else';
          parens = 0;
        }
        const helper = stack.find((f) => f.helper)?.helper;
        const main = stack.find((f) => f.main)?.main;
        // Only the captured M runs the tests: `m.Run()`, or m handed on (`goleak.VerifyTestMain(m)`, `os.Exit(run(m))`).
        if (main && new RegExp(`\\b${main.param}\\.Run\\s*\\(\\s*\\)|[(,]\\s*${main.param}\\s*[,)]`).test(segment)) main.runs = true;
        // Each `case` of a switch/select starts afresh: a `return` in one leaves the next reachable.
        if (/^(?:case\b.*|default)\s*:/.test(segment)) frame.dead = stack.at(-2)?.dead ?? false;
        for (const a of assertionsIn(segment, rawSegment)) {
          frame.reports = true;
          for (const t of frame.lineage) {
            t.assertions += timesIn(t);
            if (frame.sometimes) t.conditional = (t.conditional ?? 0) + timesIn(t);
          }
          if (helper) helper.assertions++;
          else if (frame.lineage.length === 0) loose++;
          if (frame.dead) weaken('unreachable', lineNo, a.what, `${a.what.trim()}… can never run`);
          else if (a.tautology) weaken('tautology', lineNo, a.what, `${segment} passes whatever the code under test does`);
        }
        // A recover whose result is thrown away swallows the panic; `if r := recover(); r != nil { t.Fatal(r) }` checks it.
        if (/^(?:_\s*=\s*)?recover\s*\(\s*\)\s*;?$/.test(segment) && frame.test)
          weaken('swallowed', lineNo, segment, `${segment} in test ${frame.test.key} swallows panics from the code under test`);
        if (/&testing\.T\s*\{\s*$|\bnew\s*\(\s*testing\.T\s*\)/.test(segment) || /&testing\.T$/.test(segment)) {
          weaken('assert-reassigned', lineNo, segment, `${segment} checks against a throwaway testing.T: its failures are never reported`);
        }
        if (/\b(?:os\.Exit|syscall\.Exit)\s*\(\s*\d+\s*\)/.test(segment)) weaken('process-exit', lineNo, segment, `${segment} ends the test binary early`);
        if (helper && marksHelper.test(segment)) helper.marked = true;
        for (const m of segment.matchAll(CALL)) {
          const name = m[1]!;
          if (KEYWORDS.has(name)) continue;
          if (helper) helper.calls.push(name);
          else if (frame.lineage.length > 0) {
            const withT = testParam.test(segment.slice(m.index + m[0].length));
            if (withT) frame.reports = true;
            pending.push({ name, lineage: frame.lineage, times: frame.lineage.map(timesIn), withT, dead: frame.dead, line: lineNo, what: segment });
          }
        }
        if (TERMINATOR.test(segment) && stack.length > 1) frame.dead = true;
        // `if os.Getenv("X") == "" { return }`: the rest of the test runs only sometimes.
        if (/^return\b/.test(segment) && frame.branch && !frame.reports && frame.truth === undefined && stack.length > 2) stack.at(-2)!.sometimes = true;
      }
    }
  });
  for (const m of findMarkers(file, code))
    weakenings.push({ kind: 'skip', line: m.line, text: signature(m.text), detail: `${m.marker} added: ${m.text.trim()}` });
  const never = goNeverBuilt(file, text);
  if (never) {
    const detail = `${never.what} leaves the file out of a plain \`go test\` on every platform${/build\s/.test(never.what) ? ' (a custom tag is set only by -tags)' : ''}: none of its ${topLevel.size} test(s) run`;
    weakenings.push({ kind: 'skip', line: never.line, text: signature(`build:${never.what}`), detail });
  }
  uniqueKeys(tests);
  return { tests, weakenings, runnable: topLevel.size, helpers, pending, loose, weaken };
}
