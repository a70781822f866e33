import path from 'node:path';
import { GOARCH, GOOS } from './go-build.js';
import { goHelpers, type GoHelper } from './go-facts.js';
import { jsModuleExports, type ModuleExports } from './js-facts.js';
import { pyExportedAssertions } from './py-facts.js';
import { JS_EXTENSIONS } from './languages.js';

/**
 * The files a sentinel test's helpers may live in, one level deep: the relative modules a JS/TS
 * file imports, the `from .x import` modules of a Python file, the other files of a Go package.
 * Moving assertions into such a helper is then no removal, while emptying the helper still is.
 */

/** Workspace-relative path → text, for one side (base or now). */
export type Files = ReadonlyMap<string, string>;

const JS_SPEC = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const PY_FROM = /^from\s+(\.+)([\w.]*)\s+import\s+(\([^)]*\)|[^\n]*)/gm;
const SWAPS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };

/** A path inside the workspace, or undefined when it climbs out of it. */
function inside(p: string): string | undefined {
  const n = path.posix.normalize(p);
  return n.startsWith('../') || n === '..' || path.posix.isAbsolute(n) ? undefined : n;
}

/** The files a relative JS/TS import may name: as written, TS sources for `.js`, or with an extension/index added. */
function jsCandidates(file: string, spec: string): string[] {
  const base = inside(path.posix.join(path.posix.dirname(file), spec));
  if (base === undefined) return [];
  const ext = path.posix.extname(base);
  if (JS_EXTENSIONS.has(ext)) return [base, ...(SWAPS[ext] ?? []).map((e) => base.slice(0, -ext.length) + e)];
  return [...RESOLVE_ORDER.map((e) => base + e), ...RESOLVE_ORDER.map((e) => path.posix.join(base, `index${e}`))];
}

/** The extensions Vite (vitest) tries for an import without one, in its order. */
const RESOLVE_ORDER = ['.mjs', '.js', '.mts', '.ts', '.jsx', '.tsx'];

/**
 * The file a relative import loads, among those that exist: the first candidate. An import without
 * an extension that two files could answer (`helpers.ts` and `helpers.mjs`) is left unresolved, so
 * the file counted is never one the runner skips.
 */
function jsResolve(file: string, spec: string, files: Files): string | undefined {
  const found = jsCandidates(file, spec).filter((p) => files.has(p));
  const extensionless = !JS_EXTENSIONS.has(path.posix.extname(spec));
  return extensionless && found.length > 1 ? undefined : found[0];
}

/**
 * `from ..helpers.checks import` in `tests/a/test_x.py` → `tests/helpers/checks.py` (or its
 * package's `__init__.py`); `from . import x` → the folder's own `__init__.py`.
 */
function pyCandidates(file: string, dots: string, module: string): string[] {
  let dir = path.posix.dirname(file);
  for (let i = 1; i < dots.length; i++) dir = path.posix.dirname(dir);
  if (module === '') return inside(dir) === undefined ? [] : [path.posix.join(dir, '__init__.py')];
  const base = inside(path.posix.join(dir, ...module.split('.')));
  // A package (`helpers/__init__.py`) wins over a module of the same name, as Python imports it.
  return base === undefined ? [] : [`${base}/__init__.py`, `${base}.py`];
}

/** `from . import helpers, checks as c`: each name may be a module of the package (`helpers.py`). */
function pySubmodules(file: string, dots: string, module: string, names: string): string[] {
  return names
    .replace(/[()]/g, '')
    .split(',')
    .map((n) => n.trim().split(/\s+/)[0] ?? '')
    .filter((n) => /^[A-Za-z_]\w*$/.test(n))
    .flatMap((n) => pyCandidates(file, dots, module ? `${module}.${n}` : n));
}

