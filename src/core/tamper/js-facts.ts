import { signature, uniqueKeys, type FileFacts, type TestFacts, type Weakening, type WeakeningKind } from './facts.js';
import { invertedArguments, isAssertion, isSelfMatch, isTautology, isVague, matcherSubject } from './js-assertions.js';
import { type Bindings, type Chain, collectBindings, enter } from './js-bindings.js';
import { isExitCall, leaves, mayReturnQuietly } from './js-flow.js';
import { checkContextSkip, contextScope, contextSkipIn, type Scope } from './js-scope.js';
import {
  checkAssignment,
  checkDeclaration,
  checkImport,
  checkReplacement,
  checkShadowingFunction,
  checkStubbedSubject,
  noteStub,
  type Reporter,
} from './js-replaced.js';
import { type TestCall, testCall } from './js-tests.js';
import { children, constantTruth, dotted, FUNCTION, isCall, isMember, isNullish, type Node, parse, propName, unwrap } from './js-syntax.js';
import { exportNames, type Reexports, reexports } from './js-exports.js';
import { hookCalled } from './js-aliases.js';
import { HelperCounts, type ImportedAssertions, isFunctionLiteral } from './js-helpers.js';
import { assertionParams } from './js-params.js';
import { MODULE_MOCKS, SPY_CALLS } from './js-vocabulary.js';
import { nameUses, tableRows } from './js-rows.js';

/** Syntax-level facts of a JS/TS test file, or undefined when it does not parse. */
export function jsFacts(file: string, text: string, imported?: ImportedAssertions): FileFacts | undefined {
  const program = parse(file, text);
  if (!program) return undefined;
  return new Walk(text, collectBindings(program), imported).run(program);
}

/** A helper module's exports: the assertions of those it defines, and those it re-exports from other modules. */
export interface ModuleExports extends Reexports {
  counts: Map<string, number>;
  /** Of helpers with parameters named like assertions: their count when the caller hands in the real ones, and where. */
  liveCounts: Map<string, number>;
  assertParams: Map<string, number[]>;
}

export function jsModuleExports(file: string, text: string): ModuleExports | undefined {
  const program = parse(file, text);
  if (!program) return undefined;
  return { ...new Walk(text, collectBindings(program)).exported(program), ...reexports(program) };
}

class Walk implements Reporter {
  private readonly tests: TestFacts[] = [];
  private readonly weakenings: Weakening[] = [];
  readonly assertNames: ReadonlySet<string>;
  private readonly notTestCalls = new WeakSet<Node>();
  /** `expect(a)` → the matcher call on it (`.toBe(b)`, `.not.toEqual(b)`): a constant `a` is fine when `b` is not. */
  private readonly matchers = new WeakMap<Node, Node>();
  /** Helpers some code in the file calls or hands on, and assertions counted outside every test and helper. */
  private readonly calledHelpers = new Set<Node>();
  private looseOutside = 0;
  /** Function literals run once per row of a literal table (`rows.forEach((r) => …)`), with the row count. */
  private readonly repeated = new WeakMap<Node, number>();
  private uses: ReadonlyMap<string, number> = new Map();
  /** Per test, the functions it replaced with a stand-in (`vi.spyOn(calc, 'add').mockReturnValue(3)` → `calc.add`). */
  private readonly stubbed = new WeakMap<TestFacts, Set<string>>();

  /** What helpers the file's calls reach, and how many assertions each makes. */
  private readonly h: HelperCounts;

  constructor(
    private readonly text: string,
    private readonly b: Bindings,
    imported?: ImportedAssertions,
  ) {
    this.assertNames = b.assertNames;
    this.h = new HelperCounts(b, imported);
  }

  run(program: Node): FileFacts {
    this.uses = nameUses(program);
    this.visit(program, {
      suite: [],
      lineage: [],
      unreachable: false,
      swallowed: false,
      inverted: false,
      conditional: false,
      testParams: new Set(),
      skipFns: new Set(),
    });
    const tests = uniqueKeys(this.tests);
    let loose = this.looseOutside;
    for (const fn of this.b.topLevel) if (!this.calledHelpers.has(fn)) loose += this.h.helperAssertions(fn);
    return { tests, weakenings: this.weakenings, runnable: tests.filter((t) => t.leaf).length, loose };
  }

