import { signature } from './facts.js';
import { isCall, isConstant, isMember, isPure, type Node, propName, unwrap } from './js-syntax.js';
import { EQUALITY, TRUTHY } from './js-vocabulary.js';

/** What an assertion call checks, judged on its syntax: is it one, does it check anything, is it inverted. */

/** A call that checks something: `assert(x)`, `assert.equal`, `t.assert.ok`, `expect(x)`, `x.should.equal`. */
export function isAssertion(call: Node, assertNames: ReadonlySet<string>): boolean {
  let c = unwrap(call.callee as Node);
  if (c.type === 'Identifier') return assertNames.has(c.name as string);
  while (isMember(c)) {
    const prop = propName(c);
    if (prop === 'assert' || prop === 'should' || prop === 'expect') return true;
    c = unwrap(c.object as Node);
  }
  return c.type === 'Identifier' && assertNames.has(c.name as string);
}

type Source = (node: Node) => string;
/** Two operands that are the same pure value: a call on both sides may differ (a determinism check is a real test). */
const sameValue = (a: Node, b: Node, source: Source) => isPure(a) && signature(source(a)) === signature(source(b));

/** `assert.ok(true)`, `assert.equal(1, 1)`, `assert.equal(x, x)`, `expect(true)…`: passes whatever the code does. */
export function isTautology(call: Node, assertNames: ReadonlySet<string>, matcher: Node | undefined, source: Source): boolean {
  const callee = unwrap(call.callee as Node);
  const args = (call.arguments as Node[]).filter((a) => a.type !== 'SpreadElement');
  const name = callee.type === 'Identifier' ? (callee.name as string) : isMember(callee) ? propName(callee) : undefined;
  if (name === undefined || args.length === 0) return false;
  if (name === 'expect' || name === 'expectTypeOf') {
    // Expected-first style (`expect(3).toBe(total(xs))`) checks the code: only constants on both sides pass regardless.
    return isConstant(args[0]!) && (matcher === undefined || (matcher.arguments as Node[]).every((a) => a.type !== 'SpreadElement' && isConstant(a)));
  }
  if (TRUTHY.has(name) || (callee.type === 'Identifier' && assertNames.has(name) && !EQUALITY.test(name))) {
    return !/^(?:fail|throws|rejects|doesNotThrow|doesNotReject|match|doesNotMatch)$/.test(name) && isConstant(args[0]!);
  }
  if (EQUALITY.test(name) && args.length >= 2) {
    if (isConstant(args[0]!) && isConstant(args[1]!)) return true;
    return !name.startsWith('not') && sameValue(args[0]!, args[1]!, source);
  }
  return false;
}

/**
 * `expect(x).toBeDefined()`, `.toBeTruthy()`, `.not.toBeNull()`, `.toEqual(expect.anything())`: a
 * check almost any value passes. Put in place of one that compared the value, it weakens the test.
 */
export function isVague(matcher: Node | undefined): boolean {
  if (!matcher) return false;
  const callee = unwrap(matcher.callee as Node);
  const name = isMember(callee) ? propName(callee) : undefined;
  const { negated } = subjectOf(matcher);
  const args = matcher.arguments as Node[];
  const anything = args.length === 1 && isCall(unwrap(args[0]!)) && /^expect\.anything$/.test(dottedName(unwrap(args[0]!).callee as Node));
  if (negated) return /^(?:toBeUndefined|toBeNull|toBeFalsy|toBeNaN)$/.test(name ?? '');
  // `toBe(true)` checks no more of a boolean than `toBeTruthy()`: swapping one for the other loosens nothing.
  const isTrue = args.length === 1 && unwrap(args[0]!).type === 'BooleanLiteral' && unwrap(args[0]!).value === true;
  return /^(?:toBeDefined|toBeTruthy)$/.test(name ?? '') || anything || (isTrue && /^(?:toBe|toEqual|toStrictEqual)$/.test(name ?? ''));
}

const dottedName = (n: Node): string => {
  const c = unwrap(n);
  if (c.type === 'Identifier') return c.name as string;
  return isMember(c) ? `${dottedName(c.object as Node)}.${propName(c) ?? ''}` : '';
};

/** The assertion call a matcher chain starts from (`expect(x)` in `expect(x).not.toBe(y)`), and whether `.not` is on the way. */
function subjectOf(call: Node): { subject?: Node; negated: boolean } {
  let c = unwrap(call.callee as Node);
  if (!isMember(c)) return { negated: false };
  let negated = false;
  while (isMember(c)) {
    if (propName(c) === 'not') negated = true;
    c = unwrap(c.object as Node);
  }
  return isCall(c) ? { subject: c, negated } : { negated };
}

/** `expect(x).toBe(x)`, `expect(x).to.equal(x)`: the matcher gets what expect got. */
export function isSelfMatch(call: Node, assertNames: ReadonlySet<string>, source: Source): boolean {
  const callee = unwrap(call.callee as Node);
  const arg = (call.arguments as Node[])[0];
  if (!isMember(callee) || !arg || !/^(?:toBe|toEqual|toStrictEqual|equal|equals|eql)$/.test(propName(callee) ?? '')) return false;
  const { subject: c, negated } = subjectOf(call);
  if (negated || !c || !isAssertion(c, assertNames)) return false;
  const subject = (c.arguments as Node[])[0];
  return subject !== undefined && !isConstant(subject) && sameValue(subject, arg, source);
}

/** The matcher call made on an `expect(…)` call, if `call` is one: `expect(x)` → `expect(x).toBe(y)`. */
export function matcherSubject(call: Node, assertNames: ReadonlySet<string>): Node | undefined {
  const { subject } = subjectOf(call);
  return subject && isAssertion(subject, assertNames) ? subject : undefined;
}

const THROWS = /^(?:toThrow\w*|throw|throws|Throw|rejects|toReject\w*|rejectedWith|isRejected)$/;

/**
 * The function arguments whose failures an assertion turns into a pass: `assert.throws(fn)`,
 * `assert.rejects(fn)`, `expect(fn).toThrow()` (not under `.not`). An assertion inside such a
 * function passes only when it fails.
 */
export function invertedArguments(call: Node, assertNames: ReadonlySet<string>, matcher: Node | undefined): Node[] {
  const callee = unwrap(call.callee as Node);
  const fns = (call.arguments as Node[]).filter((a) => ['ArrowFunctionExpression', 'FunctionExpression'].includes(unwrap(a).type));
  if (fns.length === 0 || !isAssertion(call, assertNames)) return [];
  if (isMember(callee) && /^(?:throws|rejects)$/.test(propName(callee) ?? '')) return fns;
  if (callee.type === 'Identifier' && matcher) {
    const { negated } = subjectOf(matcher);
    const m = unwrap(matcher.callee as Node);
    const chain: string[] = [];
    for (let c = m; isMember(c); c = unwrap(c.object as Node)) chain.push(propName(c) ?? '');
    if (!negated && chain.some((p) => THROWS.test(p))) return fns;
  }
  return [];
}
