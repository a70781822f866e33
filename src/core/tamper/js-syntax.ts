import { createRequire } from 'node:module';

/**
 * Babel's syntax tree as the tamper walk reads it: the parser (loaded on first use) and small
 * helpers that name, unwrap and evaluate nodes. No knowledge of test frameworks lives here.
 */

/** A Babel syntax node, typed only as far as this walk reads it. */
export interface Node {
  type: string;
  start: number;
  end: number;
  loc: { start: { line: number } };
  [key: string]: unknown;
}
interface BabelParser {
  parse(code: string, options: Record<string, unknown>): { program: Node };
}

let babel: BabelParser | undefined;
/** Loaded on first use: only the tamper path pays for the parser. */
function parser(): BabelParser {
  babel ??= createRequire(import.meta.url)('@babel/parser') as BabelParser;
  return babel;
}

const BASE_OPTIONS = {
  sourceType: 'unambiguous',
  errorRecovery: true,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowUndeclaredExports: true,
  // Comments are never read: not attaching them saves parse time.
  attachComment: false,
};

export function parse(file: string, text: string): Node | undefined {
  const ts = /\.[cm]?tsx?$/i.test(file);
  // Decorators parse in every flavour the runners accept (vitest/esbuild and tsc read `@dec class`).
  const attempts = ts
    ? [/x$/i.test(file) ? ['typescript', 'jsx', 'decorators-legacy'] : ['typescript', 'decorators-legacy']]
    : [['jsx', 'decorators-legacy'], ['decorators-legacy']];
  for (const plugins of attempts) {
    try {
      return parser().parse(text, { ...BASE_OPTIONS, plugins }).program;
    } catch {
      /* try the next plugin set; a file no parser reads has no syntax facts */
    }
  }
  return undefined;
}

/** The local names a declaration binds: `a`, `{ a, b: c }` → a, c. */
export function boundNames(id: Node): string[] {
  if (id.type === 'Identifier') return [id.name as string];
  if (id.type !== 'ObjectPattern') return [];
  return (id.properties as Node[]).flatMap((p) =>
    p.type === 'ObjectProperty' && (p.value as Node).type === 'Identifier' ? [(p.value as Node).name as string] : [],
  );
}
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
export const FUNCTION = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod']);
const SKIP_KEYS = new Set([
  'loc',
  'start',
  'end',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'typeAnnotation',
  'returnType',
  'typeParameters',
]);

export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/** Strip wrappers that do not change a value: parentheses, TS casts, `!`. */
export function unwrap(node: Node): Node {
  let n = node;
  while (['ParenthesizedExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion'].includes(n.type))
    n = n.expression as Node;
  return n;
}

export function propName(member: Node): string | undefined {
  const prop = member.property as Node;
  if (!member.computed && prop.type === 'Identifier') return prop.name as string;
  if (prop.type === 'StringLiteral') return prop.value as string;
  return undefined;
}

export const isMember = (n: Node) => n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression';
export const isCall = (n: Node) => n.type === 'CallExpression' || n.type === 'OptionalCallExpression';

/** `a.b.c` as a dotted name, or undefined when any part is computed or not a name. */
export function dotted(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'ThisExpression') return 'this';
  if (isMember(n)) {
    const head = dotted(n.object as Node);
    const prop = propName(n);
    return head !== undefined && prop !== undefined ? `${head}.${prop}` : undefined;
  }
  return undefined;
}

/** A value fixed at parse time: literals, and arrays/objects/negations of them. */
export function isConstant(node: Node): boolean {
  const n = unwrap(node);
  switch (n.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'BigIntLiteral':
    case 'RegExpLiteral':
      return true;
    case 'Identifier':
      return n.name === 'undefined' || n.name === 'NaN' || n.name === 'Infinity';
    case 'TemplateLiteral':
      return (n.expressions as Node[]).length === 0;
    case 'UnaryExpression':
      return n.operator !== 'delete' && isConstant(n.argument as Node);
    case 'ArrayExpression':
      return (n.elements as (Node | null)[]).every((e) => e === null || isConstant(e));
    case 'ObjectExpression':
      return (n.properties as Node[]).every((p) => p.type === 'ObjectProperty' && !p.computed && isConstant(p.value as Node));
    default:
      return false;
  }
}

