import { lstatSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { commonDirOf, isGitDirectory } from '../git/git-dir.js';
import { spawnGit } from '../git/git.js';
import { filesStamp, statStamp } from './warm.js';

/**
 * Files outside the work tree that `git ls-files --exclude-standard` reads for a root, so a warm
 * listing can stamp them (warm.ts listingStamp): the index and HEAD of the root's own git dir (a
 * linked worktree has its own, and `.git` there is a file), info/exclude and config of the common
 * dir, the excludes file (core.excludesFile, else git's default), and the .gitignore of each
 * folder between the repository's top and a root that is a subfolder of it. Also the attributes
 * files (info/attributes, core.attributesFile): a diff of the work tree converts files by them;
 * and the config files the configs include (include.path, includeIf).
 */
interface Resolved {
  /** What the answer was resolved from (config files, and what `.git` is in the root and above): a change resolves again. */
  depsStamp: () => string;
  stamp: string;
  files: string[];
  dirs: GitDirs | undefined;
}

/** Where the root's repository lives (absolute): its own git dir, the common dir, the work tree's top. */
export interface GitDirs {
  gitDir: string;
  commonDir: string;
  top: string;
}
const resolved = new Map<string, Resolved>();

/** The files above, resolved once per root and again only when a git config file or `.git` changes. */
export async function listingGitInputs(root: string): Promise<readonly string[]> {
  return (await resolve(root)).files;
}

/** The root's git dirs, resolved as listingGitInputs resolves them; undefined outside a repository. */
export async function gitDirsOf(root: string): Promise<GitDirs | undefined> {
  return (await resolve(root)).dirs;
}

async function resolve(root: string): Promise<Resolved> {
  const known = resolved.get(root);
  if (known && known.depsStamp() === known.stamp) return known;
  const configs = globalConfigFiles();
  // Stamped before git reads them: a change while it runs makes the next call resolve again.
  const before = `${dotGitsAbove(root)}\n${filesStamp(configs)}`;
  const [dirs, excludes, attributes, includes] = await Promise.all([
    spawnGit(root, ['rev-parse', '--absolute-git-dir', '--git-common-dir', '--show-toplevel']),
    spawnGit(root, ['config', '--path', 'core.excludesFile']),
    spawnGit(root, ['config', '--path', 'core.attributesFile']),
    spawnGit(root, ['config', '-z', '--show-origin', '--get-regexp', '^include(if\\..*)?\\.path$']),
  ]);
  // Config files included by those above (include.path, includeIf.*.path), nested ones too: they may set what git reads.
  const included = includeFiles(root, includes.code === 0 ? includes.stdout : '');
  const [gitDir, commonDir, top] = dirs.code === 0 ? dirs.stdout.split('\n') : [];
  let files: string[] = [];
  let found: GitDirs | undefined;
  const repoConfigs: string[] = [...included];
  if (gitDir && commonDir && top) {
    // --git-common-dir may be relative (to the folder git ran in).
    const common = path.resolve(root, commonDir);
    // Known only now; stamped right after git read them (a change within the racy window keeps the stamp unequal).
    repoConfigs.push(path.join(common, 'config'), path.join(gitDir, 'config.worktree'));
    const configured = excludes.code === 0 ? excludes.stdout.trim() : '';
    const excludesFile = configured ? path.resolve(root, configured) : path.join(xdgConfigHome(), 'git', 'ignore');
    const attributesSet = attributes.code === 0 ? attributes.stdout.trim() : '';
    const attributesFile = attributesSet ? path.resolve(root, attributesSet) : path.join(xdgConfigHome(), 'git', 'attributes');
    found = { gitDir, commonDir: common, top: path.resolve(top) };
    files = [
      path.join(gitDir, 'index'),
      path.join(gitDir, 'HEAD'),
      path.join(common, 'info', 'exclude'),
      excludesFile,
      path.join(common, 'info', 'attributes'),
      attributesFile,
      ...configs,
      ...repoConfigs,
      ...gitignoresAbove(top, root),
    ];
  }
  const depsStamp = (): string => `${dotGitsAbove(root)}\n${filesStamp(configs)}\n${filesStamp(repoConfigs)}`;
  const entry = { depsStamp, stamp: `${before}\n${filesStamp(repoConfigs)}`, files, dirs: found };
  resolved.set(root, entry);
  return entry;
}

/**
 * What `<folder>/.git` is for the root and every folder above it (where git finds the repository):
 * a folder by its inode and whether git takes it as a repository (git-dir.ts: git skips a `.git`
 * folder without a valid HEAD, objects and refs, and its mtime changes with every index write,
 * which does not change the git dir the root uses), a file (`gitdir:`) by its stat, or nothing;
 * and whether git takes the folder itself as a (bare) repository. A repository made between the
 * root and its top (git init in a folder above, or a hand-made `.git` folder made whole) or one
 * that stops being one changes it.
 */
export function dotGitsAbove(root: string): string {
  const parts: string[] = [];
  for (let folder = path.resolve(root); ;) {
    const dotGit = path.join(folder, '.git');
    const stat = lstatSync(dotGit, { throwIfNoEntry: false });
    parts.push(!stat ? '-' : stat.isDirectory() ? `dir ${stat.ino}${takenAsRepository(dotGit) ? ' repo' : ''}` : statStamp(dotGit));
    if (lstatSync(path.join(folder, 'HEAD'), { throwIfNoEntry: false }) && takenAsRepository(folder)) parts.push('bare');
    const up = path.dirname(folder);
    if (up === folder) return parts.join(' ');
    folder = up;
  }
}

/** Whether git takes this folder as a git dir, with the common dir its `commondir` file names. */
function takenAsRepository(gitDir: string): boolean {
  return isGitDirectory(gitDir, commonDirOf(gitDir));
}

/**
 * The files named by `git config -z --show-origin --get-regexp` of include paths (`file:<origin>\0<key>\n<path>\0`):
 * `~/` is the home folder, a relative path is relative to the folder of the file that includes it.
 */
function includeFiles(root: string, output: string): string[] {
  const files: string[] = [];
  const fields = output.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const origin = fields[i]!;
    const value = fields[i + 1]!.slice(fields[i + 1]!.indexOf('\n') + 1);
    if (!origin.startsWith('file:') || !value) continue;
    const from = path.dirname(path.resolve(root, origin.slice('file:'.length)));
    files.push(value.startsWith('~/') ? path.join(homedir(), value.slice(2)) : path.resolve(from, value));
  }
  return files;
}

/** The user's and the system's git config: either may set core.excludesFile. */
function globalConfigFiles(): string[] {
  const env = process.env;
  const global = env.GIT_CONFIG_GLOBAL ? [env.GIT_CONFIG_GLOBAL] : [path.join(homedir(), '.gitconfig'), path.join(xdgConfigHome(), 'git', 'config')];
  return [...global, env.GIT_CONFIG_SYSTEM || '/etc/gitconfig'];
}

/** Where git looks for its user files (config, and the excludes file when core.excludesFile is not set). */
const xdgConfigHome = (): string => process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config');

/** `.gitignore` and `.gitattributes` of each folder from the repository's top down to the root's parent (they apply below too). */
function gitignoresAbove(top: string, root: string): string[] {
  const relative = path.relative(path.resolve(top), path.resolve(root));
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return [];
  const folders = [path.resolve(top)];
  for (const segment of relative.split(path.sep).slice(0, -1)) folders.push(path.join(folders.at(-1)!, segment));
  return folders.flatMap((folder) => [path.join(folder, '.gitignore'), path.join(folder, '.gitattributes')]);
}
