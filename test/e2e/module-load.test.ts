import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRoutedRepo, REPO_ROOT, SENTINEL_BIN, type TempRepo } from '../helpers/cli.js';

// The agent's hot paths load only their own modules: the built CLI runs under a loader hook that
// logs every module resolved (test/helpers/module-log.mjs), and the log must not name the heavy ones.
const HOOK = path.join(REPO_ROOT, 'test', 'helpers', 'module-log.mjs');

/** Modules none of the hot commands needs: the MCP SDK, ajv's compiler, YAML, zod, the tokenizer. */
const HEAVY = [
  /node_modules\/@modelcontextprotocol\//,
  /node_modules\/ajv\//,
  /node_modules\/ajv-formats\//,
  /node_modules\/yaml\//,
  /node_modules\/zod\//,
  /node_modules\/gpt-tokenizer\//,
  /node_modules\/commander\//,
];

let repo: TempRepo;
beforeAll(async () => {
  repo = await makeRoutedRepo();
});
afterAll(() => repo?.cleanup());

function runLogged(args: string[], input = '', env: Record<string, string> = {}): { modules: string[]; stderr: string } {
  const log = path.join(repo.dir, '.git', `modules-${args.join('-').replace(/[^a-z-]/gi, '')}.log`);
  rmSync(log, { force: true });
  const result = spawnSync(process.execPath, ['--import', HOOK, SENTINEL_BIN, ...args], {
    cwd: repo.dir,
    input,
    encoding: 'utf8',
    // NODE_OPTIONS left out: a V8 flag in it would make V8 refuse the build's code cache (hot-bundle.ts).
    env: { ...process.env, NODE_OPTIONS: '', SENTINEL_MODULE_LOG: log, SENTINEL_CAPSULE: '', ...env },
  });
  expect(result.status, result.stderr).toBeLessThanOrEqual(1);
  return { modules: [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))], stderr: result.stderr };
}

const modulesLoadedBy = (args: string[], input = '', env: Record<string, string> = {}): string[] => runLogged(args, input, env).modules;

/** Commander is bundled (noExternal) into the chunk of src/cli/program.ts, with every command definition. */
const COMMAND_TREE = /\/program-[^/]*\.mjs$/;
const heavyIn = (modules: string[]) => modules.filter((url) => HEAVY.some((re) => re.test(url)) || COMMAND_TREE.test(url));

/**
 * The files a hot command loads (built chunks and package files), named without their hash. Each
 * hot command's common path is one chunk (tsdown.config.ts, src/cli/hot-paths/) plus the chunks of
 * hotter commands it shares modules with; the other names are the bundler's small re-export files
 * for lazy imports and its helpers. A lazy import or a package on the path shows up here.
 */
