import { countOnce, signature, uniqueKeys, writtenTwice, type FileFacts, type TestFacts, type Weakening, type WeakeningKind } from './facts.js';
import { findMarkers } from './markers.js';
import { assertionsIn } from './py-assertions.js';
import { lambdaParams, localNames, moduleRebound } from './py-bindings.js';
import { stripPython } from './strip.js';
import { type Block, COMPOUND, constantTruth, literalRows, parametrizeTable, returnsIn, type Stmt, statements, tree } from './py-syntax.js';

const TERMINATOR = /^(?:return\b|raise\b|(?:sys\.)?exit\s*\(|os\._exit\s*\(|quit\s*\()/;
const EXIT = /\b(?:sys\.exit|os\._exit|os\.abort)\s*\(|^(?:exit|quit)\s*\(|\bos\.kill\s*\(\s*os\.getpid\s*\(/;

/** A call of a name or of a method on `self`/`cls`: `check(x)`, `self._check(x)` (not `obj.check(x)`). */
const CALL = /(?<![\w.])(?:(self|cls)\.)?([A-Za-z_]\w*)\s*\(/g;
/** `pytest.raises(AssertionError)`, `self.assertRaises(AssertionError)`: the body passes only if an assertion fails. */
const INVERTS = /\b(?:pytest\.raises|self\.assertRaises\w*)\s*\([^)]*\bAssertionError\b/;
const DEF = /^(?:async\s+)?def\s+(\w+)\s*\(/;
/** `helpers.check(`: a call of a module's function through the module's name. */
const MODULE_CALL = /(?<![\w.])([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*\(/g;
/** `from . import helpers` → `.helpers`; `from .lib import checks` → `.lib.checks`. */
const submodule = (module: string, name: string) => (module.endsWith('.') ? `${module}${name}` : `${module}.${name}`);

/** A function no test framework runs by itself: its assertions count where it is called. */
interface Helper {
  block: Block;
  name: string;
  /** Names visible where it is defined: its own nested defs are added inside. */
  env: Env;
}
/** What a name means at one place: bare names (innermost function first, then the module), and `self.` methods. */
interface Env {
  scopes: Map<string, Helper>[];
  methods?: Map<string, Helper>;
  /** Imported names the functions around bind locally: there they are not the import. */
  locals?: ReadonlySet<string>[];
}

interface Ctx {
  test?: TestFacts | undefined;
  unreachable: boolean;
  swallowed: boolean;
  inverted: boolean;
  /** Inside a helper's body: its assertions count where it is called. */
  inHelper: boolean;
  env: Env;
  /** How many times a statement here runs per run of its test: the rows of the literal tables the `for`s around loop over. */
  times?: number;
  /** After an `if …: return` whose condition is not constant: what follows runs only sometimes. */
  conditional?: boolean;
}

/** Assertions each module-level function of a Python module makes (with the helpers it calls), by name. */
export function pyExportedAssertions(file: string, text: string): Map<string, number> {
  const out = new Map<string, number>();
  const facts = new PyWalk(file, text);
  // The full walk first: a helper module is never compared with its base, so an assertion it cannot
  // run (after a `return`, under `if False:`, in a swallowing try, `assert True`) lends nothing.
  facts.facts();
  facts.countingForCaller();
  for (const [name, h] of facts.moduleHelpers) out.set(name, facts.helperAssertions(h));
  return out;
}

/** Assertions a function of a relative module makes (`from .helpers import check`: `.helpers`, `check`), if known. */
export type PyImported = (module: string, name: string) => number | undefined;

/** Syntax-level facts of a pytest/unittest file, from its tokens (no Python parser). */
export function pyFacts(file: string, text: string, imported?: PyImported): FileFacts {
  return new PyWalk(file, text, imported).facts();
}

const isTestName = (name: string) => name.startsWith('test');

class PyWalk {
  private readonly code: string;
  private readonly blocks: Block[];
  private readonly tests: TestFacts[] = [];
  private readonly weakenings: Weakening[] = [];
  readonly moduleHelpers = new Map<string, Helper>();
  private readonly allHelpers: Helper[] = [];
  private readonly nested = new WeakMap<Block, Map<string, Helper>>();
  private readonly locals = new WeakMap<Block, ReadonlySet<string>>();
  private readonly helperCounts = new Map<Helper, number>();
  private readonly called = new Set<Helper>();
  /** Names imported from relative modules: local name → module and name there. */
  private readonly imports = new Map<string, { module: string; name: string; stmt: Stmt }>();
  private readonly moduleEnv: Env;
  private loose = 0;
  /** Lines of statements the walk found weakened; skipped when counting for another file. */
  private readonly weakenedLines = new Set<number>();
  private skipWeakened = false;
  private readonly classes: string[] = [];
  private readonly collectedClass: boolean[] = [];
  /** Tests pytest collects: module-level, or in a `Test*` class or a TestCase. */
  private collected = 0;

  constructor(
    private readonly file: string,
    text: string,
    private readonly imported?: PyImported,
  ) {
    this.code = stripPython(text);
    this.blocks = tree(statements(this.code, text));
    this.moduleEnv = { scopes: [this.moduleHelpers] };
    for (const b of this.blocks) {
      const name = DEF.exec(b.stmt.text)?.[1];
      if (name && !isTestName(name)) this.moduleHelpers.set(name, this.helper(b, name, this.moduleEnv));
      const from = /^from\s+(\.[\w.]*)\s+import\s+\(?([^)]*)\)?$/.exec(b.stmt.text);
      if (from) {
        for (const part of from[2]!.split(',')) {
          const [orig, local] = part.trim().split(/\s+as\s+/);
          if (orig) this.imports.set(local ?? orig, { module: from[1]!, name: orig, stmt: b.stmt });
        }
      }
    }
    // A name bound again at module level (`check = lambda *a: None`, another import, `global check`)
    // may not be the import where it is called: it lends nothing then. A function's own binding
    // (a parameter, `for check in`) hides it in that function only (`locals`); a comprehension's, nowhere.
    const importStmts = new Set([...this.imports.values()].map((i) => i.stmt));
    for (const name of moduleRebound(this.blocks, this.imports.keys(), (b) => importStmts.has(b.stmt))) this.imports.delete(name);
  }

  private helper(block: Block, name: string, env: Env): Helper {
    const h = { block, name, env };
    this.allHelpers.push(h);
    return h;
  }

  /** The defs written inside a function (not inside a def nested deeper), visible by bare name in its body. */
  private nestedOf(fn: Block, env: Env): Map<string, Helper> {
    let map = this.nested.get(fn);
    if (map) return map;
    map = new Map();
    this.nested.set(fn, map);
    const inner: Env = { ...env, scopes: [map, ...env.scopes] };
    const gather = (list: Block[]) => {
      for (const b of list) {
        const name = DEF.exec(b.stmt.text)?.[1];
        if (name) map.set(name, this.helper(b, name, inner));
        else if (!/^class\s/.test(b.stmt.text)) gather(b.children);
      }
    };
    gather(fn.children);
    return map;
  }

  /** The env inside a function's body: its nested defs first. */
  private inside(fn: Block, env: Env): Env {
    let locals = this.locals.get(fn);
    if (!locals) this.locals.set(fn, (locals = localNames(fn, this.imports.keys())));
    // Nested defs see the function's locals too (a closure over `check = print` is not the import).
    const own: Env = { ...env, locals: [locals, ...(env.locals ?? [])] };
    return { ...own, scopes: [this.nestedOf(fn, own), ...env.scopes] };
  }

  /** Whether a bare name in a statement is the import: not a local of a function around, nor a lambda's parameter. */
  private importAt(name: string, env: Env, lambdas: ReadonlySet<string>): { module: string; name: string } | undefined {
    const imp = this.imports.get(name);
    return imp && !lambdas.has(name) && !env.locals?.some((l) => l.has(name)) ? imp : undefined;
  }

  /** Helpers a statement calls, with the assertions each makes (an imported one from its module). */
  private calls(stmtText: string, env: Env, seen?: Set<Helper>): { name: string; count: number }[] {
    if (/^(?:async\s+)?def\s|^class\s/.test(stmtText)) return [];
    const out: { name: string; count: number }[] = [];
    const lambdas = lambdaParams(stmtText);
    for (const m of stmtText.matchAll(CALL)) {
      const name = m[2]!;
      const h = m[1] ? env.methods?.get(name) : env.scopes.map((s) => s.get(name)).find(Boolean);
      const from = m[1] || h || !this.imported ? undefined : this.importAt(name, env, lambdas);
      if (h) {
        this.called.add(h);
        out.push({ name: m[1] ? `${m[1]}.${name}` : name, count: this.helperAssertions(h, seen) });
      } else if (from) {
        const count = this.imported!(from.module, from.name);
        if (count !== undefined) out.push({ name, count });
      }
    }
    // `helpers.check(x)` with `from . import helpers`: a function of the imported module.
    for (const m of this.imported ? stmtText.matchAll(MODULE_CALL) : []) {
      const from = this.importAt(m[1]!, env, lambdas);
      const count = from && this.imported!(submodule(from.module, from.name), m[2]!);
      if (count !== undefined) out.push({ name: `${m[1]}.${m[2]}`, count });
    }
    return out;
  }

  /** From now on count helpers as a caller in another file sees them: weakened statements count for nothing. */
  countingForCaller(): void {
    this.helperCounts.clear();
    this.skipWeakened = true;
  }

  /** Assertions a helper makes, with the helpers it calls (each once, no cycles). */
  helperAssertions(h: Helper, seen = new Set<Helper>()): number {
    return countOnce(h, this.helperCounts, seen, () => {
      const env = this.inside(h.block, h.env);
      let count = 0;
      const visit = (b: Block) => {
        if (!(this.skipWeakened && this.weakenedLines.has(b.stmt.line))) {
          count += assertionsIn(b.stmt).length;
          for (const c of this.calls(b.stmt.text, env, seen)) count += c.count;
        }
        // A nested def counts where it is called.
        if (!DEF.test(b.stmt.text)) b.children.forEach(visit);
      };
      h.block.children.forEach(visit);
      return count;
    });
  }

  /**
   * Rows of a table as written: a list/tuple literal, or a module-level name assigned one (`CASES =
   * [...]`) that nothing else in the file touches; undefined when not known (it counts as one row).
   */
  private tableRows(expr: string | undefined): number | undefined {
    const e = expr?.trim() ?? '';
    if (!/^[A-Za-z_]\w*$/.test(e)) return literalRows(e);
    if (!writtenTwice(this.code, e)) return undefined;
    const assigned = this.blocks.find((b) => new RegExp(`^${e}\\s*(?::[^=]*)?=(?!=)`).test(b.stmt.text))?.stmt;
    return assigned ? literalRows(assigned.raw.slice(assigned.raw.indexOf('=') + 1)) : undefined;
  }

  private weaken(kind: WeakeningKind, stmt: Stmt, detail: string, what = stmt.text): void {
    this.weakenedLines.add(stmt.line);
    this.weakenings.push({ kind, line: stmt.line, text: signature(what), detail });
  }

  /** An `except` clause that neither re-raises nor checks what it caught. */
  private swallows(handler: Block, env: Env): boolean {
    const all: Block[] = [];
    const gather = (b: Block) => (all.push(b), b.children.forEach(gather));
    handler.children.forEach(gather);
    return !all.some((b) => /^raise\b/.test(b.stmt.text) || assertionsIn(b.stmt).length > 0 || this.calls(b.stmt.text, env).some((c) => c.count > 0));
  }

  private count(ctx: Ctx, n: number, vague = false): void {
    if (ctx.test && vague) ctx.test.vague = (ctx.test.vague ?? 0) + n * (ctx.times ?? 1);
    if (ctx.test && ctx.conditional) ctx.test.conditional = (ctx.test.conditional ?? 0) + n * (ctx.times ?? 1);
    if (ctx.test) ctx.test.assertions += n * (ctx.times ?? 1);
    else if (!ctx.inHelper) this.loose += n * (ctx.times ?? 1);
  }

  private checkStatement(stmt: Stmt, ctx: Ctx): void {
    for (const a of assertionsIn(stmt)) {
      this.count(ctx, 1, a.vague);
      if (ctx.unreachable) this.weaken('unreachable', stmt, `${a.what.trim()} can never run`, a.what);
      else if (ctx.swallowed) this.weaken('swallowed', stmt, `${a.what.trim()} runs inside a try whose except swallows its failure`, a.what);
      else if (ctx.inverted) this.weaken('inverted', stmt, `${a.what.trim()} is expected to raise AssertionError: it passes only when its check fails`, a.what);
      else if (a.tautology) this.weaken('tautology', stmt, `${stmt.text} passes whatever the code under test does`, a.what);
    }
    for (const { name, count } of this.calls(stmt.text, ctx.env)) {
      this.count(ctx, count);
      if (count === 0) continue;
      if (ctx.unreachable) this.weaken('unreachable', stmt, `${name}() (${count} assertion(s)) can never run`);
      else if (ctx.swallowed) this.weaken('swallowed', stmt, `${name}() (${count} assertion(s)) runs inside a try whose except swallows its failure`);
      else if (ctx.inverted)
        this.weaken('inverted', stmt, `${name}() (${count} assertion(s)) is expected to raise AssertionError: its checks pass only by failing`);
    }
  }

  private walk(list: Block[], ctx: Ctx): void {
    let dead = ctx.unreachable;
    let sometimes = ctx.conditional ?? false;
    let chainTruth: boolean | undefined;
    list.forEach((b, i) => {
      const { text, raw } = b.stmt;
      const here: Ctx = { ...ctx, unreachable: dead, conditional: sometimes };
      const keyword = /^(?:async\s+)?(\w+)/.exec(text)?.[1] ?? '';
      const isHeader = COMPOUND.test(text) && text.endsWith(':');
      if (!isHeader) {
        this.checkStatement(b.stmt, here);
        if (TERMINATOR.test(text)) dead = true;
        return;
      }
      const keywordless = (s: string) => s.replace(/^(?:if|elif|while|with|for)\b/, '');
      this.checkStatement({ ...b.stmt, text: keywordless(text), raw: keywordless(raw) }, here);
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
        let discards = false;
        for (let j = i + 1; j < list.length && /^(?:except|else|finally)\b/.test(list[j]!.stmt.text); j++) {
          if (/^except\b/.test(list[j]!.stmt.text)) handlers.push(list[j]!);
          // `finally: return` (or break/continue) discards whatever the try raised.
          if (/^finally\b/.test(list[j]!.stmt.text)) discards = list[j]!.children.some((c) => /^(?:return|break|continue)\b/.test(c.stmt.text));
        }
        if (discards || handlers.some((h) => this.swallows(h, ctx.env))) inner = { ...here, swallowed: true };
      } else if (keyword === 'for') {
        // `for a, b in [(1, 2), (2, 4)]:` runs its body once per row.
        const rows = this.tableRows(/\bin\s+(.*):$/.exec(raw)?.[1] ?? '');
        if (rows !== undefined) inner = { ...here, times: (here.times ?? 1) * rows };
      } else if (keyword === 'with' && /\bsuppress\s*\(/.test(text)) inner = { ...here, swallowed: true };
      else if (keyword === 'with' && INVERTS.test(text)) inner = { ...here, inverted: true };
      if (keyword !== 'elif' && keyword !== 'else' && keyword !== 'if') chainTruth = undefined;
      const name = DEF.exec(text)?.[1];
      // A `def test_*` inside a test is a local function, not a test pytest collects.
      if (name && isTestName(name) && !ctx.test && !ctx.inHelper) return this.visitTest(b, name, here);
      // Any other def runs only where it is called: its assertions count there.
      if (name) return this.walk(b.children, { ...inner, test: undefined, inHelper: true, unreachable: false, env: this.inside(b, ctx.env) });
      this.walk(b.children, inner);
      // `if not os.environ.get("X"): return`: the statements after it run only when the condition lets them.
      // One that reports a failure first (`self.fail(…); return`) is no quiet exit.
      if (/^(?:if|elif|else)$/.test(keyword) && returnsIn(b.children) && !b.children.some((c) => assertionsIn(c.stmt).length > 0)) sometimes = true;
    });
  }

  private visitTest(b: Block, name: string, ctx: Ctx, decorators: Stmt[] = []): void {
    const facts: TestFacts = { key: [...this.classes, name].join('::'), line: b.stmt.line, assertions: 0, leaf: true };
    const runs = decorators.reduce((n, d) => n * (this.tableRows(parametrizeTable(d)) ?? 1), 1);
    if (runs !== 1) facts.runs = runs;
    this.tests.push(facts);
    if (this.collectedClass.every(Boolean)) this.collected++;
    if (ctx.unreachable) this.weaken('unreachable', b.stmt, `test ${facts.key} is defined where it can never run`);
    this.walk(b.children, { test: facts, unreachable: false, swallowed: false, inverted: false, inHelper: false, env: this.inside(b, ctx.env) });
  }

  private top(list: Block[], env: Env): void {
    let decorators: Stmt[] = [];
    for (const b of list) {
      if (b.stmt.text.startsWith('@')) decorators.push(b.stmt);
      const above = decorators;
      if (!b.stmt.text.startsWith('@')) decorators = [];
      const cls = /^class\s+(\w+)/.exec(b.stmt.text)?.[1];
      const name = DEF.exec(b.stmt.text)?.[1];
      const ctx: Ctx = { unreachable: false, swallowed: false, inverted: false, inHelper: false, env };
      if (cls) {
        // Methods that are not tests are helpers the class's tests call through `self.`.
        const methods = new Map<string, Helper>();
        const classEnv: Env = { scopes: this.moduleEnv.scopes, methods };
        for (const c of b.children) {
          const m = DEF.exec(c.stmt.text)?.[1];
          if (m && !isTestName(m)) methods.set(m, this.helper(c, m, classEnv));
        }
        this.classes.push(cls);
        this.collectedClass.push(/^Test/.test(cls) || /\bTestCase\b/.test(b.stmt.text));
        this.top(b.children, classEnv);
        this.classes.pop();
        this.collectedClass.pop();
      } else if (name && isTestName(name)) this.visitTest(b, name, ctx, above);
      else this.walk([b], ctx);
    }
  }

  facts(): FileFacts {
    this.top(this.blocks, this.moduleEnv);
    // File-wide: skip markers, process exits, replaced assertions.
    for (const m of findMarkers(this.file, this.code))
      this.weakenings.push({ kind: 'skip', line: m.line, text: signature(m.text), detail: `${m.marker} added: ${m.text}` });
    this.code.split('\n').forEach((line, index) => {
      const stmt = { line: index + 1, indent: 0, text: line.trim(), raw: line.trim() };
      if (/^pytestmark\s*=.*\bpytest\.mark\.(?:skip|skipif|xfail)\b/.test(stmt.text)) this.weaken('skip', stmt, `${stmt.text} skips every test in the file`);
      if (EXIT.test(stmt.text)) this.weaken('process-exit', stmt, `${stmt.text} ends the test process early`);
      if (/(?:\.assert\w*|\bAssertionError|\bpytest\.(?:fail|raises))\s*=(?!=)/.test(stmt.text) || /\bsetattr\s*\([^)]*\bassert\w*/.test(stmt.text)) {
        this.weaken('assert-reassigned', stmt, `${stmt.text} replaces an assertion`);
      }
    });
    // Module-level helpers and methods no code calls (a shared helper module, fixtures, setUp): their assertions are loose.
    let loose = this.loose;
    for (const h of [...this.moduleHelpers.values(), ...this.allHelpers.filter((h) => h.env.methods)])
      if (!this.called.has(h)) loose += this.helperAssertions(h);
    uniqueKeys(this.tests);
    return { tests: this.tests, weakenings: this.weakenings, runnable: this.collected, loose };
  }
}