  exported(program: Node): Omit<ModuleExports, keyof Reexports> {
    // The full walk first: a helper module is never compared with its base, so an assertion it
    // cannot run (`return; expect(x)…`, a swallowing try, `expect(true).toBe(true)`) lends nothing.
    this.run(program);
    this.h.countingForCaller();
    const out = { counts: new Map<string, number>(), liveCounts: new Map<string, number>(), assertParams: new Map<string, number[]>() };
    const top = this.b.blocks.get(program);
    for (const [name, local] of exportNames(program)) {
      const fn = local instanceof Object ? local : top?.get(local)?.fn;
      if (!fn) continue;
      out.counts.set(name, this.h.helperAssertions(fn));
      // `(expect, v) => …`: what it checks when its caller hands in the real assertions.
      const at = assertionParams(fn, this.assertNames);
      if (at.length > 0) {
        out.assertParams.set(name, at);
        out.liveCounts.set(name, this.h.helperAssertions(fn, new Set(), true));
      }
    }
    return out;
  }

  source(node: Node, max = 160): string {
    const s = this.text.slice(node.start, node.end);
    return s.length > max ? `${s.slice(0, max)}…` : s;
  }

  weaken(kind: WeakeningKind, node: Node, detail: string, text = this.source(node, 400)): void {
    this.h.weakenedCalls.add(node);
    this.weakenings.push({ kind, line: node.loc.start.line, text: signature(text), detail });
  }

  private visitAll(nodes: Node[], scope: Scope): void {
    for (const n of nodes) this.visit(n, scope);
  }

  /** Statements in order: after one that always leaves (return, throw, process.exit), the rest never run. */
  private visitStatements(statements: Node[], scope: Scope): void {
    let dead = scope.unreachable;
    let sometimes = scope.conditional;
    for (const statement of statements) {
      // Function declarations are hoisted: callable wherever they are written.
      this.visit(
        statement,
        statement.type === 'FunctionDeclaration' ? { ...scope, unreachable: false } : { ...scope, unreachable: dead, conditional: sometimes },
      );
      if (leaves(statement, this.b.exitNames)) dead = true;
      // `if (!process.env.X) return;`: what follows runs only when the condition lets it.
      else if (statement.type === 'IfStatement' && mayReturnQuietly(statement.consequent as Node, this.b.exitNames, (s) => this.assertsIn(s, scope)))
        sometimes = true;
      else if (
        statement.type === 'IfStatement' &&
        statement.alternate &&
        mayReturnQuietly(statement.alternate as Node, this.b.exitNames, (s) => this.assertsIn(s, scope))
      )
        sometimes = true;
    }
  }

