// Shared by `npm start` (scripts/main-job.mjs), `npm run demo:faults` and their e2e tests: a
// throwaway copy of examples/orders-service with its own git history, so Sentinel's writes
// (router log, state, evidence, logs) never touch this repository's work tree.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLE_DIR = 'examples/orders-service';
/** The built CLI; SENTINEL_BIN lets a developer point at another build. */
export const SENTINEL_BIN = process.env.SENTINEL_BIN ? path.resolve(process.env.SENTINEL_BIN) : path.join(REPO_ROOT, 'dist', 'sentinel.mjs');

const GIT_IDENTITY = ['-c', 'user.name=Sentinel demo', '-c', 'user.email=demo@sentinel.invalid', '-c', 'commit.gpgsign=false'];

export function git(cwd, args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The example's files as a fresh clone would have them: tracked plus untracked-but-not-ignored
 * (so uncommitted edits are demonstrated too), minus deleted files; ignored files (logs/, data/)
 * are left behind exactly as a clone leaves them.
 */
export function exampleFiles() {
  const out = git(REPO_ROOT, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', EXAMPLE_DIR]);
  const files = [...new Set(out.split('\0').filter(Boolean))];
  const deleted = new Set(git(REPO_ROOT, ['ls-files', '-z', '--deleted', '--', EXAMPLE_DIR]).split('\0').filter(Boolean));
  return files.filter((file) => !deleted.has(file)).map((file) => path.posix.relative(EXAMPLE_DIR, file));
}

/**
 * Copy the example into a new temp folder, symlink the repository's node_modules (the example's
 * dependencies are hoisted there by npm workspaces), and commit everything as the diff base.
 */
export function makeExampleCopy(prefix = 'sentinel-orders-') {
  const parent = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  const root = path.join(parent, 'orders-service');
  for (const file of exampleFiles()) {
    const to = path.join(root, file);
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(path.join(REPO_ROOT, EXAMPLE_DIR, file), to);
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, [...GIT_IDENTITY, 'commit', '-q', '-m', 'orders-service as committed in sentinelkit (diff base)']);
  return { root, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Run a program, capturing output; never throws on a non-zero exit. */
export function run(program, args, { cwd, env = {}, timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(program, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', SENTINEL_CAPSULE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, signal, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

/** Run the built sentinel CLI inside `cwd`. */
export const sentinel = (cwd, args, options = {}) => run(process.execPath, [SENTINEL_BIN, ...args], { cwd, ...options });

/** Parse a --json document, or explain which command did not print one. */
export function parseJson(result, what) {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`${what} did not print JSON (exit ${result.code}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
  }
}
