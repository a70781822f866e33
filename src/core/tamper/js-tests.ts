import { aliasTargets } from './js-aliases.js';
import { type Chain, resolve } from './js-bindings.js';
import { constantTruth, isCall, isMember, type Node, propName, unwrap } from './js-syntax.js';
import { MODIFIERS, NEUTRAL, OPTION_MARKERS, PREFIXED, SUITE_NAMES, TEST_NAMES } from './js-vocabulary.js';

/** Which calls register a test or a suite (`it`, `describe.skip`, `t.test`, `xit`), and the markers that skip or focus it. */

export interface TestCall {
  kind: 'test' | 'suite';
  markers: string[];
  name: string;
  fn?: Node;
  calleeCalls: Node[];
  /** `it.each(rows)`, `describe.each\`…\``: the table it runs once per row of. */
  table?: Node;
}

export interface TestCallContext {
  /** Names of test-context parameters in scope (node:test `t`). */
  testParams: ReadonlySet<string>;
  chain?: Chain | undefined;
  /** Calls already known as part of a test call's callee (`it.each(rows)` in `it.each(rows)(name, fn)`). */
  notTestCalls: WeakSet<Node>;
  source(node: Node, max?: number): string;
}

export function testCall(call: Node, where: TestCallContext): TestCall | undefined {
  if (where.notTestCalls.has(call)) return undefined;
  const args = call.arguments as Node[];
  if (args.length === 0) return undefined;
  let c = unwrap(call.callee as Node);
  const members: string[] = [];
  const calleeCalls: Node[] = [];
  let table: Node | undefined;
  for (;;) {
    if (isCall(c)) {
      calleeCalls.push(c);
      const callee = unwrap(c.callee as Node);
      if (isMember(callee) && /^(?:each|for)$/.test(propName(callee) ?? '')) table = (c.arguments as Node[])[0];
      c = callee;
    } else if (c.type === 'TaggedTemplateExpression') {
      // test.each`a | b …`: a table written as a template.
      table = c.quasi as Node;
      c = unwrap(c.tag as Node);
    } else if (isMember(c)) {
      const prop = propName(c);
      if (prop === undefined) return undefined;
      members.unshift(prop);
      c = unwrap(c.object as Node);
    } else break;
  }
  if (c.type !== 'Identifier') return undefined;
  const root = c.name as string;
  // `const it = test.skip; it('a', …)`: the test is the aliased call, with the alias's markers.
  // An alias of something else (`const { it } = globalThis`) leaves the name as it reads.
  const aliased = aliasTargets(where.chain, root)?.flatMap((t) => classify(t.root, [...t.members, ...members], where.testParams) ?? []);
  const aliases = aliased?.length ? aliased : undefined;
  const read = aliases ?? [classify(root, members, where.testParams)].filter((r) => r !== undefined);
  if (read.length === 0) return undefined;
  const kind = read[0]!.kind;
  const markers = [...new Set(read.flatMap((r) => r.markers))].map((m) => (aliases ? `${m} (as ${root})` : m));
  for (const arg of args) markers.push(...optionMarkers(arg, where));
  const first = unwrap(args[0]!);
  const name = first.type === 'StringLiteral' ? (first.value as string) : where.source(first, 80);
  const fn = [...args].reverse().find((a) => a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression');
  return { kind, markers, name, calleeCalls, ...(fn ? { fn } : {}), ...(table ? { table } : {}) };
}

/** What a callee names: a test or suite, and the markers on the way (`it.skip`, `xit`, `t.test`); undefined when neither. */
function classify(root: string, chain: string[], testParams: ReadonlySet<string>): { kind: 'test' | 'suite'; markers: string[] } | undefined {
  const members = [...chain];
  let kind: 'test' | 'suite';
  const markers: string[] = [];
  if (TEST_NAMES.has(root)) kind = 'test';
  else if (SUITE_NAMES.has(root)) kind = 'suite';
  else if (PREFIXED[root]) {
    kind = PREFIXED[root];
    markers.push(root);
  } else if (testParams.has(root) && members[0] === 'test') {
    kind = 'test';
    members.shift();
  } else return undefined;
  for (const m of members) {
    if (MODIFIERS.has(m)) markers.push(`${root}.${m}`);
    else if (m === 'describe') kind = 'suite';
    else if (!NEUTRAL.has(m)) return undefined;
  }
  return { kind, markers };
}

/** `{ skip: true }` as written, held in a `const`, or spread into the options (`{ ...o }`). */
function optionMarkers(arg: Node, where: TestCallContext, depth = 0): string[] {
  const n = unwrap(arg);
  if (n.type === 'Identifier' && depth < 4) {
    const value = resolve(where.chain, n.name as string)?.value;
    return value ? optionMarkers(value, where, depth + 1) : [];
  }
  if (n.type !== 'ObjectExpression') return [];
  const markers: string[] = [];
  for (const prop of n.properties as Node[]) {
    if (prop.type === 'SpreadElement') markers.push(...optionMarkers(prop.argument as Node, where, depth + 1));
    if (prop.type !== 'ObjectProperty' || prop.computed) continue;
    const key = prop.key as Node;
    const keyName = key.type === 'Identifier' ? (key.name as string) : key.type === 'StringLiteral' ? (key.value as string) : '';
    if (OPTION_MARKERS.has(keyName) && constantTruth(prop.value as Node) !== false) markers.push(`{ ${keyName}: ${where.source(prop.value as Node, 60)} }`);
  }
  return markers;
}
