import { countOnce } from './facts.js';
import { isAssertion } from './js-assertions.js';
import { type Bindings, type Chain, enter, resolve } from './js-bindings.js';
import { assertionParamOwner, assertionParams, isAssertionValue } from './js-params.js';
import { children, FUNCTION, isCall, isMember, type Node, propName, unwrap } from './js-syntax.js';

/**
 * The helpers a JS/TS test file's calls reach (local functions, those of imported modules) and the
 * assertions each makes, with the helpers it calls in turn: what a test's count adds for a call.
 */

/**
 * Assertions an exported function of a relative module makes (`from` as written in the import), if
 * known. `hands` says whether the call hands the real assertions to the parameters at those positions.
 */
export type ImportedAssertions = (from: string, name: string, hands: (at: number[]) => boolean) => number | undefined;

export const isFunctionLiteral = (node: Node): boolean => FUNCTION.has(unwrap(node).type);

export class HelperCounts {
  private readonly counts = new Map<Node, number>();
  /** Counts of helpers whose assertion-named parameters got the real assertions from their caller. */
  private readonly liveCounts = new Map<Node, number>();
  /** Test and hook functions: the runner hands in their parameters (vitest's `({ expect })`). */
  readonly contextFns = new WeakSet<Node>();
  /** Assertions and helper calls the walk found weakened (unreachable, swallowed, inverted, tautologies). */
  readonly weakenedCalls = new WeakSet<Node>();
  /** Counting for another file (an imported helper): weakened calls count for nothing. */
  private skipWeakened = false;
  private readonly assertNames: ReadonlySet<string>;

  constructor(
    private readonly b: Bindings,
    private readonly imported?: ImportedAssertions,
  ) {
    this.assertNames = b.assertNames;
  }

  /** From now on count helpers as a caller in another file sees them: weakened calls count for nothing. */
  countingForCaller(): void {
    this.counts.clear();
    this.liveCounts.clear();
    this.skipWeakened = true;
  }

  /** An assertion that checks: not one made through a parameter its caller may fill with a stand-in (`live`: the helper whose caller did not). */
  isAssertion(call: Node, chain: Chain | undefined, live?: Node): boolean {
    return isAssertion(call, this.assertNames) && this.paramLive(call, chain, live);
  }

  paramLive(call: Node, chain: Chain | undefined, live?: Node): boolean {
    const owner = assertionParamOwner(call, chain, this.assertNames);
    return !owner || owner === live || this.contextFns.has(owner);
  }

  /** `check(expect, x)` for `(expect, v) => …`: the caller hands the real assertions to every parameter named like one. */
  handsAssertions(fn: Node, call: Node, chain: Chain | undefined, live?: Node): boolean {
    return this.handsAt(assertionParams(fn, this.assertNames), call, chain, live);
  }

  private handsAt(at: number[], call: Node, chain: Chain | undefined, live?: Node): boolean {
    const args = call.arguments as Node[];
    const isLive = (p: Node) => p === live || this.contextFns.has(p);
    return at.length > 0 && at.every((i) => args[i] !== undefined && isAssertionValue(args[i]!, chain, this.assertNames, isLive));
  }

  /** The helper a name calls from here: the nearest declaration of that name, when it is a function. */
  helperAt(name: string, chain: Chain | undefined): Node | undefined {
    return this.assertNames.has(name) ? undefined : resolve(chain, name)?.fn;
  }

  /** Assertions a call makes through the helpers it calls or hands on (`check(x)`, `xs.forEach(check)`, an imported helper). */
  helpersCalled(call: Node, chain: Chain | undefined, seen?: Set<Node>, live?: Node): { name: string; count: number; fn?: Node }[] {
    const out: { name: string; count: number; fn?: Node }[] = [];
    const callee = unwrap(call.callee as Node);
    const hands = (at: number[]) => this.handsAt(at, call, chain, live);
    const named = [callee, ...(call.arguments as Node[]).map(unwrap)].filter((n) => n.type === 'Identifier');
    for (const n of named) {
      const name = n.name as string;
      const fn = this.helperAt(name, chain);
      if (fn) out.push({ name, count: this.helperAssertions(fn, seen, n === callee && this.handsAssertions(fn, call, chain, live)), fn });
      else if (n === callee && this.imported) {
        // Only when the name is the import binding itself (not a local or parameter that hides it).
        const from = this.assertNames.has(name) ? undefined : resolve(chain, name)?.import;
        const count = from ? this.imported(from.from, from.name, hands) : undefined;
        if (count !== undefined) out.push({ name, count });
      }
    }
    // `h.check(x)` with `import * as h from './h.js'`.
    const object = isMember(callee) ? unwrap(callee.object as Node) : undefined;
    const prop = isMember(callee) ? propName(callee) : undefined;
    if (this.imported && object?.type === 'Identifier' && prop !== undefined && !this.assertNames.has(object.name as string)) {
      // Also `checks.f(x)` with `import { checks } from './index.js'` where the index exports a whole module as `checks`.
      const b = resolve(chain, object.name as string);
      const count = b?.namespace
        ? this.imported(b.namespace, prop, hands)
        : b?.import
          ? this.imported(b.import.from, `${b.import.name}.${prop}`, hands)
          : undefined;
      if (count !== undefined) out.push({ name: `${object.name as string}.${prop}`, count });
    }
    return out;
  }

  /** Assertions a helper makes, counting the helpers it calls (each once, no cycles). */
  helperAssertions(fn: Node, seen = new Set<Node>(), live = false): number {
    const counts = live ? this.liveCounts : this.counts;
    return countOnce(fn, counts, seen, () => this.countIn(fn.body as Node, this.b.helpers.get(fn), seen, live ? fn : undefined));
  }

  countIn(node: Node, outer: Chain | undefined, seen: Set<Node>, live?: Node): number {
    const chain = enter(this.b, node, outer);
    let count = 0;
    if (isCall(node) && !(this.skipWeakened && this.weakenedCalls.has(node))) {
      if (this.isAssertion(node, chain, live)) count++;
      for (const h of this.helpersCalled(node, chain, seen, live)) count += h.count;
    }
    for (const child of children(node)) {
      // Nested helpers count where they are called; a function literal standing alone never runs.
      if (this.b.helpers.has(child) || (child.type === 'ExpressionStatement' && isFunctionLiteral(child.expression as Node))) continue;
      count += this.countIn(child, chain, seen, live);
    }
    return count;
  }
}
