import { signature, uniqueKeys, type FileFacts, type TestFacts, type Weakening, type WeakeningKind } from './facts.js';
import {
  boundNames,
  children,
  constantTruth,
  dotted,
  FUNCTION,
  isCall,
  isConstant,
  isMember,
  isNullish,
  type Node,
  parse,
  propName,
  unwrap,
} from './js-syntax.js';
import {
  ASSERTION_EXPORTS,
  ASSERTION_MODULE,
  EQUALITY,
  GLOBALS,
  MODIFIERS,
  MODULE_MOCKS,
  NEUTRAL,
  OPTION_MARKERS,
  PREFIXED,
  PURE_ASSERTION_MODULE,
  SPY_CALLS,
  SUITE_NAMES,
  TEST_NAMES,
  TRUTHY,
} from './js-vocabulary.js';

interface Scope {
  test?: TestFacts;
  /** The test and the tests around it (node:test subtests): each counts the assertions inside. */
  lineage: TestFacts[];
  suite: string[];
  unreachable: boolean;
  swallowed: boolean;
  /** Under a condition that is not constant (`if`, `?:`, `&&`, `||`): the assertion may never run. */
  conditional: boolean;
  /** Names of test-context parameters in scope (node:test `t`, vitest `ctx`). */
  testParams: ReadonlySet<string>;
  /** Inside a named helper's body: its assertions count where it is called, or as loose when never called. */
  inHelper?: boolean;
}

interface TestCall {
  kind: 'test' | 'suite';
  markers: string[];
  name: string;
  fn?: Node;
  calleeCalls: Node[];
}

/** Syntax-level facts of a JS/TS test file, or undefined when it does not parse. */
export function jsFacts(file: string, text: string): FileFacts | undefined {
  const program = parse(file, text);
  if (!program) return undefined;
  return new Walk(text).run(program);
}

class Walk {
  private readonly tests: TestFacts[] = [];
  private readonly weakenings: Weakening[] = [];
  /** Local names that are assertion functions or objects (`assert`, `expect`, imported `equal`). */
  private readonly assertNames = new Set(['assert', 'expect', 'expectTypeOf', 'should']);
  private readonly exitNames = new Set<string>();
  private readonly helpers = new Map<string, Node>();
  /** The function nodes of named helpers: their assertions count where they are called. */
  private readonly helperNodes = new WeakSet<Node>();
  private readonly helperCounts = new Map<string, number>();
  private readonly notTestCalls = new WeakSet<Node>();
  /** `expect(a)` → the matcher call on it (`.toBe(b)`, `.not.toEqual(b)`): a constant `a` is fine when `b` is not. */
  private readonly matchers = new WeakMap<Node, Node>();
  /** Helpers some code in the file calls, and assertions counted outside every test and helper. */
  private readonly calledHelpers = new Set<string>();
  private looseOutside = 0;

  constructor(private readonly text: string) {}

  run(program: Node): FileFacts {
    this.collectBindings(program);
    this.visit(program, { suite: [], lineage: [], unreachable: false, swallowed: false, conditional: false, testParams: new Set() });
    const tests = uniqueKeys(this.tests);
    let loose = this.looseOutside;
    for (const name of this.helpers.keys()) if (!this.calledHelpers.has(name)) loose += this.helperAssertions(name);
    return { tests, weakenings: this.weakenings, runnable: tests.filter((t) => t.leaf).length, loose };
  }

  private source(node: Node, max = 160): string {
    const s = this.text.slice(node.start, node.end);
    return s.length > max ? `${s.slice(0, max)}…` : s;
  }

  private weaken(kind: WeakeningKind, node: Node, detail: string, text = this.source(node, 400)): void {
    this.weakenings.push({ kind, line: node.loc.start.line, text: signature(text), detail });
  }

