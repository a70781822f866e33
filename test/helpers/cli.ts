import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built binary; SENTINEL_BIN lets parallel work trees test their own build. */
export const SENTINEL_BIN = process.env.SENTINEL_BIN ?? path.join(REPO_ROOT, 'dist', 'sentinel.mjs');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not). */
  json<T = any>(): T;
}

export interface RunOptions {
  cwd: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** What a run printed and how it exited, as every runner (spawned or in-process) reports it. */
export function runResult(code: number, stdout: string, stderr: string): RunResult {
  return {
    code,
    stdout,
    stderr,
    json() {
      try {
        return JSON.parse(stdout);
      } catch {
        throw new Error(`stdout is not JSON (exit ${code}):\n${stdout}\nstderr:\n${stderr}`);
      }
    },
  };
}

/** Spawn the built `sentinel` binary and collect its output and exit code. */
export function runSentinel(args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SENTINEL_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, SENTINEL_CAPSULE: undefined, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(runResult(code ?? -1, stdout, stderr));
    });
    child.stdin.end(options.input ?? '');
  });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Write files (path → content) under dir, creating folders. */
export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export interface TempRepo {
  dir: string;
  write(files: Record<string, string | Uint8Array>): void;
  commit(message?: string): void;
  git(...args: string[]): string;
  cleanup(): void;
}

/** A temporary git repository with the given files committed as its first commit. */
export function makeTempRepo(files: Record<string, string | Uint8Array> = {}, options: { commit?: boolean } = {}): TempRepo {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-test-')));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'Sentinel Test');
  git(dir, 'config', 'commit.gpgsign', 'false');
  const repo: TempRepo = {
    dir,
    write: (more) => writeFiles(dir, more),
    commit(message = 'commit') {
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '--allow-empty', '-m', message);
    },
    git: (...args) => git(dir, ...args),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  writeFiles(dir, files);
  if (options.commit !== false && Object.keys(files).length > 0) repo.commit('initial');
  return repo;
}

/**
 * A repository with `sentinel init` committed and the example capsule routed, run by `run` (the
 * built binary, or runInProcess where a spawn proves nothing): the start of the hook tests.
 */
export async function makeRoutedRepo(run: (args: string[], options: RunOptions) => Promise<RunResult> = runSentinel): Promise<TempRepo> {
  const repo = makeTempRepo({ 'README.md': '# demo\n' });
  for (const args of [['init'], ['route', 'example']]) {
    const result = await run(args, { cwd: repo.dir });
    if (result.code !== 0) throw new Error(`sentinel ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    if (args[0] === 'init') repo.commit('init');
  }
  return repo;
}

/** A temporary plain folder (not a git repo). */
export function makeTempDir(files: Record<string, string> = {}): { dir: string; cleanup(): void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-dir-')));
  writeFiles(dir, files);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
