import { chmodSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { error, info, type Diagnostic } from '../diagnostics.js';
import { git } from '../git/git.js';
import { readTextIfExists, writeFileAtomic } from '../workspace/fs.js';
import { toPosix } from '../workspace/paths.js';
import { npxHookLine, plainHookScript, planHuskyHook, planLefthook, planPlainHook, type HookFilePlan } from './git-hooks-plan.js';

export type HookManager = 'git' | 'husky' | 'lefthook';

export interface GitHookFile {
  /** Path relative to the workspace root (POSIX). */
  path: string;
  via: HookManager;
  action: 'created' | 'updated' | 'unchanged' | 'conflict' | 'would-create' | 'would-update';
  note?: string;
}

interface GitHooksReport {
  files: GitHookFile[];
  diagnostics: Diagnostic[];
}

const LEFTHOOK_FILES = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', '.config/lefthook.yml', '.config/lefthook.yaml'];

const isDir = (file: string): boolean => {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
};

interface GitFacts {
  top: string;
  hooksPath?: string;
  /** The hooks folder git runs (core.hooksPath or the common dir's hooks/), absolute. */
  hooksDir: string;
}

async function gitFacts(root: string): Promise<GitFacts | undefined> {
  const top = await git(root, ['rev-parse', '--show-toplevel']);
  if (top.code !== 0) return undefined;
  const topDir = top.stdout.trim();
  // --type=path: git expands ~ itself; a relative value is relative to the work tree's top.
  const configured = (await git(root, ['config', '--type=path', '--get', 'core.hooksPath'])).stdout.trim();
  if (configured) return { top: topDir, hooksPath: configured, hooksDir: path.resolve(topDir, configured) };
  const common = (await git(root, ['rev-parse', '--git-common-dir'])).stdout.trim();
  return { top: topDir, hooksDir: path.join(path.resolve(root, common), 'hooks') };
}

/** Where the hook goes: husky and lefthook when the project uses them (core.hooksPath decides between both), else git's hooks folder. */
function chooseManager(root: string, facts: GitFacts): { via: HookManager; file: string } {
  const bases = [...new Set([root, facts.top])];
  const husky = bases.map((b) => path.join(b, '.husky')).find(isDir);
  const lefthook = bases.flatMap((b) => LEFTHOOK_FILES.map((f) => path.join(b, f))).find((f) => existsSync(f));
  const hooksPointAtHusky = facts.hooksPath !== undefined && /(^|\/)\.husky(\/_)?\/?$/.test(toPosix(facts.hooksPath));
  if (husky && (hooksPointAtHusky || !lefthook)) return { via: 'husky', file: path.join(husky, 'commit-msg') };
  if (lefthook) return { via: 'lefthook', file: lefthook };
  return { via: 'git', file: path.join(facts.hooksDir, 'commit-msg') };
}

/**
 * `init --git-hooks`: install `sentinel hook commit-msg` where the repository runs its hooks —
 * `.husky/commit-msg`, a `lefthook.yml` command, or git's own `commit-msg` hook. Adds to the
 * user's husky/lefthook files, never replaces a user's hook, and changes nothing on a re-run.
 */
export async function installGitHooks(root: string, options: { dryRun: boolean }): Promise<GitHooksReport> {
  const facts = await gitFacts(root);
  if (!facts) {
    return {
      files: [],
      diagnostics: [
        error('INIT_HOOKS_NO_GIT', `${root} is not inside a git work tree, so there is no commit-msg hook to install`, {
          fix: 'Run `git init` first, then `sentinel init --git-hooks`',
        }),
      ],
    };
  }
  const workspaceFromTop = toPosix(path.relative(facts.top, root));
  const { via, file } = chooseManager(root, facts);
  const rel = toPosix(path.relative(root, file));
  const existing = readTextIfExists(file);
  let plan: HookFilePlan;
  if (via === 'git') plan = planPlainHook(existing, plainHookScript(workspaceFromTop), rel);
  else if (via === 'husky') plan = planHuskyHook(existing, npxHookLine(workspaceFromTop, '"$1"'), rel);
  else plan = planLefthook(existing ?? '', npxHookLine(workspaceFromTop, '{1}'), rel);

  const diagnostics: Diagnostic[] = [];
  if (plan.action === 'conflict') {
    diagnostics.push(
      error('INIT_HOOK_EXISTS', plan.reason!, {
        path: rel,
        fix: 'Add the sentinel line to that file yourself as described, then re-run `sentinel init --git-hooks` to confirm',
      }),
    );
    return { files: [{ path: rel, via, action: 'conflict', note: plan.reason! }], diagnostics };
  }
  if (plan.action === 'unchanged') return { files: [{ path: rel, via, action: 'unchanged' }], diagnostics };
  const created = plan.action === 'create';
  if (!options.dryRun) {
    writeFileAtomic(file, plan.content!);
    // Git runs hook files directly (husky v8 too): they must be executable. lefthook.yml is config.
    if (via !== 'lefthook' && process.platform !== 'win32') chmodSync(file, 0o755);
  }
  const action = options.dryRun ? (created ? 'would-create' : 'would-update') : created ? 'created' : 'updated';
  if (via === 'lefthook')
    diagnostics.push(
      info('INIT_HOOKS_LEFTHOOK_INSTALL', `Added a sentinel command to commit-msg in ${rel}`, {
        path: rel,
        fix: 'Run `npx lefthook install` (or your usual lefthook install) so git runs it',
      }),
    );
  const note = via === 'git' ? (facts.hooksPath ? `core.hooksPath ${facts.hooksPath}` : undefined) : `through ${via}`;
  return { files: [{ path: rel, via, action, ...(note ? { note } : {}) }], diagnostics };
}
