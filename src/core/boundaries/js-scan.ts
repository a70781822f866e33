import jsTokens from 'js-tokens';
import { JS_NETWORK_GLOBALS, jsMemberIsNetwork, jsModuleKey, type NetworkCall } from './network.js';

interface Tok {
  type: string;
  value: string;
  line: number;
  column: number;
}

/** Significant tokens (no whitespace or comments) with 1-based line and column. */
function tokenize(text: string, jsx: boolean): Tok[] {
  const out: Tok[] = [];
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  for (const token of jsTokens(text, { jsx })) {
    if (token.type !== 'WhiteSpace' && token.type !== 'LineTerminatorSequence' && token.type !== 'SingleLineComment' && token.type !== 'MultiLineComment') {
      out.push({ type: token.type, value: token.value, line, column: offset - lineStart + 1 });
    }
    for (let i = token.value.indexOf('\n'); i !== -1; i = token.value.indexOf('\n', i + 1)) {
      line++;
      lineStart = offset + i + 1;
    }
    offset += token.value.length;
  }
  return out;
}

const unquote = (t: Tok | undefined): string | undefined =>
  t && (t.type === 'StringLiteral' || t.type === 'NoSubstitutionTemplate') ? t.value.slice(1, -1) : undefined;
const isName = (t: Tok | undefined): t is Tok => t?.type === 'IdentifierName' || t?.type === 'PrivateIdentifier';
const is = (t: Tok | undefined, value: string): boolean => t !== undefined && t.value === value && t.type !== 'StringLiteral';

/** A local name bound to a network module: the whole module (`* as h`, default) or one member. */
interface Binding {
  key: string;
  specifier: string;
  member?: string;
}

/** `{ a as b, type c, default as d }` (import) or `{ a: b, c }` (require destructuring), from the `{`. */
function namedList(toks: Tok[], open: number, separator: 'as' | ':'): { pairs: [string, string][]; end: number } {
  const pairs: [string, string][] = [];
  let i = open + 1;
  while (i < toks.length && !is(toks[i], '}')) {
    if (is(toks[i], 'type') && isName(toks[i + 1]) && !is(toks[i + 1], 'as') && !is(toks[i + 1], ',')) {
      // `type X` inside braces: erased at compile time.
      i += 2;
      if (is(toks[i], 'as')) i += 2;
    } else if (isName(toks[i]) || toks[i]!.type === 'StringLiteral') {
      const imported = unquote(toks[i]) ?? toks[i]!.value;
      if (is(toks[i + 1], separator) && isName(toks[i + 2])) {
        pairs.push([imported, toks[i + 2]!.value]);
        i += 3;
      } else {
        pairs.push([imported, imported]);
        i += 1;
      }
    } else i += 1;
    if (is(toks[i], ',')) i += 1;
  }
  return { pairs, end: i };
}

/** Bindings of one static `import … from 'x'` starting at the `import` token; undefined when not one. */
function staticImport(toks: Tok[], at: number): { specifier: string; names: [string | undefined, string][] } | undefined {
  let i = at + 1;
  if (is(toks[i], 'type') && !is(toks[i + 1], ',') && !is(toks[i + 1], 'from')) return undefined; // import type …
  const names: [string | undefined, string][] = [];
  const bare = unquote(toks[i]);
  if (bare !== undefined) return { specifier: bare, names };
  if (isName(toks[i]) && !is(toks[i], '*') && !is(toks[i], '{')) {
    names.push([undefined, toks[i]!.value]);
    i += 1;
    if (is(toks[i], ',')) i += 1;
  }
  if (is(toks[i], '*') && is(toks[i + 1], 'as') && isName(toks[i + 2])) {
    names.push([undefined, toks[i + 2]!.value]);
    i += 3;
  } else if (is(toks[i], '{')) {
    const list = namedList(toks, i, 'as');
    for (const [imported, local] of list.pairs) names.push([imported === 'default' ? undefined : imported, local]);
    i = list.end + 1;
  }
  if (!is(toks[i], 'from')) return undefined;
  const specifier = unquote(toks[i + 1]);
  return specifier === undefined ? undefined : { specifier, names };
}

/** `require('x')` at i (the `require` token): its specifier. */
function requireAt(toks: Tok[], i: number): string | undefined {
  return is(toks[i], 'require') && is(toks[i + 1], '(') && is(toks[i + 3], ')') ? unquote(toks[i + 2]) : undefined;
}

/** Names this file declares itself (a local `fetch` is not the global one). */
function declaredNames(toks: Tok[]): Set<string> {
  const out = new Set<string>();
  toks.forEach((t, i) => {
    if ((is(t, 'function') || is(t, 'const') || is(t, 'let') || is(t, 'var') || is(t, 'class')) && isName(toks[i + 1])) out.add(toks[i + 1]!.value);
  });
  return out;
}

/** After the `(` at `open`: the index just past its matching `)`. */
function pastParens(toks: Tok[], open: number): number {
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    if (is(toks[i], '(')) depth++;
    else if (is(toks[i], ')') && --depth === 0) return i + 1;
  }
  return toks.length;
}

const METHOD_MODIFIERS = new Set(['{', '}', ';', 'async', 'static', 'public', 'private', 'protected', 'override', 'readonly', 'get', 'set', '*']);

