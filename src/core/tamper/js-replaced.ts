import { signature, type WeakeningKind } from './facts.js';
import { assertionSource } from './js-bindings.js';
import { boundNames, dotted, isCall, isMember, type Node, propName, unwrap } from './js-syntax.js';
import { ASSERTION_MODULE, GLOBALS, MODULE_MOCKS } from './js-vocabulary.js';

/**
 * The assertion library or the code under test swapped out: `assert.equal = …`, a local
 * `const assert = {…}`, `vi.mock('node:assert')`, `vi.mock('../src/orders')`.
 */

export interface Reporter {
  readonly assertNames: ReadonlySet<string>;
  source(node: Node, max?: number): string;
  weaken(kind: WeakeningKind, node: Node, detail: string, text?: string): void;
}

function rootName(node: Node): { root?: string; first?: string; props: string[] } {
  let c = unwrap(node);
  const props: string[] = [];
  while (isMember(c)) {
    props.unshift(propName(c) ?? '?');
    c = unwrap(c.object as Node);
  }
  return { ...(c.type === 'Identifier' ? { root: c.name as string } : {}), ...(props[0] ? { first: props[0] } : {}), props };
}

/** Whether an expression names the assertion library itself (`assert`, `assert.equal`, `globalThis.expect`, `t.assert`). */
function namesAssertions(r: Reporter, node: Node): boolean {
  const { root, first, props } = rootName(node);
  if (root !== undefined && r.assertNames.has(root)) return true;
  if (root !== undefined && GLOBALS.has(root) && first !== undefined && (r.assertNames.has(first) || first === 'assert' || first === 'expect')) return true;
  return props.includes('assert') || props.includes('expect');
}

export function checkAssignment(r: Reporter, node: Node): void {
  const left = node.left as Node;
  if (namesAssertions(r, left)) r.weaken('assert-reassigned', node, `${r.source(left, 60)} is replaced: the assertions it makes no longer check anything`);
  else if (dotted(left) === 'process.exitCode') r.weaken('process-exit', node, `${r.source(node, 60)} overrides the test run's exit code`);
}

/** `Object.assign(assert, …)`, `vi.spyOn(assert, 'equal')`, `vi.mock('node:assert')`, `vi.mock('../src/orders')`. */
export function checkReplacement(r: Reporter, call: Node, name: string): void {
  const first = (call.arguments as Node[])[0];
  if (!first) return;
  const target = unwrap(first);
  const spec = target.type === 'StringLiteral' ? (target.value as string) : undefined;
  if (MODULE_MOCKS.test(name) && spec !== undefined) {
    if (ASSERTION_MODULE.test(spec)) r.weaken('assert-reassigned', call, `${r.source(call, 60)} replaces the assertion library`);
    else if (/^\.{1,2}\//.test(spec)) r.weaken('module-mocked', call, `${r.source(call, 60)} mocks project code the sentinel is meant to exercise`);
    return;
  }
  if (name === 'vi.stubGlobal' && spec !== undefined && (r.assertNames.has(spec) || spec === 'expect' || spec === 'assert')) {
    r.weaken('assert-reassigned', call, `${r.source(call, 60)} replaces a global assertion`);
  } else if (namesAssertions(r, target)) r.weaken('assert-reassigned', call, `${r.source(call, 60)} alters the assertion library`);
}

/** `const assert = { ok() {} }`: a local stand-in for the assertion library. */
export function checkDeclaration(r: Reporter, node: Node): void {
  const names = boundNames(node.id as Node);
  if (!names.some((n) => n === 'assert' || n === 'expect')) return;
  const init = node.init ? unwrap(node.init as Node) : undefined;
  if (init && assertionSource(init, r.assertNames) !== undefined) return;
  r.weaken('assert-reassigned', node, `${r.source(node, 60)} replaces the assertion library with a local stand-in`);
}

export function checkShadowingFunction(r: Reporter, node: Node): void {
  const name = node.id ? ((node.id as Node).name as string) : '';
  if (name === 'assert' || name === 'expect')
    r.weaken('assert-reassigned', node, `function ${name}() replaces the assertion library with a local stand-in`, `function${name}`);
}

export function checkImport(r: Reporter, node: Node): void {
  const from = (node.source as Node).value as string;
  if (!/^(?:\.{1,2}\/|\/)/.test(from)) return;
  for (const spec of node.specifiers as Node[]) {
    const local = (spec.local as Node).name as string;
    if (local === 'assert' || local === 'expect' || local === 'should') {
      r.weaken('assert-reassigned', node, `${local} is imported from ${from}, not an assertion library`);
    }
  }
}

/** `vi.spyOn(calc, 'add').mockReturnValue(3)` (or `mockImplementation`…, `jest.spyOn`) in a test: `calc.add` answers what the test says now. */
export function noteStub<K extends object>(r: Reporter, call: Node, stubbed: WeakMap<K, Set<string>>, test: K): void {
  const callee = unwrap(call.callee as Node);
  if (!isMember(callee) || !/^mock(?:Return|Resolved|Implementation)/.test(propName(callee) ?? '')) return;
  const spy = unwrap(callee.object as Node);
  const [object, method] = isCall(spy) && /^(?:vi|jest)\.spyOn$/.test(dotted(spy.callee as Node) ?? '') ? (spy.arguments as Node[]).map(unwrap) : [];
  if (!object || method?.type !== 'StringLiteral') return;
  const set = stubbed.get(test) ?? new Set<string>();
  set.add(signature(`${r.source(object)}.${method.value as string}(`));
  stubbed.set(test, set);
}

/** `expect(calc.add(1, 2)).toBe(3)` after `calc.add` was stubbed to return 3: the assertion checks the stand-in, not the code. */
export function checkStubbedSubject(r: Reporter, call: Node, stubs: ReadonlySet<string> | undefined): void {
  if (!stubs) return;
  const args = signature((call.arguments as Node[]).map((a) => r.source(a, 1e6)).join(','));
  const stub = [...stubs].find((s) => args.includes(s));
  if (stub) r.weaken('module-mocked', call, `${r.source(call, 80)} checks ${stub.slice(0, -1)}(), which the test replaced with a stand-in`);
}
