import { type Chain, resolve } from './js-bindings.js';
import { children, type Node, unwrap } from './js-syntax.js';

/**
 * Table-driven tests: how many rows a literal table holds, so `it.each(rows)`, `describe.each`,
 * `for (const c of rows)` and `rows.forEach(…)` count one test (or assertion) per row. Turning two
 * tests into a two-row table is no removal; emptying the table is.
 */

/** How often each name is written in a file: a table held in a name is read only when nothing else touches the name. */
export function nameUses(program: Node): Map<string, number> {
  const uses = new Map<string, number>();
  const stack = [program];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'Identifier') uses.set(node.name as string, (uses.get(node.name as string) ?? 0) + 1);
    stack.push(...children(node));
  }
  return uses;
}

/**
 * The rows of a literal table: an array literal's elements, a template table's lines below its
 * header, or those of a `const` written once and used only here; undefined when not known (a
 * spread, a computed value), which counts as one.
 */
export function tableRows(table: Node | undefined, chain: Chain | undefined, uses: ReadonlyMap<string, number>): number | undefined {
  if (!table) return undefined;
  const n = unwrap(table);
  if (n.type === 'ArrayExpression') {
    const elements = n.elements as (Node | null)[];
    return elements.some((e) => e === null || e.type === 'SpreadElement') ? undefined : elements.length;
  }
  if (n.type === 'TemplateLiteral') {
    const lines = (n.quasis as Node[])
      .map((q) => (q.value as { raw: string }).raw)
      .join('x')
      .split('\n')
      .filter((l) => l.trim() !== '');
    return Math.max(0, lines.length - 1);
  }
  if (n.type === 'Identifier' && uses.get(n.name as string) === 2) {
    const b = resolve(chain, n.name as string);
    const value = b && !b.also && !b.fn && b.value ? unwrap(b.value) : undefined;
    return value?.type === 'ArrayExpression' ? tableRows(value, chain, uses) : undefined;
  }
  return undefined;
}