/** Whether a value fixed at parse time is null/undefined (true), another value (false), or unknown. */
export function isNullish(node: Node): boolean | undefined {
  const n = unwrap(node);
  if (n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined') || (n.type === 'UnaryExpression' && n.operator === 'void')) return true;
  if (isConstant(n) || ['ArrayExpression', 'ObjectExpression', 'ArrowFunctionExpression', 'FunctionExpression'].includes(n.type)) return false;
  return undefined;
}

/** Truth of a condition fixed at parse time (`false`, `0`, `!true`, `1 === 2`), else undefined. */
export function constantTruth(node: Node): boolean | undefined {
  const n = unwrap(node);
  switch (n.type) {
    case 'BooleanLiteral':
      return n.value as boolean;
    case 'NumericLiteral':
      return (n.value as number) !== 0 && !Number.isNaN(n.value);
    case 'StringLiteral':
      return (n.value as string) !== '';
    case 'NullLiteral':
      return false;
    case 'Identifier':
      return n.name === 'undefined' || n.name === 'NaN' ? false : undefined;
    case 'TemplateLiteral':
      return (n.expressions as Node[]).length === 0 ? (n.quasis as Node[]).some((q) => ((q.value as { cooked?: string }).cooked ?? '') !== '') : undefined;
    case 'ArrayExpression':
    case 'ObjectExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return true;
    case 'UnaryExpression': {
      if (n.operator === 'void') return false;
      const inner = constantTruth(n.argument as Node);
      return n.operator === '!' && inner !== undefined ? !inner : undefined;
    }
    case 'LogicalExpression': {
      const left = constantTruth(n.left as Node);
      const right = constantTruth(n.right as Node);
      if (n.operator === '&&') return left === false ? false : left === true ? right : right === false ? false : undefined;
      if (n.operator === '||') return left === true ? true : left === false ? right : right === true ? true : undefined;
      return undefined;
    }
    case 'BinaryExpression': {
      const value = (x: Node): unknown => {
        const u = unwrap(x);
        if (['StringLiteral', 'NumericLiteral', 'BooleanLiteral'].includes(u.type)) return u.value;
        if (u.type === 'NullLiteral') return null;
        return Symbol.for('unknown');
      };
      const [a, b] = [value(n.left as Node), value(n.right as Node)];
      if (typeof a === 'symbol' || typeof b === 'symbol') return undefined;
      if (n.operator === '===' || n.operator === '==') return a === b;
      if (n.operator === '!==' || n.operator === '!=') return a !== b;
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A value that reads the same twice: literals, names, member chains (`a.b[0]`) and operators over
 * them. A call, `new`, `await` or assignment may give a different value each time it runs.
 */
export function isPure(node: Node): boolean {
  const n = unwrap(node);
  if (isConstant(n) || n.type === 'Identifier' || n.type === 'ThisExpression') return true;
  if (isMember(n)) return isPure(n.object as Node) && (!n.computed || isPure(n.property as Node));
  switch (n.type) {
    case 'TemplateLiteral':
      return (n.expressions as Node[]).every(isPure);
    case 'UnaryExpression':
      return n.operator !== 'delete' && isPure(n.argument as Node);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isPure(n.left as Node) && isPure(n.right as Node);
    case 'ArrayExpression':
      return (n.elements as (Node | null)[]).every((e) => e === null || isPure(e));
    case 'ObjectExpression':
      return (n.properties as Node[]).every((p) => p.type === 'ObjectProperty' && !p.computed && isPure(p.value as Node));
    default:
      return false;
  }
}