/** Every file the test's imports could name (the caller reads those that exist, at base and now). */
export function importedPaths(file: string, text: string): string[] {
  const ext = path.posix.extname(file).toLowerCase();
  if (JS_EXTENSIONS.has(ext)) return [...text.matchAll(JS_SPEC)].flatMap((m) => jsCandidates(file, m[1]!));
  if (ext === '.py') return [...text.matchAll(PY_FROM)].flatMap((m) => [...pyCandidates(file, m[1]!, m[2]!), ...pySubmodules(file, m[1]!, m[2]!, m[3]!)]);
  return [];
}

/** How many `export … from` hops a helper is followed through (an index re-exporting a folder's modules). */
export const MAX_REEXPORTS = 3;

const JS_REEXPORT = /(?:^|[\s;])export\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const JS_IMPORT = /(?:^|[\s;])import\s+([^'"]*?)\s*from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
/** `export { a, b as c }` without a `from`: what it exports is named in this module. */
const JS_EXPORT_LIST = /(?:^|[\s;])export\s*\{([^}]*)\}(?!\s*from\b)/g;

/**
 * The files a helper module re-exports from (`export { check } from './checks.js'`, `export * from
 * './x.js'`, and an import it exports again: `import { check } from './checks.js'; export { check }`).
 */
export function reexportedPaths(file: string, text: string): string[] {
  if (!JS_EXTENSIONS.has(path.posix.extname(file).toLowerCase())) return [];
  const exported = new Set([...text.matchAll(JS_EXPORT_LIST)].flatMap((m) => m[1]!.split(',').map((s) => s.trim().split(/\s+/)[0] ?? '')));
  const bound = (clause: string) =>
    clause
      .replace(/[{}]/g, ' ')
      .split(',')
      .map((s) => s.trim().split(/\s+/).at(-1) ?? '');
  const imports = [...text.matchAll(JS_IMPORT)].filter((m) => bound(m[1]!).some((n) => exported.has(n)));
  return [...text.matchAll(JS_REEXPORT), ...imports].flatMap((m) => jsCandidates(file, m.at(-1)!));
}

/**
 * `paths` and, for each JS module among them, the files it re-exports from, `MAX_REEXPORTS` hops
 * deep: `read` loads a list of paths (one batch per hop), `text` gives what it found.
 */
export async function withReexports(paths: string[], read: (paths: string[]) => Promise<void>, text: (p: string) => string | undefined): Promise<string[]> {
  const all = new Set(paths);
  let frontier = [...all];
  for (let hop = 0; frontier.length > 0; hop++) {
    await read(frontier);
    if (hop >= MAX_REEXPORTS) break;
    frontier = [...new Set(frontier.flatMap((p) => reexportedPaths(p, text(p) ?? '')))].filter((p) => !all.has(p));
    for (const p of frontier) all.add(p);
  }
  return [...all];
}

/** Whether a test's helpers may be in the other files of its folder (a Go package). */
export const readsPackage = (file: string): boolean => path.posix.extname(file).toLowerCase() === '.go';

/** How the analyses ask for a helper in another file: counts of assertions, by module and name. */
export interface HelperSources {
  js(from: string, name: string, hands: (at: number[]) => boolean): number | undefined;
  py(module: string, name: string): number | undefined;
  /** The helpers of the Go files in the test's folder, other than the test itself. */
  goPackage(): Map<string, GoHelper>;
}

/**
 * How many of a helper's assertions a caller may count: `count` as read in `found` now. A helper
 * module outside the sentinels folder is never compared itself, so when it changed since base a
 * caller counts no more than the same helper made at base (nothing for a new one): moving a
 * test's assertion into it is then a removal, while emptying it stays one too.
 */
export type HelperLimit = (found: string, name: string, count: number, live?: boolean) => number;

/** Helper lookups for `file` over one side's files (each module analysed once). */
export function helperSources(file: string, files: Files, limit?: HelperLimit): HelperSources {
  const js = new Map<string, ModuleExports | undefined>();
  const py = new Map<string, Map<string, number>>();
  const limited = (found: string, name: string, count: number | undefined, live = false) =>
    count === undefined || !limit ? count : limit(found, name, count, live);
  const jsModule = (importer: string, from: string) => {
    const found = jsResolve(importer, from, files);
    if (found === undefined) return undefined;
    if (!js.has(found)) js.set(found, jsModuleExports(found, files.get(found)!));
    return { found, exports: js.get(found) };
  };
  // The module that defines `name`, through `export { name } from` and `export * from` (a few levels, no cycles).
  const jsDefining = (importer: string, from: string, name: string, depth: number): { found: string; name: string; exports: ModuleExports } | undefined => {
    const m = jsModule(importer, from);
    if (!m?.exports) return undefined;
    if (m.exports.counts.has(name)) return { found: m.found, name, exports: m.exports };
    if (depth >= MAX_REEXPORTS) return undefined;
    // `checks.f` with `export * as checks from './x.js'`: x's f.
    const dot = name.indexOf('.');
    const whole = dot > 0 ? m.exports.namespaces.get(name.slice(0, dot)) : undefined;
    if (whole !== undefined) return jsDefining(m.found, whole, name.slice(dot + 1), depth + 1);
    const named = m.exports.named.get(name);
    if (named) return jsDefining(m.found, named.from, named.name, depth + 1);
    // `export *` never re-exports a default.
    for (const star of name === 'default' ? [] : m.exports.stars) {
      const found = jsDefining(m.found, star, name, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return {
    js: (from, name, hands) => {
      const d = jsDefining(file, from, name, 0);
      if (!d) return undefined;
      const at = d.exports.assertParams.get(d.name);
      const live = at !== undefined && hands(at);
      return limited(d.found, d.name, live ? d.exports.liveCounts.get(d.name) : d.exports.counts.get(d.name), live);
    },
    py: (module, name) => {
      const dots = /^\.+/.exec(module)?.[0] ?? '';
      const found = pyCandidates(file, dots, module.slice(dots.length)).find((p) => files.has(p));
      if (found === undefined) return undefined;
      if (!py.has(found)) py.set(found, pyExportedAssertions(found, files.get(found)!));
      return limited(found, name, py.get(found)!.get(name));
    },
    goPackage: () => {
      const dir = path.posix.dirname(file);
      const helpers = new Map<string, GoHelper>();
      for (const [p, text] of files) {
        if (p !== file && path.posix.dirname(p) === dir && p.endsWith('.go') && !goMayBeExcluded(p, text))
          for (const [name, h] of goHelpers(text)) helpers.set(name, h);
      }
      return helpers;
    },
  };
}

/** The limit for the now side: helpers outside `sentinelsDir` that changed since base lend no more than at base. */
export function changedOutsideLimit(before: Files, after: Files, inSentinels: (p: string) => boolean): HelperLimit {
  const atBase = new Map<string, { counts: Map<string, number>; liveCounts?: Map<string, number> } | undefined>();
  return (found, name, count, live) => {
    const was = before.get(found);
    if (inSentinels(found) || was === after.get(found)) return count;
    if (was === undefined) return 0;
    if (!atBase.has(found)) atBase.set(found, found.endsWith('.py') ? { counts: pyExportedAssertions(found, was) } : jsModuleExports(found, was));
    const base = atBase.get(found);
    // Compared like with like: a helper handed the real assertions now, with what it checked so at base.
    return Math.min(count, (live ? (base?.liveCounts?.get(name) ?? base?.counts.get(name)) : base?.counts.get(name)) ?? 0);
  };
}

const [os, arch] = [GOOS.join('|'), GOARCH.join('|')];
const GO_SUFFIX = new RegExp(`_(?:(?:${os})(?:_(?:${arch}))?|${arch})(?:_test)?\\.go$`);

/**
 * A Go file the build may leave out: a build constraint (`//go:build ignore`, a tag, an OS) or an
 * OS/architecture file-name suffix. Its helpers may not be the ones a test runs with, so they lend
 * nothing (a test calling one counts no assertion for it).
 */
function goMayBeExcluded(file: string, text: string): boolean {
  return GO_SUFFIX.test(path.posix.basename(file)) || /^\s*\/\/(?:go:build\s|\s*\+build\s)/m.test(text.split(/^package\s/m)[0] ?? '');
}
