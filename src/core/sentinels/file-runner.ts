import { builtinModules } from 'node:module';
import path from 'node:path';
import { exists } from '../workspace/fs.js';
import type { SentinelRunner } from '../workspace/config-types.js';
import { installedPackage, nodeRunsTypeScript, testFilesFor } from './discover.js';
import type { ResolvedRunner } from './types.js';

/** Why a sentinel test file cannot run: reported as a setup error, never as a regression. */
interface LoadProblem {
  code: 'SENTINELS_WRONG_RUNNER' | 'SENTINELS_RUNNER_MISSING' | 'SENTINELS_TEST_UNLOADABLE' | 'SENTINELS_TS_UNSUPPORTED';
  message: string;
  fix: string;
}

interface FileAssignment {
  file: string;
  runner: ResolvedRunner;
  /** What decided the runner: an import, a config file, a package script, an installed package. */
  because: string;
  problem?: LoadProblem;
}

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(=])import\s*\(?\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;
const BUILTINS = new Set(builtinModules);
const CODE_FILE = /\.[cm]?[jt]sx?$/;

/** Module specifiers a JavaScript/TypeScript file imports or requires (type-only imports excluded). */
export function importsOf(text: string): string[] {
  const out = new Set<string>();
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(SPECIFIER)) {
    if (/^\s*;?\s*import\s+type\s/.test(m[0])) continue;
    out.add((m[1] ?? m[2] ?? m[3])!);
  }
  return [...out];
}

/** The runner a file's own imports ask for, if any. */
export function runnerFromImports(specifiers: readonly string[]): ResolvedRunner | undefined {
  if (specifiers.some((s) => s === 'vitest' || s.startsWith('vitest/'))) return 'vitest';
  if (specifiers.some((s) => s === '@jest/globals')) return 'jest';
  if (specifiers.some((s) => s === 'node:test')) return 'node';
  return undefined;
}

const packageName = (specifier: string): string => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

/** A bare package is found in a node_modules folder between the file and the workspace root. */
function packageResolves(root: string, fileDir: string, name: string): boolean {
  for (let dir = fileDir; ; dir = path.posix.dirname(dir)) {
    if (exists(path.join(root, dir === '.' ? '' : dir, 'node_modules', name, 'package.json'))) return true;
    if (dir === '.' || dir === '' || dir === '/') return false;
  }
}

/** Imports that cannot load: relative files that do not exist, packages that are not installed. */
export function unresolvedImports(root: string, file: string, specifiers: readonly string[]): string[] {
  const dir = path.posix.dirname(file);
  return specifiers.filter((s) => {
    if (s.startsWith('node:') || BUILTINS.has(s)) return false;
    if (s.startsWith('.') || s.startsWith('/')) {
      const target = path.posix.normalize(path.posix.join(dir, s));
      if (target.startsWith('../')) return false; // outside the workspace: not ours to judge
      const candidates = [target, ...['.js', '.mjs', '.cjs', '.ts', '.mts', '.json'].map((e) => `${target}${e}`), `${target}/index.js`];
      return !candidates.some((c) => exists(path.join(root, c)));
    }
    if (s.includes(':')) return false; // data:, virtual: and similar URLs
    return !packageResolves(root, dir, packageName(s));
  });
}

const CONFIG_FILES: [RegExp, ResolvedRunner][] = [
  [/^vitest\.(?:config|workspace)\.[cm]?[jt]s$/, 'vitest'],
  [/^jest\.config\.[cm]?[jt]s(?:on)?$/, 'jest'],
];

/**
 * The runner the project itself uses for tests without a runner import: a vitest/jest config file
 * or a package.json test script, looked for from the sentinel folder up to the root; else the
 * installed package; else node's own runner.
 */
export function projectRunner(
  root: string,
  dir: string,
  list: (relativeDir: string) => string[],
  readText: (relative: string) => string | undefined,
): { runner: ResolvedRunner; because: string } {
  for (let at = dir.replace(/\/$/, ''); ; at = path.posix.dirname(at)) {
    const here = at === '.' ? '' : at;
    for (const name of list(here)) {
      for (const [pattern, runner] of CONFIG_FILES) if (pattern.test(name)) return { runner, because: `${path.posix.join(here, name)}` };
    }
    const pkgText = readText(path.posix.join(here, 'package.json'));
    if (pkgText) {
      try {
        const pkg = JSON.parse(pkgText) as { scripts?: Record<string, string>; jest?: unknown };
        const scripts = Object.entries(pkg.scripts ?? {}).filter(([name]) => /test|sentinel/i.test(name));
        for (const [name, script] of scripts) {
          if (/\bvitest\b/.test(script)) return { runner: 'vitest', because: `the "${name}" script of ${path.posix.join(here, 'package.json')}` };
          if (/\bjest\b/.test(script)) return { runner: 'jest', because: `the "${name}" script of ${path.posix.join(here, 'package.json')}` };
          if (/\bnode\s+(?:[^|&;]*\s)?--test\b/.test(script))
            return { runner: 'node', because: `the "${name}" script of ${path.posix.join(here, 'package.json')}` };
        }
        if (pkg.jest !== undefined) return { runner: 'jest', because: `the "jest" key of ${path.posix.join(here, 'package.json')}` };
      } catch {
        // A broken package.json is another gate's business; keep looking.
      }
    }
    if (here === '') break;
  }
  if (installedPackage(root, 'vitest')) return { runner: 'vitest', because: 'vitest is installed' };
  if (installedPackage(root, 'jest')) return { runner: 'jest', because: 'jest is installed' };
  return { runner: 'node', because: 'no other runner is configured or installed' };
}