  /** Imports of assertion libraries and `process.exit`, and every named local function (helpers). */
  private collectBindings(program: Node): void {
    const stack: Node[] = [program];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'ImportDeclaration') {
        const from = (node.source as Node).value as string;
        for (const spec of node.specifiers as Node[]) {
          const local = (spec.local as Node).name as string;
          // Every export of node:assert or chai asserts; of a test framework only its expect/assert.
          const imported = spec.type === 'ImportSpecifier' ? ((spec.imported as Node).name as string | undefined) : undefined;
          if (PURE_ASSERTION_MODULE.test(from) || (ASSERTION_MODULE.test(from) && imported !== undefined && ASSERTION_EXPORTS.has(imported))) {
            this.assertNames.add(local);
          }
          if (
            /^(?:node:)?process$/.test(from) &&
            spec.type === 'ImportSpecifier' &&
            /^(?:exit|abort|reallyExit)$/.test(((spec.imported as Node).name as string) ?? '')
          ) {
            this.exitNames.add(local);
          }
        }
      } else if (node.type === 'VariableDeclarator' && node.init && this.assertionSource(node.init as Node)) {
        // `const { equal } = assert`, `const a = require('node:assert')`: aliases assert too.
        const pure = this.assertionSource(node.init as Node) === 'pure';
        for (const name of boundNames(node.id as Node)) if (pure || ASSERTION_EXPORTS.has(name)) this.assertNames.add(name);
      } else if (node.type === 'FunctionDeclaration' && node.id) {
        this.helpers.set((node.id as Node).name as string, node);
        this.helperNodes.add(node);
      } else if (node.type === 'VariableDeclarator' && (node.id as Node).type === 'Identifier' && node.init && FUNCTION.has(unwrap(node.init as Node).type)) {
        this.helpers.set((node.id as Node).name as string, unwrap(node.init as Node));
        this.helperNodes.add(unwrap(node.init as Node));
      }
      stack.push(...children(node));
    }
    for (const name of this.assertNames) this.helpers.delete(name);
  }

  /** Assertions a local helper makes, counting the helpers it calls (each once, no cycles). */
  private helperAssertions(name: string, seen = new Set<string>()): number {
    const cached = this.helperCounts.get(name);
    if (cached !== undefined) return cached;
    if (seen.has(name)) return 0;
    seen.add(name);
    let count = 0;
    const stack = [this.helpers.get(name)!];
    while (stack.length) {
      const node = stack.pop()!;
      if (isCall(node)) {
        if (this.isAssertion(node)) count++;
        const callee = unwrap(node.callee as Node);
        if (callee.type === 'Identifier' && this.helpers.has(callee.name as string)) count += this.helperAssertions(callee.name as string, seen);
      }
      stack.push(...children(node));
    }
    this.helperCounts.set(name, count);
    return count;
  }

  /** A call that checks something: `assert(x)`, `assert.equal`, `t.assert.ok`, `expect(x)`, `x.should.equal`. */
  private isAssertion(call: Node): boolean {
    let c = unwrap(call.callee as Node);
    if (c.type === 'Identifier') return this.assertNames.has(c.name as string);
    while (isMember(c)) {
      const prop = propName(c);
      if (prop === 'assert' || prop === 'should' || prop === 'expect') return true;
      c = unwrap(c.object as Node);
    }
    return c.type === 'Identifier' && this.assertNames.has(c.name as string);
  }

  /** `assert.ok(true)`, `assert.equal(1, 1)`, `assert.equal(x, x)`, `expect(true)…`: passes whatever the code does. */
  private isTautology(call: Node): boolean {
    const callee = unwrap(call.callee as Node);
    const args = (call.arguments as Node[]).filter((a) => a.type !== 'SpreadElement');
    const name = callee.type === 'Identifier' ? (callee.name as string) : isMember(callee) ? propName(callee) : undefined;
    if (name === undefined || args.length === 0) return false;
    if (name === 'expect' || name === 'expectTypeOf') {
      // Expected-first style (`expect(3).toBe(total(xs))`) checks the code: only constants on both sides pass regardless.
      const matcher = this.matchers.get(call);
      return isConstant(args[0]!) && (matcher === undefined || (matcher.arguments as Node[]).every((a) => a.type !== 'SpreadElement' && isConstant(a)));
    }
    if (TRUTHY.has(name) || (callee.type === 'Identifier' && this.assertNames.has(name) && !EQUALITY.test(name))) {
      return !/^(?:fail|throws|rejects|doesNotThrow|doesNotReject|match|doesNotMatch)$/.test(name) && isConstant(args[0]!);
    }
    if (EQUALITY.test(name) && args.length >= 2) {
      if (isConstant(args[0]!) && isConstant(args[1]!)) return true;
      return !name.startsWith('not') && signature(this.source(args[0]!, 1e6)) === signature(this.source(args[1]!, 1e6));
    }
    return false;
  }

  /** `expect(x).toBe(x)`, `expect(x).to.equal(x)`: the matcher gets what expect got. */
  private isSelfMatch(call: Node): boolean {
    const callee = unwrap(call.callee as Node);
    const arg = (call.arguments as Node[])[0];
    if (!isMember(callee) || !arg || !/^(?:toBe|toEqual|toStrictEqual|equal|equals|eql)$/.test(propName(callee) ?? '')) return false;
    let c = unwrap(callee.object as Node);
    while (isMember(c)) {
      if (propName(c) === 'not') return false;
      c = unwrap(c.object as Node);
    }
    if (!isCall(c) || !this.isAssertion(c)) return false;
    const subject = (c.arguments as Node[])[0];
    return subject !== undefined && !isConstant(subject) && signature(this.source(subject, 1e6)) === signature(this.source(arg, 1e6));
  }

  private testCall(call: Node, scope: Scope): TestCall | undefined {
    if (this.notTestCalls.has(call)) return undefined;
    const args = call.arguments as Node[];
    if (args.length === 0) return undefined;
    let c = unwrap(call.callee as Node);
    const members: string[] = [];
    const calleeCalls: Node[] = [];
    for (;;) {
      if (isCall(c)) {
        calleeCalls.push(c);
        c = unwrap(c.callee as Node);
      } else if (isMember(c)) {
        const prop = propName(c);
        if (prop === undefined) return undefined;
        members.unshift(prop);
        c = unwrap(c.object as Node);
      } else break;
    }
    if (c.type !== 'Identifier') return undefined;
    const root = c.name as string;
    let kind: 'test' | 'suite';
    const markers: string[] = [];
    if (TEST_NAMES.has(root)) kind = 'test';
    else if (SUITE_NAMES.has(root)) kind = 'suite';
    else if (PREFIXED[root]) {
      kind = PREFIXED[root];
      markers.push(root);
    } else if (scope.testParams.has(root) && members[0] === 'test') {
      kind = 'test';
      members.shift();
    } else return undefined;
    for (const m of members) {
      if (MODIFIERS.has(m)) markers.push(`${root}.${m}`);
      else if (m === 'describe') kind = 'suite';
      else if (!NEUTRAL.has(m)) return undefined;
    }
    for (const arg of args) {
      if (arg.type !== 'ObjectExpression') continue;
      for (const prop of arg.properties as Node[]) {
        if (prop.type !== 'ObjectProperty' || prop.computed) continue;
        const key = prop.key as Node;
        const keyName = key.type === 'Identifier' ? (key.name as string) : key.type === 'StringLiteral' ? (key.value as string) : '';
        if (OPTION_MARKERS.has(keyName) && constantTruth(prop.value as Node) !== false) markers.push(`{ ${keyName}: ${this.source(prop.value as Node, 60)} }`);
      }
    }
    const first = unwrap(args[0]!);
    const name = first.type === 'StringLiteral' ? (first.value as string) : this.source(first, 80);
    const fn = [...args].reverse().find((a) => a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression');
    return { kind, markers, name, calleeCalls, ...(fn ? { fn } : {}) };
  }

  private visitAll(nodes: Node[], scope: Scope): void {
    for (const n of nodes) this.visit(n, scope);
  }

  /** Statements in order: after one that always leaves (return, throw, process.exit), the rest never run. */
  private visitStatements(statements: Node[], scope: Scope): void {
    let dead = scope.unreachable;
    for (const statement of statements) {
      // Function declarations are hoisted: callable wherever they are written.
      this.visit(statement, statement.type === 'FunctionDeclaration' ? { ...scope, unreachable: false } : { ...scope, unreachable: dead });
      if (this.leaves(statement)) dead = true;
    }
  }

  private isExitCall(node: Node): boolean {
    if (!isCall(node)) return false;
    const name = dotted(node.callee as Node);
    if (name === undefined) return false;
    if (this.exitNames.has(name) || /^process\.(?:exit|abort|reallyExit)$/.test(name)) return true;
    const first = (node.arguments as Node[])[0];
    return name === 'process.kill' && first !== undefined && dotted(first) === 'process.pid';
  }

  /** A statement after which control never reaches the next one. */
  private leaves(statement: Node): boolean {
    switch (statement.type) {
      // Within a block, nothing after `break`/`continue` runs either (`check: { break check; assert(…) }`).
      case 'ReturnStatement':
      case 'ThrowStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
        return true;
      case 'ExpressionStatement': {
        const e = unwrap(statement.expression as Node);
        return this.isExitCall(e.type === 'AwaitExpression' ? unwrap(e.argument as Node) : e);
      }
      case 'BlockStatement':
        return (statement.body as Node[]).some((s) => this.leaves(s));
      case 'IfStatement': {
        const truth = constantTruth(statement.test as Node);
        const thenLeaves = this.leaves(statement.consequent as Node);
        const elseLeaves = statement.alternate ? this.leaves(statement.alternate as Node) : false;
        return (truth === true && thenLeaves) || (truth === false && elseLeaves) || (thenLeaves && elseLeaves);
      }
      default:
        return false;
    }
  }

  /** A catch clause (or `.catch` callback) that neither rethrows nor checks what it caught. */
  private swallows(handler: Node): boolean {
    const stack = [handler];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'ThrowStatement') return false;
      if (isCall(node)) {
        if (this.isAssertion(node)) return false;
        const callee = unwrap(node.callee as Node);
        const name = dotted(callee) ?? '';
        if (/(?:^|\.)(?:fail|reject|done|rethrow)$/.test(name) || /^Promise\.reject$/.test(name)) return false;
        if (callee.type === 'Identifier' && this.helpers.has(callee.name as string) && this.helperAssertions(callee.name as string) > 0) return false;
      }
      stack.push(...children(node));
    }
    return true;
  }

  private visit(node: Node, given: Scope): void {
    // A named helper checks nothing where it is written, only where it is called: a helper that no
    // test calls any more (its assertions moved out of every test's reach) leaves the count lower.
    const scope = this.helperNodes.has(node) ? { ...given, lineage: [], conditional: false, inHelper: true } : given;
    switch (node.type) {
      case 'Program':
      case 'BlockStatement':
      case 'StaticBlock':
        return this.visitStatements(node.body as Node[], scope);
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
        const swallowing = handler !== null && this.swallows(handler.body as Node);
        this.visit(node.block as Node, swallowing ? { ...scope, swallowed: true } : scope);
        if (handler) this.visit(handler, scope);
        if (node.finalizer) this.visit(node.finalizer as Node, scope);
        return;
      }
      case 'AssignmentExpression':
        this.checkAssignment(node);
        break;
      case 'VariableDeclarator':
        this.checkDeclaration(node);
        break;
      case 'FunctionDeclaration':
        this.checkShadowingFunction(node);
        break;
      case 'ImportDeclaration':
        return this.checkImport(node);
      case 'CallExpression':
      case 'OptionalCallExpression':
        if (this.visitCall(node, scope)) return;
        break;
    }
    this.visitAll(children(node), scope);
  }

  /** Handles a call; true when it visited the call's parts itself. */
  private visitCall(call: Node, scope: Scope): boolean {
    const test = this.testCall(call, scope);
    if (test) {
      this.visitTestCall(call, test, scope);
      return true;
    }
    const name = dotted(call.callee as Node) ?? '';
    if (this.isExitCall(call))
      this.weaken('process-exit', call, `${this.source(call, 60)} ends the test process early: every later assertion and test is skipped`);
    if (scope.test) this.checkInTestCall(call, name, scope);
    if (SPY_CALLS.test(name) || MODULE_MOCKS.test(name)) this.checkReplacement(call, name);
    this.noteMatcher(call);
    if (this.isAssertion(call)) this.checkAssertion(call, scope);
    else if (!scope.unreachable && !scope.swallowed && this.isSelfMatch(call)) {
      this.weaken('tautology', call, `${this.source(call, 80)} compares a value with itself`);
    }
    const callee = unwrap(call.callee as Node);
    if (callee.type === 'Identifier' && this.helpers.has(callee.name as string) && !this.assertNames.has(callee.name as string)) {
      const count = this.helperAssertions(callee.name as string);
      this.calledHelpers.add(callee.name as string);
      this.count(scope, count);
      if (count > 0 && scope.unreachable) this.weaken('unreachable', call, `${callee.name as string}() (${count} assertion(s)) can never run`);
      else if (count > 0 && scope.swallowed)
        this.weaken('swallowed', call, `${callee.name as string}() (${count} assertion(s)) runs inside a try whose catch swallows its failure`);
    }
    // `promise.catch(() => {})` swallows the failures of the assertions in `promise`.
    if (isMember(callee) && propName(callee) === 'catch') {
      const handler = (call.arguments as Node[])[0];
      if (handler && FUNCTION.has(handler.type) && this.swallows(handler.body as Node)) {
        this.visit(callee.object as Node, { ...scope, swallowed: true });
        this.visitAll(call.arguments as Node[], scope);
        return true;
      }
    }
    return false;
  }

  /** Remember the matcher call made on an `expect(…)`: visited first, before the `expect` inside it. */
  private noteMatcher(call: Node): void {
    let c = unwrap(call.callee as Node);
    if (!isMember(c)) return;
    while (isMember(c)) c = unwrap(c.object as Node);
    if (isCall(c) && this.isAssertion(c) && !this.matchers.has(c)) this.matchers.set(c, call);
  }

  /** Add assertions to the test and the tests around it, noting those that may never run. */
  private count(scope: Scope, n: number): void {
    if (scope.lineage.length === 0 && !scope.inHelper) this.looseOutside += n;
    for (const t of scope.lineage) {
      t.assertions += n;
      if (scope.conditional) t.conditional = (t.conditional ?? 0) + n;
    }
  }

  private checkAssertion(call: Node, scope: Scope): void {
    this.count(scope, 1);
    const what = this.source(call, 80);
    if (scope.unreachable) this.weaken('unreachable', call, `${what} can never run`);
    else if (scope.swallowed) this.weaken('swallowed', call, `${what} runs inside a try whose catch swallows its failure`);
    else if (this.isTautology(call)) this.weaken('tautology', call, `${what} passes whatever the code under test does`);
  }

  /** `t.skip()`, `t.todo()`, `this.skip()`, `pending()` inside a test. */
  private checkInTestCall(call: Node, name: string, scope: Scope): void {
    const callee = unwrap(call.callee as Node);
    const object = isMember(callee) ? unwrap(callee.object as Node) : undefined;
    const prop = isMember(callee) ? propName(callee) : undefined;
    const onContext =
      object !== undefined && ((object.type === 'Identifier' && scope.testParams.has(object.name as string)) || object.type === 'ThisExpression');
    if ((onContext && (prop === 'skip' || prop === 'todo')) || name === 'pending') {
      this.weaken('skip', call, `${this.source(call, 60)} skips test "${scope.test!.key}"`);
    }
  }

  private visitTestCall(call: Node, test: TestCall, scope: Scope): void {
    for (const c of test.calleeCalls) this.notTestCalls.add(c);
    const label = `${test.kind} "${[...scope.suite, test.name].join(' > ')}"`;
    const head = signature(`${this.source(call.callee as Node)}(${test.name}`);
    for (const marker of test.markers) this.weaken('skip', call, `${marker} on ${label}`, `${head}${marker}`);
    if (scope.unreachable) this.weaken('unreachable', call, `${label} is never registered: the code defining it cannot run`, head);
    let inner: Scope = { ...scope, unreachable: false, swallowed: false, conditional: false };
    if (test.kind === 'test') {
      const facts: TestFacts = { key: [...scope.suite, test.name].join(' > '), line: call.loc.start.line, assertions: 0, leaf: true };
      if (scope.test) scope.test.leaf = false;
      this.tests.push(facts);
      inner = { ...inner, test: facts, lineage: [...scope.lineage, facts], suite: [...scope.suite, test.name] };
    } else inner = { ...inner, suite: [...scope.suite, test.name] };
    const params = test.fn ? (test.fn.params as Node[]) : [];
    if (params[0]?.type === 'Identifier') inner.testParams = new Set([...scope.testParams, params[0].name as string]);
    for (const c of test.calleeCalls) this.visitAll(c.arguments as Node[], scope);
    for (const arg of call.arguments as Node[]) this.visit(arg, arg === test.fn ? inner : scope);
  }

  private rootName(node: Node): { root?: string; first?: string; props: string[] } {
    let c = unwrap(node);
    const props: string[] = [];
    while (isMember(c)) {
      props.unshift(propName(c) ?? '?');
      c = unwrap(c.object as Node);
    }
    return { ...(c.type === 'Identifier' ? { root: c.name as string } : {}), ...(props[0] ? { first: props[0] } : {}), props };
  }

  /** Whether an expression names the assertion library itself (`assert`, `assert.equal`, `globalThis.expect`, `t.assert`). */
  private namesAssertions(node: Node): boolean {
    const { root, first, props } = this.rootName(node);
    if (root !== undefined && this.assertNames.has(root)) return true;
    if (root !== undefined && GLOBALS.has(root) && first !== undefined && (this.assertNames.has(first) || first === 'assert' || first === 'expect'))
      return true;
    return props.includes('assert') || props.includes('expect');
  }

  private checkAssignment(node: Node): void {
    const left = node.left as Node;
    if (this.namesAssertions(left))
      this.weaken('assert-reassigned', node, `${this.source(left, 60)} is replaced: the assertions it makes no longer check anything`);
    else if (dotted(left) === 'process.exitCode') this.weaken('process-exit', node, `${this.source(node, 60)} overrides the test run's exit code`);
  }

  /** `Object.assign(assert, …)`, `vi.spyOn(assert, 'equal')`, `vi.mock('node:assert')`, `vi.mock('../src/orders')`. */
  private checkReplacement(call: Node, name: string): void {
    const first = (call.arguments as Node[])[0];
    if (!first) return;
    const target = unwrap(first);
    const spec = target.type === 'StringLiteral' ? (target.value as string) : undefined;
    if (MODULE_MOCKS.test(name) && spec !== undefined) {
      if (ASSERTION_MODULE.test(spec)) this.weaken('assert-reassigned', call, `${this.source(call, 60)} replaces the assertion library`);
      else if (/^\.{1,2}\//.test(spec)) this.weaken('module-mocked', call, `${this.source(call, 60)} mocks project code the sentinel is meant to exercise`);
      return;
    }
    if (name === 'vi.stubGlobal' && spec !== undefined && (this.assertNames.has(spec) || spec === 'expect' || spec === 'assert')) {
      this.weaken('assert-reassigned', call, `${this.source(call, 60)} replaces a global assertion`);
    } else if (this.namesAssertions(target)) this.weaken('assert-reassigned', call, `${this.source(call, 60)} alters the assertion library`);
  }

  /** `const assert = { ok() {} }`: a local stand-in for the assertion library. */
  private checkDeclaration(node: Node): void {
    const names = boundNames(node.id as Node);
    if (!names.some((n) => n === 'assert' || n === 'expect')) return;
    const init = node.init ? unwrap(node.init as Node) : undefined;
    if (init && this.fromAssertionLibrary(init)) return;
    this.weaken('assert-reassigned', node, `${this.source(node, 60)} replaces the assertion library with a local stand-in`);
  }

  private fromAssertionLibrary(init: Node): boolean {
    return this.assertionSource(init) !== undefined;
  }

  /** Where a value comes from: an assertion library (`pure`), a test framework, or neither. */
  private assertionSource(init: Node): 'pure' | 'framework' | undefined {
    let n = unwrap(init);
    while (isMember(n) || n.type === 'AwaitExpression') n = unwrap((isMember(n) ? n.object : n.argument) as Node);
    if (isCall(n)) {
      const callee = dotted(n.callee as Node);
      const arg = (n.arguments as Node[])[0];
      const spec = arg && unwrap(arg).type === 'StringLiteral' ? (unwrap(arg).value as string) : undefined;
      const loads = callee === 'require' || unwrap(n.callee as Node).type === 'Import';
      if (!loads || spec === undefined) return undefined;
      return PURE_ASSERTION_MODULE.test(spec) ? 'pure' : ASSERTION_MODULE.test(spec) ? 'framework' : undefined;
    }
    return n.type === 'Identifier' && (n.name === 'chai' || this.assertNames.has(n.name as string)) ? 'pure' : undefined;
  }

  private checkShadowingFunction(node: Node): void {
    const name = node.id ? ((node.id as Node).name as string) : '';
    if (name === 'assert' || name === 'expect')
      this.weaken('assert-reassigned', node, `function ${name}() replaces the assertion library with a local stand-in`, `function${name}`);
  }

  private checkImport(node: Node): void {
    const from = (node.source as Node).value as string;
    if (!/^(?:\.{1,2}\/|\/)/.test(from)) return;
    for (const spec of node.specifiers as Node[]) {
      const local = (spec.local as Node).name as string;
      if (local === 'assert' || local === 'expect' || local === 'should') {
        this.weaken('assert-reassigned', node, `${local} is imported from ${from}, not an assertion library`);
      }
    }
  }
}
