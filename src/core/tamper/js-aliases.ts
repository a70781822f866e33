import { type Chain, resolve } from './js-bindings.js';
import { isMember, type Node, propName, unwrap } from './js-syntax.js';
import { HOOKS } from './js-vocabulary.js';

/**
 * What a local name stands for when it only renames another one: `const it = test.skip`,
 * `const { skip } = test`, `let be = beforeEach`, `const maybe = ci ? it.skip : it`. A test
 * declared through the alias is the aliased call, with its markers: a skip given a new name is
 * still a skip.
 */

/** A name and the members read from it: `test.skip` → { root: 'test', members: ['skip'] }. */
export interface AliasTarget {
  root: string;
  members: string[];
}

const MAX_DEPTH = 4;

/** The targets `name` stands for (each branch of a condition is one), or undefined when it is no alias. */
export function aliasTargets(chain: Chain | undefined, name: string, depth = 0): AliasTarget[] | undefined {
  const b = depth < MAX_DEPTH ? resolve(chain, name) : undefined;
  if (!b || b.fn || b.import || b.namespace) return undefined;
  const values = [...(b.value ? [b.value] : []), ...(b.also ?? [])];
  const out: AliasTarget[] = [];
  if (b.destructured) {
    const of = chainTargets(chain, b.destructured.object, depth);
    if (!of) return undefined;
    out.push(...of.map((t) => ({ root: t.root, members: [...t.members, b.destructured!.key] })));
  }
  for (const v of values) {
    const targets = chainTargets(chain, v, depth);
    // One value that is not a name or member chain (a call, an object): the name is its own thing.
    if (!targets) return undefined;
    out.push(...targets);
  }
  return out.length ? out : undefined;
}

/** `test.skip`, `it`, `cond ? it.skip : it` as targets; an alias at the root is followed. */
function chainTargets(chain: Chain | undefined, value: Node, depth: number): AliasTarget[] | undefined {
  const n = unwrap(value);
  if (n.type === 'ConditionalExpression') return both(chain, n.consequent as Node, n.alternate as Node, depth);
  if (n.type === 'LogicalExpression') return both(chain, n.left as Node, n.right as Node, depth);
  const members: string[] = [];
  let c = n;
  while (isMember(c)) {
    const prop = propName(c);
    if (prop === undefined) return undefined;
    members.unshift(prop);
    c = unwrap(c.object as Node);
  }
  if (c.type !== 'Identifier') return undefined;
  const root = c.name as string;
  const inner = aliasTargets(chain, root, depth + 1);
  return inner ? inner.map((t) => ({ root: t.root, members: [...t.members, ...members] })) : [{ root, members }];
}

/** Both branches, when either is a name or member chain (`ci ? it.skip : it`, `flag && it.only`). */
function both(chain: Chain | undefined, a: Node, b: Node, depth: number): AliasTarget[] | undefined {
  const left = chainTargets(chain, a, depth);
  const right = chainTargets(chain, b, depth);
  return left || right ? [...(left ?? []), ...(right ?? [])] : undefined;
}

/** The hook a call runs (`beforeEach(…)`, or `be(…)` with `const be = beforeEach`), unless a local helper has its name. */
export function hookCalled(callee: Node, chain: Chain | undefined): string | undefined {
  if (callee.type !== 'Identifier') return undefined;
  const name = callee.name as string;
  const aliased = aliasTargets(chain, name)?.find((t) => t.members.length === 0 && HOOKS.has(t.root))?.root;
  return aliased ?? (HOOKS.has(name) && !resolve(chain, name)?.fn ? name : undefined);
}

/** `s()` with `const s = t.skip` or `const { skip: s } = ctx`: the test context's skip under another name. */
export function isContextSkipAlias(callee: Node, chain: Chain | undefined, testParams: ReadonlySet<string>): boolean {
  if (callee.type !== 'Identifier') return false;
  const aliases = aliasTargets(chain, callee.name as string) ?? [];
  return aliases.some((t) => testParams.has(t.root) && t.members.length === 1 && /^(?:skip|todo)$/.test(t.members[0]!));
}