const INSTALL: Partial<Record<ResolvedRunner, string>> = { vitest: 'npm install -D vitest', jest: 'npm install -D jest jest-junit' };

/**
 * Decide, per test file, which runner runs it and whether it can load at all. Python and Go tests
 * keep their runners; JavaScript/TypeScript files follow their own imports, then the project.
 */
export function assignRunners(
  root: string,
  configured: SentinelRunner,
  files: string[],
  project: () => { runner: ResolvedRunner; because: string },
  readText: (relative: string) => string | undefined,
): FileAssignment[] {
  const out: FileAssignment[] = [];
  const candidates =
    configured === 'auto'
      ? [...new Set([...testFilesFor('pytest', files), ...testFilesFor('go', files), ...testFilesFor('vitest', files)])].sort()
      : testFilesFor(configured, files);
  for (const file of candidates) {
    if (configured === 'auto' && testFilesFor('pytest', [file]).length) {
      out.push({ file, runner: 'pytest', because: 'a Python test file' });
      continue;
    }
    if (configured === 'auto' && testFilesFor('go', [file]).length) {
      out.push({ file, runner: 'go', because: 'a Go test file' });
      continue;
    }
    if (!CODE_FILE.test(file) || configured === 'command') {
      out.push({ file, runner: configured === 'auto' ? project().runner : configured, because: 'sentinels.runner' });
      continue;
    }
    const specifiers = importsOf(readText(file) ?? '');
    const asked = runnerFromImports(specifiers);
    let assignment: FileAssignment;
    if (configured !== 'auto') {
      assignment = { file, runner: configured, because: 'sentinels.runner' };
      if (asked && asked !== configured && ['vitest', 'jest', 'node'].includes(configured)) {
        assignment.problem = {
          code: 'SENTINELS_WRONG_RUNNER',
          message: `${file} imports ${asked === 'node' ? 'node:test' : asked === 'jest' ? '@jest/globals' : 'vitest'}, but sentinels.runner is "${configured}": it cannot load under ${configured}`,
          fix: `Set sentinels.runner to "${asked}" (or "auto") in .sentinel/config.json; this is a setup error, not a regression`,
        };
      }
    } else {
      const fromProject = asked ? undefined : project();
      assignment = {
        file,
        runner: asked ?? fromProject!.runner,
        because: asked ? `it imports ${asked === 'node' ? 'node:test' : asked === 'jest' ? '@jest/globals' : 'vitest'}` : fromProject!.because,
      };
    }
    if (!assignment.problem && (assignment.runner === 'vitest' || assignment.runner === 'jest') && !installedPackage(root, assignment.runner)) {
      assignment.problem = {
        code: 'SENTINELS_RUNNER_MISSING',
        message: `${file} needs ${assignment.runner} (${assignment.because}), which is not installed (no node_modules/${assignment.runner})`,
        fix: `Run \`${INSTALL[assignment.runner]}\` so the sentinel can load; this is a setup error, not a regression`,
      };
    }
    if (!assignment.problem && assignment.runner === 'node' && /\.[cm]?tsx?$/.test(file) && !nodeRunsTypeScript()) {
      assignment.problem = {
        code: 'SENTINELS_TS_UNSUPPORTED',
        message: `${file} is TypeScript, which node ${process.versions.node} cannot run with --test`,
        fix: 'Install vitest (`npm install -D vitest`) and import from it, or use Node 23.6+; this is a setup error, not a regression',
      };
    }
    if (!assignment.problem) {
      const missing = unresolvedImports(
        root,
        file,
        specifiers.filter((s) => s !== assignment.runner),
      );
      if (missing.length) {
        const files = missing.filter((m) => m.startsWith('.') || m.startsWith('/'));
        const packages = missing.filter((m) => !files.includes(m));
        const parts = [
          ...(files.length ? [`imports ${files.map((m) => `"${m}"`).join(', ')}, which ${files.length > 1 ? 'do' : 'does'} not exist`] : []),
          ...(packages.length ? [`imports ${packages.map((m) => `"${m}"`).join(', ')}, which ${packages.length > 1 ? 'are' : 'is'} not installed`] : []),
        ];
        assignment.problem = {
          code: 'SENTINELS_TEST_UNLOADABLE',
          message: `${file} cannot load under ${assignment.runner}: it ${parts.join('; it ')}`,
          fix: 'Install the package or restore the file the test imports; this is a setup error, not a regression',
        };
      }
    }
    out.push(assignment);
  }
  return out;
}