/** `name(…) {` or `name(…): T {` in a class or object literal: a method definition, not a call. */
function isMethodDefinition(toks: Tok[], nameAt: number): boolean {
  const before = toks[nameAt - 1];
  if (!before || !METHOD_MODIFIERS.has(before.value)) return false;
  const after = toks[pastParens(toks, nameAt + 1)];
  return is(after, '{') || is(after, ':');
}

/**
 * Outbound network calls in JS/TS source: global `fetch(`/`new WebSocket(`, calls on imported or
 * required network modules through any alias, `export … from` of their members, and dynamic `import()`.
 */
export function jsNetworkCalls(text: string, options: { jsx?: boolean } = {}): NetworkCall[] {
  const toks = tokenize(text, options.jsx ?? false);
  const bindings = new Map<string, Binding>();
  const calls: NetworkCall[] = [];
  const found = (t: Tok, module: string, callee: string) => calls.push({ line: t.line, column: t.column, module, callee });

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (is(t, 'import') && !is(toks[i - 1], '.')) {
      if (is(toks[i + 1], '(')) {
        const specifier = unquote(toks[i + 2]);
        const key = specifier === undefined ? undefined : jsModuleKey(specifier);
        if (key && specifier) found(t, specifier, `import('${specifier}')`);
        continue;
      }
      const imp = staticImport(toks, i);
      const key = imp && jsModuleKey(imp.specifier);
      if (imp && key) for (const [member, local] of imp.names) bindings.set(local, { key, specifier: imp.specifier, ...(member ? { member } : {}) });
    } else if (is(t, 'export') && is(toks[i + 1], '{')) {
      // `export { request as r } from 'node:https'` hands the raw call to other files.
      const list = namedList(toks, i + 1, 'as');
      const specifier = is(toks[list.end + 1], 'from') ? unquote(toks[list.end + 2]) : undefined;
      const key = specifier && jsModuleKey(specifier);
      if (key && specifier)
        for (const [member] of list.pairs)
          if (jsMemberIsNetwork(key, member === 'default' ? undefined : member)) found(t, specifier, `export { ${member} } from '${specifier}'`);
    } else if (is(t, 'export') && is(toks[i + 1], '*') && (is(toks[i + 2], 'from') || is(toks[i + 4], 'from'))) {
      const specifier = unquote(toks[is(toks[i + 2], 'from') ? i + 3 : i + 5]);
      if (specifier && jsModuleKey(specifier)) found(t, specifier, `export * from '${specifier}'`);
    } else if (is(t, 'require')) {
      const specifier = requireAt(toks, i);
      const key = specifier && jsModuleKey(specifier);
      if (!key || !specifier) continue;
      const prev = toks[i - 1];
      if (is(prev, '=') && isName(toks[i - 2]) && !is(toks[i - 2], '}')) bindings.set(toks[i - 2]!.value, { key, specifier });
      else if (is(prev, '=') && is(toks[i - 2], '}')) {
        let open = i - 2;
        while (open > 0 && !is(toks[open], '{')) open--;
        for (const [member, local] of namedList(toks, open, ':').pairs) bindings.set(local, { key, specifier, member });
      } else if (is(toks[i + 4], '.') && isName(toks[i + 5]) && is(toks[i + 6], '(') && jsMemberIsNetwork(key, toks[i + 5]!.value)) {
        found(t, specifier, `require('${specifier}').${toks[i + 5]!.value}`);
      } else if (is(toks[i + 4], '(') && jsMemberIsNetwork(key, undefined)) found(t, specifier, `require('${specifier}')`);
    }
  }

  const declared = declaredNames(toks);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!isName(t) || is(toks[i - 1], '.') || is(toks[i - 1], '?.')) continue;
    const binding = bindings.get(t.value);
    if (binding) {
      if (is(toks[i + 1], '(') && !isMethodDefinition(toks, i) && jsMemberIsNetwork(binding.key, binding.member)) {
        found(t, binding.specifier, binding.member && binding.member !== t.value ? `${binding.member} (as ${t.value})` : t.value);
      } else if (is(toks[i + 1], '.') && isName(toks[i + 2]) && !binding.member) {
        const member = toks[i + 2]!.value;
        const called = is(toks[i + 3], '(') || is(toks[i - 1], 'new');
        if (called && jsMemberIsNetwork(binding.key, member)) found(t, binding.specifier, `${t.value}.${member}`);
      }
      continue;
    }
    const global = (JS_NETWORK_GLOBALS as readonly string[]).includes(t.value);
    if (global && !declared.has(t.value) && !bindings.has(t.value) && is(toks[i + 1], '(') && !isMethodDefinition(toks, i)) found(t, 'global', t.value);
    else if (
      ['globalThis', 'window', 'self'].includes(t.value) &&
      is(toks[i + 1], '.') &&
      (JS_NETWORK_GLOBALS as readonly string[]).includes(toks[i + 2]?.value ?? '') &&
      is(toks[i + 3], '(')
    ) {
      found(t, 'global', `${t.value}.${toks[i + 2]!.value}`);
    }
  }
  return calls.sort((a, b) => a.line - b.line || a.column - b.column);
}
