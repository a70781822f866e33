import { execFile } from 'node:child_process';

/**
 * Settings under which git would take a file as unchanged without looking at it: a fsmonitor hook
 * (the repository's config names it, so an agent could install one that reports nothing),
 * `checkStat=minimal`/`trustctime=false` (an edit that keeps the size and resets mtime passes), and
 * `ignoreStat`. Sentinel's listing turns them off for its own git process.
 */
export const GIT_LOOK_ARGS: readonly string[] = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.checkStat=default',
  '-c',
  'core.trustctime=true',
  '-c',
  'core.ignoreStat=false',
];

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Git did not exit on its own (killed by a signal, output over the buffer, or not started): no answer of git's. */
  broken?: true;
}

export type GitAnswers = (root: string, args: readonly string[], input: string | undefined, run: () => Promise<GitResult>) => Promise<GitResult>;
/** Set by a long-lived process (the MCP tool thread): answers git gave before, while what git reads is unchanged. */
let answers: GitAnswers | undefined;

/** Route git() through `keep` (warm-git.ts), or straight to git again with undefined. */
export function setGitAnswers(keep: GitAnswers | undefined): void {
  answers = keep;
}

/** Run git without a shell; never throws on a non-zero exit. */
export function git(root: string, args: string[], input?: string): Promise<GitResult> {
  return answers ? answers(root, args, input, () => spawnGit(root, args, input)) : spawnGit(root, args, input);
}

/** git() that always spawns: for what the warm answers are stamped with (git-inputs.ts). */
export function spawnGit(root: string, args: readonly string[], input?: string): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotepath=off', ...args],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (err, stdout, stderr) => {
        const exited = !err || typeof (err as { code?: unknown }).code === 'number';
        const code = err ? (exited ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout: stdout ?? '', stderr: stderr ?? '', ...(exited ? {} : { broken: true as const }) });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** git() with stdout as bytes, for output that is only compared (hashed), never read: no decoding. */
export function gitBytes(root: string, args: readonly string[]): Promise<{ code: number; stdout: Buffer }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', ...args],
      { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (err, stdout) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout: stdout ?? Buffer.alloc(0) });
      },
    );
  });
}
