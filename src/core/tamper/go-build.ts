import path from 'node:path';

/**
 * Whether `go test` builds a Go file at all: its build constraint (`//go:build`, or the older
 * `// +build` lines) and its name (`_windows_test.go`, a leading `_` or `.`). A sentinel test left
 * out on every platform runs none of its tests, silently.
 */

export const GOOS = [
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  'zos',
];
export const GOARCH = [
  '386',
  'amd64',
  'amd64p32',
  'arm',
  'arm64',
  'arm64be',
  'armbe',
  'loong64',
  'mips',
  'mips64',
  'mips64le',
  'mipsle',
  'ppc64',
  'ppc64le',
  'riscv64',
  's390x',
  'sparc64',
  'wasm',
];
const UNIX = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']);
/** GOOS values that also satisfy another's tag (`android` builds `linux` files). */
const IMPLIES: Record<string, string> = { android: 'linux', illumos: 'solaris', ios: 'darwin' };

type Expr = (tags: ReadonlySet<string>) => boolean;

/** The constraint lines above the package clause, as written, with their line numbers. */
function constraintLines(text: string): { line: number; text: string; modern: boolean }[] {
  const out: { line: number; text: string; modern: boolean }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (/^package\s/.test(t) || (t !== '' && !t.startsWith('//'))) break;
    if (/^\/\/go:build\s/.test(t)) out.push({ line: i + 1, text: t, modern: true });
    else if (/^\/\/\s*\+build\s/.test(t)) out.push({ line: i + 1, text: t, modern: false });
  }
  return out;
}

/** `//go:build` expression: `||`, `&&`, `!`, parentheses and tags; undefined when it does not parse. */
function parseModern(expr: string): Expr | undefined {
  const tokens = expr.match(/\|\||&&|!|\(|\)|[\w.]+/g) ?? [];
  if (tokens.join('') !== expr.replace(/\s+/g, '')) return undefined;
  let i = 0;
  const or = (): Expr | undefined => {
    let left = and();
    while (left && tokens[i] === '||') {
      i++;
      const l = left;
      const r = and();
      left = r && ((t) => l(t) || r(t));
    }
    return left;
  };
  const and = (): Expr | undefined => {
    let left = not();
    while (left && tokens[i] === '&&') {
      i++;
      const l = left;
      const r = not();
      left = r && ((t) => l(t) && r(t));
    }
    return left;
  };
  const not = (): Expr | undefined => {
    const tok = tokens[i++];
    if (tok === '!') {
      const inner = not();
      return inner && ((t) => !inner(t));
    }
    if (tok === '(') {
      const inner = or();
      return tokens[i++] === ')' ? inner : undefined;
    }
    return tok !== undefined && /^[\w.]+$/.test(tok) ? (t) => t.has(tok) : undefined;
  };
  const e = or();
  return i === tokens.length ? e : undefined;
}

/** `// +build a,!b c`: options separated by spaces (or), terms by commas (and). */
function parseLegacy(line: string): Expr {
  const options = line
    .replace(/^\/\/\s*\+build\s/, '')
    .trim()
    .split(/\s+/)
    .map((o) => o.split(','));
  return (t) => options.some((terms) => terms.every((term) => (term.startsWith('!') ? !t.has(term.slice(1)) : t.has(term))));
}

/** `x_windows_amd64_test.go` → the GOOS/GOARCH its name requires. */
function nameConstraint(file: string): Expr | undefined {
  const parts = path.posix
    .basename(file)
    .replace(/\.go$/, '')
    .replace(/_test$/, '')
    .split('_');
  if (parts.length < 2) return undefined;
  const last = parts.at(-1)!;
  const before = parts.length > 2 ? parts.at(-2)! : undefined;
  if (GOARCH.includes(last) && before !== undefined && GOOS.includes(before)) return (t) => t.has(before) && t.has(last);
  if (GOOS.includes(last)) return (t) => t.has(last);
  if (GOARCH.includes(last)) return (t) => t.has(last);
  return undefined;
}

/**
 * Whether some platform's plain `go test` (no `-tags`) builds the expression: GOOS and GOARCH, `unix`,
 * `cgo` on or off, `gc` or `gccgo`, and every `go1.N` release tag. A custom tag (`ignore`,
 * `integration`) is never set.
 */
function buildsSomewhere(e: Expr): boolean {
  for (const os of GOOS)
    for (const arch of GOARCH)
      for (const extra of [['gc', 'cgo'], ['gc'], ['gccgo', 'cgo'], ['gccgo']]) {
        const tags = new Set([os, arch, ...extra, ...(UNIX.has(os) ? ['unix'] : []), ...(IMPLIES[os] ? [IMPLIES[os]] : [])]);
        const release = { has: (tag: string) => tags.has(tag) || /^go1\.\d+$/.test(tag) };
        if (e(release as ReadonlySet<string>)) return true;
      }
  return false;
}

/**
 * Why `go test` never builds this file on any platform (the constraint or name that leaves it
 * out, and its line), or undefined when some platform builds it.
 */
export function goNeverBuilt(file: string, text: string): { line: number; what: string } | undefined {
  const base = path.posix.basename(file);
  if (base.startsWith('_') || base.startsWith('.')) return { line: 1, what: `file name ${base} (go ignores files starting with _ or .)` };
  const lines = constraintLines(text);
  const modern = lines.find((l) => l.modern);
  // With a //go:build line the +build lines are ignored; without one, every +build line must hold.
  const used = modern ? [modern] : lines;
  const exprs: Expr[] = [];
  for (const l of used) {
    const e = l.modern ? parseModern(l.text.replace(/^\/\/go:build\s/, '').trim()) : parseLegacy(l.text);
    // A constraint go cannot parse is a build error, not a silent exclusion.
    if (!e) return undefined;
    exprs.push(e);
  }
  const byName = nameConstraint(file);
  if (byName) exprs.push(byName);
  if (exprs.length === 0 || buildsSomewhere((t) => exprs.every((e) => e(t)))) return undefined;
  const what = [...used.map((l) => l.text), ...(byName ? [`file name ${base}`] : [])].join(' and ');
  return { line: used[0]?.line ?? 1, what };
}
