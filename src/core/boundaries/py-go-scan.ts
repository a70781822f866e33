import { GO_NET_HTTP_LITERALS, GO_NET_HTTP_MEMBERS, PY_NETWORK_CALLABLES, type NetworkCall } from './network.js';

interface Tok {
  value: string;
  line: number;
  column: number;
  string?: boolean;
}

/**
 * A small tokenizer for Python and Go: names (dotted names split on `.`), strings as one token,
 * comments dropped, everything else one character. Enough to read imports and calls without
 * being fooled by strings and comments.
 */
function tokenize(text: string, language: 'python' | 'go'): Tok[] {
  const out: Tok[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const advance = (to: number) => {
    for (let j = i; j < to; j++)
      if (text[j] === '\n') {
        line++;
        lineStart = j + 1;
      }
    i = to;
  };
  while (i < text.length) {
    const c = text[i]!;
    const start = { line, column: i - lineStart + 1 };
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r') advance(i + 1);
    else if ((language === 'python' && c === '#') || (language === 'go' && text.startsWith('//', i))) {
      const end = text.indexOf('\n', i);
      advance(end === -1 ? text.length : end);
    } else if (language === 'go' && text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      advance(end === -1 ? text.length : end + 2);
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200))!;
      const quote = language === 'python' && /^[rRbBuUfF]{1,2}$/.test(m[0]) ? text[i + m[0].length] : undefined;
      if (quote === '"' || quote === "'")
        advance(i + m[0].length); // string prefix: the string follows
      else {
        out.push({ value: m[0], ...start });
        advance(i + m[0].length);
      }
    } else if (c === '"' || c === "'" || c === '`') {
      const triple = language === 'python' && text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < text.length && !text.startsWith(close, j)) {
        if (text[j] === '\\' && c !== '`') j++;
        else if (text[j] === '\n' && !triple && c !== '`') break;
        j++;
      }
      const end = Math.min(text.length, j + close.length);
      out.push({ value: text.slice(i, end), string: true, ...start });
      advance(end);
    } else {
      out.push({ value: c, ...start });
      advance(i + 1);
    }
  }
  return out;
}

/** A dotted name starting at i: its parts and the index after it. */
function dotted(toks: Tok[], i: number): { parts: string[]; end: number } {
  const parts = [toks[i]!.value];
  let j = i + 1;
  while (toks[j]?.value === '.' && toks[j + 1] && /^[A-Za-z_]/.test(toks[j + 1]!.value) && !toks[j + 1]!.string) {
    parts.push(toks[j + 1]!.value);
    j += 2;
  }
  return { parts, end: j };
}

const isIdent = (t: Tok | undefined): t is Tok => t !== undefined && !t.string && /^[A-Za-z_]/.test(t.value);

function pyIsNetwork(qualified: string): boolean {
  return PY_NETWORK_CALLABLES.some((c) => (c.endsWith('.*') ? qualified.startsWith(c.slice(0, -1)) && qualified.length > c.length - 1 : qualified === c));
}

/** Outbound calls in Python: requests/httpx/urllib/urllib3/http.client/aiohttp through `import … as` and `from … import`. */
export function pyNetworkCalls(text: string): NetworkCall[] {
  const toks = tokenize(text, 'python');
  const bindings = new Map<string, string>(); // local name → fully qualified name
  const calls: NetworkCall[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.string) continue;
    if (t.value === 'import') {
      // import a.b [as c], d
      let j = i + 1;
      while (isIdent(toks[j])) {
        const name = dotted(toks, j);
        j = name.end;
        if (toks[j]?.value === 'as' && isIdent(toks[j + 1])) {
          bindings.set(toks[j + 1]!.value, name.parts.join('.'));
          j += 2;
        } else bindings.set(name.parts[0]!, name.parts[0]!);
        if (toks[j]?.value !== ',') break;
        j++;
      }
      i = j - 1;
    } else if (t.value === 'from' && isIdent(toks[i + 1])) {
      const mod = dotted(toks, i + 1);
      let j = mod.end;
      if (toks[j]?.value !== 'import') continue;
      j++;
      if (toks[j]?.value === '(') j++;
      while (isIdent(toks[j])) {
        const name = toks[j]!.value;
        j++;
        let local = name;
        if (toks[j]?.value === 'as' && isIdent(toks[j + 1])) {
          local = toks[j + 1]!.value;
          j += 2;
        }
        bindings.set(local, `${mod.parts.join('.')}.${name}`);
        if (toks[j]?.value !== ',') break;
        j++;
      }
      i = j - 1;
    } else if (isIdent(t) && toks[i - 1]?.value !== '.' && toks[i - 1]?.value !== 'def' && toks[i - 1]?.value !== 'class' && bindings.has(t.value)) {
      const name = dotted(toks, i);
      if (toks[name.end]?.value !== '(') continue;
      const qualified = [bindings.get(t.value)!, ...name.parts.slice(1)].join('.');
      if (pyIsNetwork(qualified))
        calls.push({
          line: t.line,
          column: t.column,
          module: qualified
            .split('.')
            .slice(0, qualified.startsWith('urllib.') || qualified.startsWith('http.') ? 2 : 1)
            .join('.'),
          callee: name.parts.join('.'),
        });
      i = name.end - 1;
    }
  }
  return calls;
}

/** Outbound calls in Go: net/http client functions and `http.Client{…}` literals, under any import alias. */
export function goNetworkCalls(text: string): NetworkCall[] {
  const toks = tokenize(text, 'go');
  const aliases = new Set<string>();
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]!.value !== 'import') continue;
    const spec = (j: number) => {
      const alias = isIdent(toks[j]) ? toks[j]!.value : undefined;
      const path = toks[alias ? j + 1 : j];
      if (path?.string && path.value.slice(1, -1) === 'net/http') aliases.add(alias ?? 'http');
    };
    if (toks[i + 1]?.value === '(') {
      for (let j = i + 2; j < toks.length && toks[j]!.value !== ')'; j++)
        if (toks[j]!.string) spec(isIdent(toks[j - 1]) && toks[j - 2]?.value !== '"' ? j - 1 : j);
    } else spec(i + 1);
  }
  const calls: NetworkCall[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!isIdent(t) || !aliases.has(t.value) || toks[i + 1]?.value !== '.' || toks[i - 1]?.value === '.') continue;
    const member = toks[i + 2]?.value ?? '';
    const called = (GO_NET_HTTP_MEMBERS as readonly string[]).includes(member);
    const literal = (GO_NET_HTTP_LITERALS as readonly string[]).includes(member) && toks[i + 3]?.value === '{';
    if (called || literal) calls.push({ line: t.line, column: t.column, module: 'net/http', callee: `${t.value}.${member}${literal ? '{}' : ''}` });
  }
  return calls;
}
