import { boundNames, children, FUNCTION, type Node, unwrap } from './js-syntax.js';
import { ASSERTION_EXPORTS, ASSERTION_MODULE, PURE_ASSERTION_MODULE } from './js-vocabulary.js';

/**
 * What names mean in a JS/TS test file, by lexical scope: a call `check()` is the `check` declared
 * in the nearest enclosing block, so a nested function never lends its assertions to a top-level
 * helper of the same name, and a parameter or variable of that name hides the helper.
 */

/** A declared name: a function (helper), a `const` value (options object), or anything else. */
export interface Binding {
  fn?: Node;
  value?: Node;
  /** Imported from a relative module: the export's name there (`default` for a default import). */
  import?: { name: string; from: string };
  /** `import * as h from './h.js'`: the module whose exports `h.x` names. */
  namespace?: string;
  /** `const { skip } = test`: the object the name was taken from, and the key it was taken as. */
  destructured?: { object: Node; key: string };
  /** Values assigned to the name after its declaration (`let it = test; it = test.skip`). */
  also?: Node[];
  /** A parameter of this function: what it holds is whatever each caller hands in. */
  param?: Node;
}

/** The names declared in one block, and the blocks around it. */
export interface Chain {
  names: Map<string, Binding>;
  parent?: Chain;
}

export interface Bindings {
  /** Local names that are assertion functions or objects (`assert`, `expect`, imported `equal`). */
  assertNames: Set<string>;
  /** Local names of `process.exit` (imported from node:process). */
  exitNames: Set<string>;
  /** The names each block (Program, BlockStatement, StaticBlock) declares. */
  blocks: WeakMap<Node, Map<string, Binding>>;
  /** Every function bound to a name, with the chain its body resolves names in. */
  helpers: Map<Node, Chain>;
  /** Helpers declared at the top of the file (a shared helper module's exports). */
  topLevel: Node[];
}

const BLOCKS = new Set(['Program', 'BlockStatement', 'StaticBlock']);

/** Look a name up from a chain: the binding of the nearest block that declares it. */
export function resolve(chain: Chain | undefined, name: string): Binding | undefined {
  for (let c = chain; c; c = c.parent) {
    const b = c.names.get(name);
    if (b) return b;
  }
  return undefined;
}

/** The chain inside `node` when it is a block that declares names, else the chain unchanged. */
export function enter(bindings: Bindings, node: Node, chain: Chain | undefined): Chain | undefined {
  const names = bindings.blocks.get(node);
  return names ? { names, ...(chain ? { parent: chain } : {}) } : chain;
}

/** Where a value comes from: an assertion library (`pure`), a test framework, or neither. */
export function assertionSource(init: Node, assertNames: ReadonlySet<string>): 'pure' | 'framework' | undefined {
  let n = unwrap(init);
  while (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression' || n.type === 'AwaitExpression')
    n = unwrap((n.type === 'AwaitExpression' ? n.argument : n.object) as Node);
  if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') {
    const callee = unwrap(n.callee as Node);
    const arg = (n.arguments as Node[])[0];
    const spec = arg && unwrap(arg).type === 'StringLiteral' ? (unwrap(arg).value as string) : undefined;
    const loads = (callee.type === 'Identifier' && callee.name === 'require') || callee.type === 'Import';
    if (!loads || spec === undefined) return undefined;
    return PURE_ASSERTION_MODULE.test(spec) ? 'pure' : ASSERTION_MODULE.test(spec) ? 'framework' : undefined;
  }
  return n.type === 'Identifier' && (n.name === 'chai' || assertNames.has(n.name as string)) ? 'pure' : undefined;
}

