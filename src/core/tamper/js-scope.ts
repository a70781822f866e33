import type { TestFacts } from './facts.js';
import { isContextSkipAlias } from './js-aliases.js';
import type { Chain } from './js-bindings.js';
import type { Reporter } from './js-replaced.js';
import { children, FUNCTION, isCall, isMember, type Node, propName, unwrap } from './js-syntax.js';

/** What the walk knows at a node of a test file: the test it is in, and what can stop its assertions. */
export interface Scope {
  test?: TestFacts;
  /** The test and the tests around it (node:test subtests): each counts the assertions inside. */
  lineage: TestFacts[];
  suite: string[];
  unreachable: boolean;
  swallowed: boolean;
  /** Inside a function `assert.throws`/`expect(…).toThrow()` expects to fail: an assertion there passes only by failing. */
  inverted: boolean;
  /** Under a condition that is not constant (`if`, `?:`, `&&`, `||`): the assertion may never run. */
  conditional: boolean;
  /** Names of test-context parameters in scope (node:test `t`, vitest `ctx`). */
  testParams: ReadonlySet<string>;
  /** Local names of a context's skip/todo, destructured from it (`({ skip }) => skip()`). */
  skipFns: ReadonlySet<string>;
  /** Inside a hook (`beforeEach`…): a skip there skips every test it runs before. */
  hook?: string;
  /** Inside a function that only runs where it is called: its assertions count there, or as loose when never called. */
  inHelper?: boolean;
  /** The names declared in the blocks around. */
  chain?: Chain | undefined;
  /** How many times the code here runs per run of its test (or, outside tests, per file): the rows of the literal tables it loops over. */
  times?: number;
}

/** The scope inside a test's or hook's function: its first parameter is the test context (`t`, `ctx`, `({ skip })`). */
export function contextScope(fn: Node, scope: Scope): Scope {
  const first = (unwrap(fn).params as Node[] | undefined)?.[0];
  if (first?.type === 'Identifier') return { ...scope, testParams: new Set([...scope.testParams, first.name as string]) };
  if (first?.type !== 'ObjectPattern') return scope;
  const skips = (first.properties as Node[]).flatMap((p) => {
    const key = p.type === 'ObjectProperty' ? (p.key as Node) : undefined;
    const value = p.type === 'ObjectProperty' ? unwrap(p.value as Node) : undefined;
    const local = value?.type === 'AssignmentPattern' ? (value.left as Node) : value;
    return key?.type === 'Identifier' && /^(?:skip|todo)$/.test(key.name as string) && local?.type === 'Identifier' ? [local.name as string] : [];
  });
  return skips.length ? { ...scope, skipFns: new Set([...scope.skipFns, ...skips]) } : scope;
}

/** The call by which a named function handed to a hook skips through its context (`ctx.skip()`, `this.skip()`), if any. */
export function contextSkipIn(fn: Node): Node | undefined {
  const first = (fn.params as Node[] | undefined)?.[0];
  const param = first?.type === 'Identifier' ? (first.name as string) : undefined;
  const stack = [fn.body as Node];
  while (stack.length) {
    const node = stack.pop()!;
    if (isCall(node)) {
      const c = unwrap(node.callee as Node);
      const object = isMember(c) ? unwrap(c.object as Node) : undefined;
      const onContext = object !== undefined && ((object.type === 'Identifier' && object.name === param) || object.type === 'ThisExpression');
      if (onContext && /^(?:skip|todo)$/.test(propName(c) ?? '')) return node;
    }
    if (!FUNCTION.has(node.type) || node === fn.body) stack.push(...children(node));
  }
  return undefined;
}

/** `t.skip()`, `t.todo()`, `this.skip()`, `pending()`, a destructured `skip()` inside a test or a hook. */
export function checkContextSkip(r: Reporter, call: Node, name: string, scope: Scope): void {
  const callee = unwrap(call.callee as Node);
  const object = isMember(callee) ? unwrap(callee.object as Node) : undefined;
  const prop = isMember(callee) ? propName(callee) : undefined;
  const onContext = object !== undefined && ((object.type === 'Identifier' && scope.testParams.has(object.name as string)) || object.type === 'ThisExpression');
  const destructured = (callee.type === 'Identifier' && scope.skipFns.has(callee.name as string)) || isContextSkipAlias(callee, scope.chain, scope.testParams);
  if ((onContext && (prop === 'skip' || prop === 'todo')) || name === 'pending' || destructured) {
    const what = scope.test ? `test "${scope.test.key}"` : `every test ${scope.hook} runs for${scope.suite.length ? ` in "${scope.suite.join(' > ')}"` : ''}`;
    r.weaken('skip', call, `${r.source(call, 60)} skips ${what}`);
  }
}
