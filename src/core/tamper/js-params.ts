import { type Chain, resolve } from './js-bindings.js';
import { boundNames, isMember, type Node, propName, unwrap } from './js-syntax.js';

/**
 * A parameter named like an assertion (`const check = (expect) => expect(x).toBe(1)`) holds
 * whatever its caller hands in: a call through it checks something only when the caller hands in
 * the real assertion (`check(expect)`), not a stand-in (`check(() => ({ toBe() {} }))`). A test's
 * or hook's own parameters (vitest's `({ expect })`) are the runner's.
 */

/** The function whose parameter the call's assertion name is, when the callee is rooted at one (`expect(…)`, `assert.equal(…)`). */
export function assertionParamOwner(call: Node, chain: Chain | undefined, assertNames: ReadonlySet<string>): Node | undefined {
  let c = unwrap(call.callee as Node);
  while (isMember(c)) c = unwrap(c.object as Node);
  if (c.type !== 'Identifier' || !assertNames.has(c.name as string)) return undefined;
  return resolve(chain, c.name as string)?.param;
}

/** Positions of a function's parameters that bind an assertion name (`(expect, x)`, `({ expect })`). */
export function assertionParams(fn: Node, assertNames: ReadonlySet<string>): number[] {
  return (fn.params as Node[]).flatMap((p, i) => {
    const id = p.type === 'AssignmentPattern' ? (p.left as Node) : p;
    return boundNames(id).some((n) => assertNames.has(n)) ? [i] : [];
  });
}

/**
 * Whether a value handed to a helper is the assertion library (or the test context holding it):
 * `expect`, `assert.strict`, `t.assert`, `{ expect }`, a live parameter passed on.
 */
export function isAssertionValue(node: Node, chain: Chain | undefined, assertNames: ReadonlySet<string>, live: (fn: Node) => boolean): boolean {
  const n = unwrap(node);
  if (n.type === 'ObjectExpression') {
    const props = (n.properties as Node[]).filter((p) => p.type === 'ObjectProperty' && !p.computed);
    const key = (p: Node) => ((p.key as Node).type === 'Identifier' ? ((p.key as Node).name as string) : ((p.key as Node).value as string));
    const named = props.filter((p) => assertNames.has(key(p)));
    return named.length > 0 && named.every((p) => isAssertionValue(p.value as Node, chain, assertNames, live));
  }
  let c = n;
  while (isMember(c)) {
    if (/^(?:assert|expect|should)$/.test(propName(c) ?? '')) return true;
    c = unwrap(c.object as Node);
  }
  if (c.type !== 'Identifier') return false;
  const param = resolve(chain, c.name as string)?.param;
  // A test's context handed on (`check(ctx)` with `function check({ expect })`), or an assertion name that is not a dead parameter.
  if (param) return live(param);
  return assertNames.has(c.name as string);
}
