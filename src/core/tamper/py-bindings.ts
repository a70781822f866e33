import { type Block, topLevelParts } from './py-syntax.js';

/**
 * Which names a Python statement binds, and where: a name bound at module level (or declared
 * `global`) is rebound for the whole file; one bound in a function is that function's own local
 * (and its nested functions'); a comprehension's or a lambda's variable is theirs alone.
 */

const DEF_OR_CLASS = /^(?:(?:async\s+)?def|class)\s+(\w+)/;

/** Whether a statement (stripped) binds `name` in the scope it runs in: assignment, loop/with/except target, import, def, class. */
export function binds(text: string, name: string): boolean {
  const n = `(?<![\\w.])${name}\\b`;
  return (
    [
      // A walrus binds in the enclosing function, even inside a comprehension.
      new RegExp(`${n}\\s*:=`),
      // A `for` statement's target (a comprehension's `for` binds only inside the comprehension).
      new RegExp(`^(?:async\\s+)?for\\b[^:]*${n}[^:]*\\bin\\b`),
      new RegExp(`\\bas\\s+${name}\\b`),
      new RegExp(`^(?:(?:async\\s+)?def|class)\\s+${name}\\b`),
      new RegExp(`^(?:from\\s+\\S+\\s+)?import\\b.*${n}`),
      new RegExp(`^nonlocal\\b.*${n}`),
    ].some((re) => re.test(text)) || assignsTo(text, name)
  );
}

/** The parameters of a `def` header: `def f(a, b: int = 1, *args, **kw):` → a, b, args, kw. */
function paramNames(header: string): string[] {
  const open = header.indexOf('(');
  const close = header.lastIndexOf(')');
  if (open === -1 || close < open) return [];
  return topLevelParts(header.slice(open + 1, close)).flatMap((part) => /^\**\s*([A-Za-z_]\w*)/.exec(part)?.[1] ?? []);
}

/** Parameters of the lambdas in a statement: they name the lambda's own values, nothing outside it. */
export function lambdaParams(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\blambda\b([^:]*):/g)) for (const p of m[1]!.matchAll(/[A-Za-z_]\w*/g)) out.add(p[0]);
  return out;
}

/** Of `names`, those a function binds locally: its parameters and the statements of its body (not of nested defs or classes). */
export function localNames(fn: Block, names: Iterable<string>): Set<string> {
  const wanted = [...names];
  const out = new Set(paramNames(fn.stmt.text).filter((p) => wanted.includes(p)));
  const visit = (b: Block) => {
    for (const name of wanted) if (binds(b.stmt.text, name)) out.add(name);
    if (!DEF_OR_CLASS.test(b.stmt.text)) b.children.forEach(visit);
  };
  fn.children.forEach(visit);
  return out;
}

/**
 * Of `names`, those bound again for the whole module: by a module-level statement other than
 * `except` (`if`/`for`/`try` blocks at module level are module scope; class bodies are not), or
 * declared `global` in a function.
 */
export function moduleRebound(blocks: Block[], names: Iterable<string>, except: (b: Block) => boolean): Set<string> {
  const wanted = [...names];
  const out = new Set<string>();
  const declaredGlobal = (b: Block) => {
    for (const name of wanted) if (new RegExp(`^global\\b.*(?<![\\w.])${name}\\b`).test(b.stmt.text)) out.add(name);
    b.children.forEach(declaredGlobal);
  };
  const visit = (b: Block) => {
    if (!except(b)) for (const name of wanted) if (binds(b.stmt.text, name)) out.add(name);
    if (DEF_OR_CLASS.test(b.stmt.text)) b.children.forEach(declaredGlobal);
    else b.children.forEach(visit);
  };
  blocks.forEach(visit);
  return out;
}

/** `check = …`, `check: T = …`, `a, check = …`, `check += …`: the name a target left of a top-level `=`. */
function assignsTo(text: string, name: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === '=' && depth === 0 && text[i + 1] !== '=' && !'=<>!'.includes(text[i - 1] ?? '')) {
      // Targets at depth 0 only: `xs[check] = 1`, `check.x = 1`, `f(check=1)` bind nothing named `check`.
      return new RegExp(`(?:^|[\\s,*(])${name}\\s*(?:$|[,:)]|[-+*/%&|^@]|\\*\\*|//|>>|<<)`).test(text.slice(0, i).replace(/\[[^\]]*\]/g, ''));
    }
  }
  return false;
}