/** Read every declaration of the file once, block by block. */
export function collectBindings(program: Node): Bindings {
  const b: Bindings = {
    assertNames: new Set(['assert', 'expect', 'expectTypeOf', 'should']),
    exitNames: new Set(),
    blocks: new WeakMap(),
    helpers: new Map(),
    topLevel: [],
  };
  const declare = (block: Node, name: string, binding: Binding) => {
    let names = b.blocks.get(block);
    if (!names) b.blocks.set(block, (names = new Map()));
    // A function declaration and a `let f; f = () => …` keep their function; a later plain name does not erase it.
    if (!names.get(name)?.fn || binding.fn) names.set(name, binding);
  };
  const chainOf = (block: Node, outer: Chain | undefined): Chain => {
    let names = b.blocks.get(block);
    if (!names) b.blocks.set(block, (names = new Map()));
    return { names, ...(outer ? { parent: outer } : {}) };
  };
  const helper = (fn: Node, block: Node, chain: Chain, name: string) => {
    declare(block, name, { fn });
    b.helpers.set(fn, chain);
    if (block === program) b.topLevel.push(fn);
  };
  const walk = (node: Node, block: Node, chain: Chain): void => {
    if (BLOCKS.has(node.type) && node !== block) {
      const inner = chainOf(node, chain);
      for (const child of children(node)) walk(child, node, inner);
      return;
    }
    if (FUNCTION.has(node.type)) {
      const body = node.body as Node;
      const params = (node.params as Node[]).flatMap((p) => boundNames(unwrapParam(p)));
      // Parameters hide outer helpers of the same name inside the body; an expression body
      // (`(check) => check(x)`) is a scope of its own for them.
      if (body.type === 'BlockStatement') for (const n of params) declare(body, n, { param: node });
      else {
        const inner = chainOf(body, chain);
        for (const n of params) declare(body, n, { param: node });
        for (const child of children(node)) walk(child, child === body ? body : block, child === body ? inner : chain);
        return;
      }
    }
    if (node.type === 'CatchClause' && node.param) for (const n of boundNames(node.param as Node)) declare(node.body as Node, n, {});
    collectOne(node, block, chain);
    for (const child of children(node)) walk(child, block, chain);
  };
  const collectOne = (node: Node, block: Node, chain: Chain) => {
    if (node.type === 'ImportDeclaration') {
      const from = (node.source as Node).value as string;
      for (const spec of node.specifiers as Node[]) {
        const local = (spec.local as Node).name as string;
        // Every export of node:assert or chai asserts; of a test framework only its expect/assert.
        const imported = spec.type === 'ImportSpecifier' ? importedName(spec) : undefined;
        if (PURE_ASSERTION_MODULE.test(from) || (ASSERTION_MODULE.test(from) && imported !== undefined && ASSERTION_EXPORTS.has(imported))) {
          b.assertNames.add(local);
        }
        if (/^(?:node:)?process$/.test(from) && imported !== undefined && /^(?:exit|abort|reallyExit)$/.test(imported)) b.exitNames.add(local);
        // The binding itself says where it comes from: a later declaration of the name hides the import.
        const relative = /^\.{1,2}\//.test(from);
        if (relative && spec.type === 'ImportNamespaceSpecifier') declare(block, local, { namespace: from });
        else if (relative) declare(block, local, { import: { name: spec.type === 'ImportDefaultSpecifier' ? 'default' : (imported ?? 'default'), from } });
        else declare(block, local, {});
      }
    } else if (node.type === 'VariableDeclarator') {
      const id = node.id as Node;
      const init = node.init ? unwrap(node.init as Node) : undefined;
      const source = init ? assertionSource(init, b.assertNames) : undefined;
      // `const { equal } = assert`, `const a = require('node:assert')`: aliases assert too.
      if (source) for (const name of boundNames(id)) if (source === 'pure' || ASSERTION_EXPORTS.has(name)) b.assertNames.add(name);
      if (id.type === 'Identifier' && init && FUNCTION.has(init.type)) helper(init, block, chain, id.name as string);
      else if (id.type === 'ObjectPattern' && init) for (const [name, key] of patternKeys(id)) declare(block, name, { destructured: { object: init, key } });
      else for (const name of boundNames(id)) declare(block, name, id.type === 'Identifier' && init ? { value: init } : {});
    } else if (node.type === 'FunctionDeclaration' && node.id) {
      helper(node, block, chain, (node.id as Node).name as string);
    } else if (node.type === 'ClassDeclaration' && node.id) {
      declare(block, (node.id as Node).name as string, {});
    } else if (node.type === 'AssignmentExpression' && node.operator === '=' && (node.left as Node).type === 'Identifier') {
      // `let check; check = () => …`: the function is the helper of the block that declared the name.
      const right = unwrap(node.right as Node);
      const name = (node.left as Node).name as string;
      let c: Chain | undefined = chain;
      while (c && !c.names.has(name)) c = c.parent;
      // `it = test.skip`: what the name may stand for from here on (an alias read through `also`).
      if (!FUNCTION.has(right.type)) {
        const bound = c?.names.get(name);
        if (bound) (bound.also ??= []).push(right);
        return;
      }
      const names = c?.names ?? chain.names;
      names.set(name, { fn: right });
      b.helpers.set(right, chain);
      if (names === b.blocks.get(program)) b.topLevel.push(right);
    }
  };
  walk(program, program, chainOf(program, undefined));
  // A helper named like an assertion is the assertion (`function expect…` is flagged as a stand-in).
  for (const [fn] of b.helpers) if (fn.id && b.assertNames.has((fn.id as Node).name as string)) b.helpers.delete(fn);
  return b;
}

/** `{ skip, only: o }` → [skip, skip], [o, only]: each local name with the key it takes. */
function patternKeys(id: Node): [string, string][] {
  return (id.properties as Node[]).flatMap((p) => {
    const key = p.type === 'ObjectProperty' && !p.computed ? (p.key as Node) : undefined;
    const value = p.type === 'ObjectProperty' ? unwrap(p.value as Node) : undefined;
    const local = value?.type === 'AssignmentPattern' ? (value.left as Node) : value;
    const keyName = key?.type === 'Identifier' ? (key.name as string) : key?.type === 'StringLiteral' ? (key.value as string) : undefined;
    return keyName !== undefined && local?.type === 'Identifier' ? [[local.name as string, keyName] as [string, string]] : [];
  });
}

const importedName = (spec: Node): string | undefined => {
  const imported = spec.imported as Node;
  return (imported.name as string | undefined) ?? (imported.value as string | undefined);
};

/** `x = 1`, `...rest` and `x: T` parameters bind the name inside. */
function unwrapParam(p: Node): Node {
  if (p.type === 'AssignmentPattern') return p.left as Node;
  if (p.type === 'RestElement') return p.argument as Node;
  if (p.type === 'TSParameterProperty') return p.parameter as Node;
  return p;
}