const filesLoadedBy = (modules: string[]) =>
  modules
    .filter((url) => url.startsWith('file:'))
    .map((url) => (url.includes('/node_modules/') ? url.replace(/^.*\/node_modules\//, 'node_modules/') : path.basename(url).replace(/-[\w-]{8}\.mjs$/, '')))
    .sort();

describe('modules loaded by the hot commands', () => {
  it('--version and --help load the entry file alone (no chunk, before dispatch)', () => {
    for (const flag of ['--version', '--help']) {
      const files = modulesLoadedBy([flag]).filter((url) => url.startsWith('file:'));
      expect(files.map((url) => path.basename(url))).toEqual(['sentinel.mjs']);
    }
  });

  it('hook pre-edit loads no heavy module and cannot spawn git (no child_process at all)', () => {
    const input = JSON.stringify({
      hook_event_name: 'PreToolUse',
      tool_name: 'Write',
      tool_input: { file_path: path.join(repo.dir, 'server/src/routes/health.ts') },
      cwd: repo.dir,
    });
    const { modules, stderr } = runLogged(['hook', 'pre-edit'], input, { SENTINEL_DEBUG: '1' });
    expect(modules.some((url) => url.endsWith('/sentinel.mjs'))).toBe(true);
    expect(heavyIn(modules)).toEqual([]);
    expect(modules).not.toContain('node:child_process');
    // Its one hash (the state's) is taken in JavaScript: node:crypto would load Node's streams.
    expect(modules).not.toContain('node:crypto');
    // The entry and one CommonJS file compiled from V8's code cache (src/cli/hot-bundle.ts); no
    // chunk and no package: the active capsule is found from its state, picomatch is bundled.
    expect(filesLoadedBy(modules)).toEqual(['sentinel.mjs']);
    expect(stderr).toContain('sentinel: hot/pre-edit.cjs, code cache used');
  });

  it('hook stop answered from the cache loads its chunk and the glob only (no gate)', () => {
    const keyDir = mkdtempSync(path.join(tmpdir(), 'sentinel-key-'));
    try {
      const input = JSON.stringify({ hook_event_name: 'Stop', cwd: repo.dir });
      const env = { SENTINEL_CACHE_KEY_DIR: keyDir };
      modulesLoadedBy(['hook', 'stop'], input, env);
      const files = filesLoadedBy(modulesLoadedBy(['hook', 'stop'], input, env));
      // `dist` and `glob`: tinyglobby's re-export file and chunk, for the configured log globs.
      expect(files).toEqual(['dist', 'glob', 'hot-pre-edit', 'hot-stop', 'rolldown-runtime', 'sentinel.mjs', 'stop']);
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  });

  it('status loads no heavy module', () => {
    const { modules, stderr } = runLogged(['status'], '', { SENTINEL_DEBUG: '1' });
    expect(heavyIn(modules)).toEqual([]);
    expect(stderr).toContain('sentinel: hot/status.cjs, code cache used');
  });

  it('capsule validate of one capsule loads no heavy module', () => {
    const { modules, stderr } = runLogged(['capsule', 'validate', '.specify/specs/example/capsule.md'], '', { SENTINEL_DEBUG: '1' });
    expect(heavyIn(modules)).toEqual([]);
    // Everything the operation's body imports lazily is inlined in its CommonJS file (tsdown.hot.config.ts).
    expect(filesLoadedBy(modules)).toEqual(['sentinel.mjs']);
    expect(stderr).toContain('sentinel: hot/capsule-validate.cjs, code cache used');
  });

  it('check without project commands loads neither zod (the CLI passes no schema) nor ajv (no log schema to compile)', () => {
    const keyDir = mkdtempSync(path.join(tmpdir(), 'sentinel-key-'));
    try {
      const modules = modulesLoadedBy(['check', '--skip', 'sentinels,commands,mcp'], '', { SENTINEL_CACHE_KEY_DIR: keyDir });
      const heavy = modules.filter((url) => /node_modules\/(zod|ajv|ajv-formats|@modelcontextprotocol)\//.test(url));
      expect(heavy).toEqual([]);
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  });

  it('contracts validate answered from its kept report loads no heavy module and runs no git', async () => {
    const keyDir = mkdtempSync(path.join(tmpdir(), 'sentinel-key-'));
    try {
      // git on the PATH logs each call, then runs the real one.
      const gitLog = path.join(keyDir, 'git-calls.log');
      const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
      writeFileSync(path.join(keyDir, 'git'), `#!/bin/sh\necho "$*" >> '${gitLog}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
      const env = { SENTINEL_CACHE_KEY_DIR: keyDir, PATH: `${keyDir}${path.delimiter}${process.env.PATH ?? ''}` };
      // A report is kept only once its fixtures' stats are past the racy window (workspace/racy.ts).
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      modulesLoadedBy(['contracts', 'validate'], '', env);
      expect(readFileSync(gitLog, 'utf8')).toContain('rev-parse');
      rmSync(gitLog);
      const warm = modulesLoadedBy(['contracts', 'validate'], '', env);
      expect(heavyIn(warm)).toEqual([]);
      expect(existsSync(gitLog)).toBe(false);
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  });

  it('the hot commands skip commander and the command tree (src/cli/hot.ts), other commands load it', () => {
    expect(modulesLoadedBy(['status', '--json']).filter((url) => COMMAND_TREE.test(url))).toEqual([]);
    expect(modulesLoadedBy(['capsule', 'list']).filter((url) => COMMAND_TREE.test(url))).toHaveLength(1);
  });

  it('the guard sees heavy modules where they are used (mcp loads the SDK)', () => {
    // `mcp --help` prints and exits; the MCP layer loads only when the server starts, so ask for the tool list.
    const modules = modulesLoadedBy(['capsule', 'validate', '.specify/specs/example/capsule.md', '--json']);
    expect(modules.length).toBeGreaterThan(5);
    const server = spawnSync(process.execPath, ['--import', HOOK, SENTINEL_BIN, 'mcp'], {
      cwd: repo.dir,
      input: `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`,
      encoding: 'utf8',
      env: { ...process.env, SENTINEL_MODULE_LOG: path.join(repo.dir, '.git', 'modules-mcp.log') },
      timeout: 30_000,
    });
    expect(server.stdout).toContain('"result"');
    expect(heavyIn(readFileSync(path.join(repo.dir, '.git', 'modules-mcp.log'), 'utf8').split('\n')).length).toBeGreaterThan(0);
  });
});
