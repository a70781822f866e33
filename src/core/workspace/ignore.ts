import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Ignore } from 'ignore';
import { toPosix } from './paths.js';

/**
 * Folders no gate ever looks into unless git tracks their files: installed dependencies, build
 * output, caches, virtualenvs. They act like extra `.gitignore` lines, so a fresh repository
 * without a `.gitignore` is not judged on its `node_modules`.
 */
export const BUILTIN_IGNORED_DIRS = ['node_modules', 'dist', 'build', 'coverage', '.venv', 'venv', '__pycache__', 'vendor', '.git', 'target'] as const;

/** `git ls-files --others` arguments adding the built-in list to git's own ignore rules. */
export const GIT_EXCLUDE_ARGS: readonly string[] = BUILTIN_IGNORED_DIRS.filter((d) => d !== '.git').map((d) => `--exclude=${d}/`);

/** Pathspecs that keep `git add` (a private index) out of the built-in folders, as ls-files is. */
export const GIT_PATHSPEC_EXCLUDES: readonly string[] = BUILTIN_IGNORED_DIRS.filter((d) => d !== '.git').map((d) => `:(exclude,glob)**/${d}/**`);

/** tinyglobby/picomatch ignore patterns for the built-in folders at any depth. */
export const BUILTIN_GLOB_IGNORE: readonly string[] = BUILTIN_IGNORED_DIRS.map((d) => `**/${d}/**`);

const IGNORED = new Set<string>(BUILTIN_IGNORED_DIRS);

/** True when a workspace-relative POSIX path lies inside a built-in ignored folder. */
export function inBuiltinIgnoredDir(relative: string): boolean {
  const parts = relative.split('/');
  return parts.slice(0, -1).some((part) => IGNORED.has(part));
}

/** The root `.gitignore` as a matcher; matches nothing when there is none. */
function gitignoreMatcher(root: string, ignore: () => Ignore): (relative: string) => boolean {
  let text: string;
  try {
    text = readFileSync(path.join(root, '.gitignore'), 'utf8');
  } catch {
    return () => false;
  }
  const rules = ignore().add(text);
  return (relative) => rules.ignores(relative);
}

/**
 * Every file of a folder that is not a git work tree, honouring the built-in list and `.gitignore`.
 * `under`: a folder the caller named; the list applies below it, so naming `dist` lists `dist`.
 */
export async function walkWorkspace(root: string, under = ''): Promise<string[]> {
  // Loaded here, not at the top: git.ts and warm.ts import this module for its constants alone.
  const [{ glob }, { default: ignore }] = await Promise.all([import('tinyglobby'), import('ignore')]);
  const prefix = under && under !== '.' ? `${under.replace(/\/$/, '')}/` : '';
  const found = await glob(['**/*'], { cwd: path.join(root, prefix), dot: true, onlyFiles: true, ignore: [...BUILTIN_GLOB_IGNORE], expandDirectories: false });
  const ignored = gitignoreMatcher(root, ignore);
  return found
    .map((f) => `${prefix}${toPosix(f)}`)
    .filter((f) => !ignored(f))
    .sort();
}