  /** An expression statement that asserts (`expect.fail(…)`, `assert.equal(…)`) or calls a helper that does. */
  private assertsIn(statement: Node, scope: Scope): boolean {
    const e = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as Node) : undefined;
    const call = e?.type === 'AwaitExpression' ? unwrap(e.argument as Node) : e;
    return call !== undefined && isCall(call) && (isAssertion(call, this.assertNames) || this.h.helpersCalled(call, scope.chain).some((h) => h.count > 0));
  }

  /** A catch clause (or `.catch` callback) that neither rethrows nor checks what it caught. */
  private swallows(handler: Node, chain: Chain | undefined): boolean {
    const stack = [handler];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'ThrowStatement') return false;
      if (isCall(node)) {
        if (isAssertion(node, this.assertNames)) return false;
        const callee = unwrap(node.callee as Node);
        const name = dotted(callee) ?? '';
        if (/(?:^|\.)(?:fail|reject|done|rethrow)$/.test(name) || /^Promise\.reject$/.test(name)) return false;
        if (this.h.helpersCalled(node, chain).some((h) => h.count > 0)) return false;
      }
      stack.push(...children(node));
    }
    return true;
  }

  private visit(node: Node, given: Scope): void {
    // A named helper checks nothing where it is written, only where it is called: a helper that no
    // test calls any more (its assertions moved out of every test's reach) leaves the count lower.
    const outer = this.b.helpers.has(node) ? this.helperScope(given) : given;
    // A block, or the expression body of an arrow (its parameters), opens a scope of names.
    const opened = this.b.blocks.has(node) ? { ...outer, chain: enter(this.b, node, outer.chain) } : outer;
    const rows = this.repeated.get(node);
    const scope = rows === undefined ? opened : { ...opened, times: (opened.times ?? 1) * rows };
    switch (node.type) {
      case 'Program':
      case 'BlockStatement':
      case 'StaticBlock':
        return this.visitStatements(node.body as Node[], scope);
      case 'ExpressionStatement':
        // `() => { expect(x).toBe(1) };` standing alone is never called: its assertions never run.
        if (isFunctionLiteral(node.expression as Node)) return this.visit(node.expression as Node, this.helperScope(scope));
        break;
      case 'SwitchCase':
        if (node.test) this.visit(node.test as Node, scope);
        return this.visitStatements(node.consequent as Node[], scope);
      case 'IfStatement':
      case 'ConditionalExpression': {
        const truth = constantTruth(node.test as Node);
        this.visit(node.test as Node, scope);
        const branch = truth === undefined ? { ...scope, conditional: true } : scope;
        this.visit(node.consequent as Node, truth === false ? { ...scope, unreachable: true } : branch);
        if (node.alternate) this.visit(node.alternate as Node, truth === true ? { ...scope, unreachable: true } : branch);
        return;
      }
      case 'WhileStatement':
      case 'ForStatement': {
        if (node.init) this.visit(node.init as Node, scope);
        const never = node.test ? constantTruth(node.test as Node) === false : false;
        if (node.test) this.visit(node.test as Node, scope);
        if (node.update) this.visit(node.update as Node, scope);
        return this.visit(node.body as Node, never ? { ...scope, unreachable: true } : scope);
      }
      case 'ForOfStatement': {
        this.visit(node.left as Node, scope);
        this.visit(node.right as Node, scope);
        const rows = tableRows(node.right as Node, scope.chain, this.uses);
        return this.visit(node.body as Node, rows === undefined ? scope : { ...scope, times: (scope.times ?? 1) * rows });
      }
      case 'LogicalExpression': {
        const left = constantTruth(node.left as Node);
        this.visit(node.left as Node, scope);
        if (node.operator === '??') {
          // `0 ?? assert(…)`: a constant that is not null/undefined never lets the right side run.
          const nullish = isNullish(node.left as Node);
          return this.visit(
            node.right as Node,
            nullish === false ? { ...scope, unreachable: true } : nullish === undefined ? { ...scope, conditional: true } : scope,
          );
        }
        const skipped = (node.operator === '&&' && left === false) || (node.operator === '||' && left === true);
        return this.visit(node.right as Node, skipped ? { ...scope, unreachable: true } : left === undefined ? { ...scope, conditional: true } : scope);
      }
      case 'TryStatement': {
        const handler = node.handler as Node | null;
        // `finally { return; }` (or break/continue) discards whatever the try or catch threw.
        const discards =
          ((node.finalizer as Node | null)?.body as Node[] | undefined)?.some((s) => /^(?:Return|Break|Continue)Statement$/.test(s.type)) ?? false;
        const swallowing = discards || (handler !== null && this.swallows(handler.body as Node, scope.chain));
        this.visit(node.block as Node, swallowing ? { ...scope, swallowed: true } : scope);
        if (handler) this.visit(handler, discards ? { ...scope, swallowed: true } : scope);
        if (node.finalizer) this.visit(node.finalizer as Node, scope);
        return;
      }
      case 'AssignmentExpression':
        checkAssignment(this, node);
        break;
      case 'VariableDeclarator':
        checkDeclaration(this, node);
        break;
      case 'FunctionDeclaration':
        checkShadowingFunction(this, node);
        break;
      case 'ImportDeclaration':
        return checkImport(this, node);
      case 'CallExpression':
      case 'OptionalCallExpression':
        if (this.visitCall(node, scope)) return;
        break;
    }
    this.visitAll(children(node), scope);
  }

  /** Where a function that runs only when called is written: its assertions count at its calls. */
  private helperScope(scope: Scope): Scope {
    return { ...scope, lineage: [], conditional: false, inHelper: true };
  }

  /** Handles a call; true when it visited the call's parts itself. */
  private visitCall(call: Node, scope: Scope): boolean {
    const test = testCall(call, { testParams: scope.testParams, chain: scope.chain, notTestCalls: this.notTestCalls, source: (n, max) => this.source(n, max) });
    if (test) {
      this.visitTestCall(call, test, scope);
      return true;
    }
    const name = dotted(call.callee as Node) ?? '';
    const callee = unwrap(call.callee as Node);
    // `[[1, 2], [2, 4]].forEach(([a, b]) => …)`: the function runs once per row.
    const body = (call.arguments as Node[])[0];
    const perRow = isMember(callee) && /^(?:forEach|map|flatMap)$/.test(propName(callee) ?? '') && body !== undefined;
    const rows = perRow ? tableRows(callee.object as Node, scope.chain, this.uses) : undefined;
    if (rows !== undefined && isFunctionLiteral(body!)) this.repeated.set(unwrap(body!), rows);
    if (isExitCall(call, this.b.exitNames))
      this.weaken('process-exit', call, `${this.source(call, 60)} ends the test process early: every later assertion and test is skipped`);
    if (scope.test || scope.hook) checkContextSkip(this, call, name, scope);
    if (SPY_CALLS.test(name) || MODULE_MOCKS.test(name)) checkReplacement(this, call, name);
    if (scope.test) noteStub(this, call, this.stubbed, scope.test);
    this.noteMatcher(call);
    if (isAssertion(call, this.assertNames)) this.checkAssertion(call, scope);
    else if (!scope.unreachable && !scope.swallowed && isSelfMatch(call, this.assertNames, (n) => this.source(n, 1e6))) {
      this.weaken('tautology', call, `${this.source(call, 80)} compares a value with itself`);
    }
    for (const h of this.h.helpersCalled(call, scope.chain)) {
      if (h.fn) this.calledHelpers.add(h.fn);
      // `rows.forEach(check)`: the helper handed on runs once per row.
      this.count(scope, h.count * (rows ?? 1));
      if (h.count === 0) continue;
      if (scope.unreachable) this.weaken('unreachable', call, `${h.name}() (${h.count} assertion(s)) can never run`);
      else if (scope.swallowed) this.weaken('swallowed', call, `${h.name}() (${h.count} assertion(s)) runs inside a try whose catch swallows its failure`);
      else if (scope.inverted) this.weaken('inverted', call, `${h.name}() (${h.count} assertion(s)) is expected to throw: its checks pass only by failing`);
    }
    const hook = hookCalled(callee, scope.chain);
    if (hook) {
      // `beforeEach(skipAll)` with `function skipAll(ctx) { ctx.skip(); }`: a skip in every test it runs before.
      for (const arg of call.arguments as Node[]) {
        const fn = unwrap(arg).type === 'Identifier' ? this.h.helperAt(unwrap(arg).name as string, scope.chain) : undefined;
        const ownFn = fn ?? (isFunctionLiteral(arg) ? unwrap(arg) : undefined);
        if (ownFn) this.h.contextFns.add(ownFn);
        const skip = fn && contextSkipIn(fn);
        if (skip) this.weaken('skip', call, `${this.source(call, 60)} skips every test ${hook} runs for: ${this.source(skip, 60)}`);
      }
      for (const arg of call.arguments as Node[]) this.visit(arg, isFunctionLiteral(arg) ? contextScope(arg, { ...scope, hook }) : scope);
      return true;
    }
    // `assert.throws(() => assert.equal(…))`, `expect(() => expect(x).toBe(1)).toThrow()`: the inner check must fail to pass.
    const inverted = invertedArguments(call, this.assertNames, this.matchers.get(call));
    if (inverted.length > 0) {
      this.visit(call.callee as Node, scope);
      for (const arg of call.arguments as Node[]) this.visit(arg, inverted.includes(arg) ? { ...scope, inverted: true } : scope);
      return true;
    }
    // `promise.catch(() => {})` swallows the failures of the assertions in `promise`.
    if (isMember(callee) && propName(callee) === 'catch') {
      const handler = (call.arguments as Node[])[0];
      if (handler && FUNCTION.has(handler.type) && this.swallows(handler.body as Node, scope.chain)) {
        this.visit(callee.object as Node, { ...scope, swallowed: true });
        this.visitAll(call.arguments as Node[], scope);
        return true;
      }
    }
    return false;
  }

  /** Remember the matcher call made on an `expect(…)`: visited first, before the `expect` inside it. */
  private noteMatcher(call: Node): void {
    const subject = matcherSubject(call, this.assertNames);
    if (subject && !this.matchers.has(subject)) this.matchers.set(subject, call);
  }

  /** Add assertions to the test and the tests around it, noting those that may never run. */
  private count(scope: Scope, n: number, vague = false): void {
    if (scope.lineage.length === 0 && !scope.inHelper) this.looseOutside += n;
    const times = scope.times ?? 1;
    for (const t of scope.lineage) {
      t.assertions += n * times;
      if (scope.conditional) t.conditional = (t.conditional ?? 0) + n * times;
      if (vague) t.vague = (t.vague ?? 0) + n * times;
    }
  }

  private checkAssertion(call: Node, scope: Scope): void {
    if (this.h.paramLive(call, scope.chain)) this.count(scope, 1, isVague(this.matchers.get(call)));
    const what = this.source(call, 80);
    if (scope.test && !scope.unreachable) checkStubbedSubject(this, call, this.stubbed.get(scope.test));
    if (scope.unreachable) this.weaken('unreachable', call, `${what} can never run`);
    else if (scope.swallowed) this.weaken('swallowed', call, `${what} runs inside a try whose catch swallows its failure`);
    else if (scope.inverted) this.weaken('inverted', call, `${what} is expected to throw: it passes only when its check fails`);
    else if (isTautology(call, this.assertNames, this.matchers.get(call), (n) => this.source(n, 1e6)))
      this.weaken('tautology', call, `${what} passes whatever the code under test does`);
  }

  private visitTestCall(call: Node, test: TestCall, scope: Scope): void {
    for (const c of test.calleeCalls) this.notTestCalls.add(c);
    const label = `${test.kind} "${[...scope.suite, test.name].join(' > ')}"`;
    const head = signature(`${this.source(call.callee as Node)}(${test.name}`);
    for (const marker of test.markers) this.weaken('skip', call, `${marker} on ${label}`, `${head}${marker}`);
    if (scope.unreachable) this.weaken('unreachable', call, `${label} is never registered: the code defining it cannot run`, head);
    // `it.each(rows)` runs once per row (of a literal table; once when the table is not known); so do the tests of `describe.each`.
    const rows = test.table ? (tableRows(test.table, scope.chain, this.uses) ?? 1) : 1;
    const runs = (scope.times ?? 1) * rows;
    let inner: Scope = { ...scope, unreachable: false, swallowed: false, inverted: false, conditional: false, times: test.kind === 'test' ? 1 : runs };
    if (test.kind === 'test') {
      const facts: TestFacts = { key: [...scope.suite, test.name].join(' > '), line: call.loc.start.line, assertions: 0, leaf: true };
      if (runs !== 1) facts.runs = runs;
      if (scope.test) scope.test.leaf = false;
      this.tests.push(facts);
      inner = { ...inner, test: facts, lineage: [...scope.lineage, facts], suite: [...scope.suite, test.name] };
    } else inner = { ...inner, suite: [...scope.suite, test.name] };
    if (test.fn) {
      this.h.contextFns.add(unwrap(test.fn));
      inner = contextScope(test.fn, inner);
    }
    for (const c of test.calleeCalls) this.visitAll(c.arguments as Node[], scope);
    for (const arg of call.arguments as Node[]) this.visit(arg, arg === test.fn ? inner : scope);
    // `it('total', body)` with `function body() {…}`: the named function is the test's body.
    const last = (call.arguments as Node[]).at(-1);
    const named = !test.fn && last && unwrap(last).type === 'Identifier' ? this.h.helperAt(unwrap(last).name as string, scope.chain) : undefined;
    if (named && test.kind === 'test') {
      this.calledHelpers.add(named);
      this.h.contextFns.add(named);
      this.count(inner, this.h.helperAssertions(named));
    }
  }
}
