import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const repos: TempRepo[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup();
});
function repo(files: Record<string, string>): TempRepo {
  const r = makeTempRepo(files);
  repos.push(r);
  return r;
}

/** Every file under dir (except .git) with its content, to prove a run changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(child);
      else out[child] = readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return out;
}

const NODE_PROJECT = {
  'package.json': JSON.stringify({ name: 'app', scripts: { lint: 'eslint .', typecheck: 'tsc --noEmit', build: 'tsc', test: 'vitest run' } }),
  'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
};

/** One Node project initialised once per file; tests that start from an initialised repo work on a copy. */
let initialised: TempRepo;
beforeAll(async () => {
  initialised = makeTempRepo(NODE_PROJECT);
  expect((await runSentinel(['init'], { cwd: initialised.dir })).code).toBe(0);
}, 120_000);
afterAll(() => initialised?.cleanup());

function initialisedCopy(): { dir: string } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-init-copy-')));
  cpSync(initialised.dir, dir, { recursive: true });
  repos.push({ dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) } as TempRepo);
  return { dir };
}

describe('sentinel init', () => {
  it('scaffolds a polyglot repo and proposes commands from package.json, pyproject and go.mod', async () => {
    const r = repo({
      ...NODE_PROJECT,
      'pyproject.toml': '[project]\nname = "svc"\n[tool.ruff]\n[tool.pytest.ini_options]\n',
      'go.mod': 'module example.com/svc\n\ngo 1.22\n',
    });
    const res = await runInProcess(['init', '--json'], { cwd: r.dir });
    expect(res.code, res.stderr).toBe(0);
    const report = res.json();
    expect(report.ok).toBe(true);
    expect(report.summary.created).toBe(report.files.length);
    const paths = report.files.map((f: { path: string }) => f.path);
    for (const expected of [
      '.sentinel/config.json',
      '.sentinel/agents/backender/PLAYBOOK.md',
      '.sentinel/agents/verifier/agent.json',
      '.sentinel/context/limits/context-limits.json',
      '.sentinel/contracts/example.v1.json',
      '.sentinel/contracts/fixtures/example.v1/good/healthy.json',
      '.sentinel/contracts/fixtures/example.v1/bad/missing-status.json',
      '.sentinel/DECISIONS.md',
      '.sentinel/templates/runbook.backender.md',
      '.sentinel/tests/sentinels/README.md',
      '.specify/specs/example/capsule.md',
    ]) {
      expect(paths).toContain(expected);
      expect(existsSync(path.join(r.dir, expected)), expected).toBe(true);
    }
    expect(paths.filter((p: string) => p.startsWith('.sentinel/agents/')).length).toBe(42);
    expect(existsSync(path.join(r.dir, 'ops/backend/runbook.md'))).toBe(false);
    const config = JSON.parse(readFileSync(path.join(r.dir, '.sentinel/config.json'), 'utf8'));
    expect(config.gates.commands).toEqual({
      lint: 'pnpm run lint',
      typecheck: 'pnpm run typecheck',
      build: 'pnpm run build',
      test: 'pnpm run test',
      'lint:py': 'ruff check .',
      'test:py': 'pytest',
      'lint:go': 'go vet ./...',
      'build:go': 'go build ./...',
      'test:go': 'go test ./...',
    });
    expect(readFileSync(path.join(r.dir, '.sentinel/DECISIONS.md'), 'utf8')).toMatch(/## NEXT_ID\nD-0001/);
    // The scaffold is a valid workspace: config loads, the roster checks clean.
    expect((await runInProcess(['config', '--json'], { cwd: r.dir })).code).toBe(0);
    const agents = await runInProcess(['agents', 'check', '--json'], { cwd: r.dir });
    expect(agents.json()).toMatchObject({ ok: true, agents: 14, diagnostics: [] });
  });

  it('proposes ruff/mypy/pytest for Python and go commands for Go', async () => {
    const py = repo({ 'pyproject.toml': '[project]\nname = "x"\n[dependency-groups]\ndev = ["pytest", "mypy", "ruff"]\n', 'uv.lock': '' });
    const pyPlan = (await runInProcess(['init', '--dry-run', '--json'], { cwd: py.dir })).json();
    expect(pyPlan.project.commands.map((c: { run: string }) => c.run)).toEqual(['uv run ruff check .', 'uv run mypy .', 'uv run pytest']);
    const go = repo({ 'go.mod': 'module x\n', Makefile: 'test:\n\tgo test -race ./...\n' });
    const goPlan = (await runInProcess(['init', '--dry-run', '--json'], { cwd: go.dir })).json();
    expect(goPlan.project.commands.map((c: { name: string; run: string }) => `${c.name}=${c.run}`)).toEqual([
      'lint=go vet ./...',
      'build=go build ./...',
      'test=make test',
    ]);
  });

  it('changes nothing on a second run and says so', async () => {
    const r = initialisedCopy();
    const before = snapshot(r.dir);
    const again = await runInProcess(['init'], { cwd: r.dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing changed: \d+ files already up to date\./);
    expect(snapshot(r.dir)).toEqual(before);
    const json = (await runInProcess(['init', '--json'], { cwd: r.dir })).json();
    expect(new Set(json.files.map((f: { action: string }) => f.action))).toEqual(new Set(['unchanged']));
  });

  it('keeps and reports a locally edited asset', async () => {
    const r = initialisedCopy();
    const role = path.join(r.dir, '.sentinel/agents/scribe/ROLE.md');
    writeFileSync(role, '# Scribe - ROLE\n\nOur own charter.\n');
    const config = path.join(r.dir, '.sentinel/config.json');
    writeFileSync(config, JSON.stringify({ version: 1, gates: { commands: { test: 'make check' } } }, null, 2));
    const res = await runInProcess(['init'], { cwd: r.dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/kept\s+\.sentinel\/agents\/scribe\/ROLE\.md/);
    expect(res.stdout).toMatch(/kept\s+\.sentinel\/config\.json/);
    expect(res.stdout).toContain('--force');
    expect(readFileSync(role, 'utf8')).toBe('# Scribe - ROLE\n\nOur own charter.\n');
    expect(JSON.parse(readFileSync(config, 'utf8')).gates.commands.test).toBe('make check');
    expect(existsSync(`${role}.bak`)).toBe(false);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const r = repo(NODE_PROJECT);
    const before = snapshot(r.dir);
    const res = await runInProcess(['init', '--dry-run'], { cwd: r.dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('--dry-run (nothing written)');
    expect(res.stdout).toMatch(/would create\s+\.sentinel\/agents\/backender\/PLAYBOOK\.md/);
    expect(res.stdout).toContain('lint       pnpm run lint');
    expect(snapshot(r.dir)).toEqual(before);
    expect(existsSync(path.join(r.dir, '.sentinel'))).toBe(false);
    const json = (await runInProcess(['init', '--dry-run', '--json'], { cwd: r.dir })).json();
    expect(new Set(json.files.map((f: { action: string }) => f.action))).toEqual(new Set(['would-create']));
  });

  it('--force replaces only changed files, after a .bak copy', async () => {
    const r = initialisedCopy();
    const playbook = path.join(r.dir, '.sentinel/agents/backender/PLAYBOOK.md');
    const shipped = readFileSync(playbook, 'utf8');
    writeFileSync(playbook, 'edited by hand\n');
    const untouched = path.join(r.dir, '.sentinel/agents/router/ROLE.md');
    const mtime = statSync(untouched).mtimeMs;

    const dry = (await runInProcess(['init', '--force', '--dry-run', '--json'], { cwd: r.dir })).json();
    expect(dry.files.filter((f: { action: string }) => f.action !== 'unchanged')).toEqual([
      {
        path: '.sentinel/agents/backender/PLAYBOOK.md',
        source: 'assets/agents/backender/PLAYBOOK.md',
        action: 'would-replace',
        backup: '.sentinel/agents/backender/PLAYBOOK.md.bak',
      },
    ]);
    expect(readFileSync(playbook, 'utf8')).toBe('edited by hand\n');

    const res = await runInProcess(['init', '--force'], { cwd: r.dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/replaced\s+\.sentinel\/agents\/backender\/PLAYBOOK\.md \(backup: \.sentinel\/agents\/backender\/PLAYBOOK\.md\.bak\)/);
    expect(readFileSync(playbook, 'utf8')).toBe(shipped);
    expect(readFileSync(`${playbook}.bak`, 'utf8')).toBe('edited by hand\n');
    expect(statSync(untouched).mtimeMs).toBe(mtime);

    writeFileSync(playbook, 'edited again\n');
    await runInProcess(['init', '--force'], { cwd: r.dir });
    expect(readFileSync(`${playbook}.bak`, 'utf8')).toBe('edited by hand\n');
    expect(readFileSync(`${playbook}.bak.1`, 'utf8')).toBe('edited again\n');
  });

  it('installs into the folders an existing config names', async () => {
    const r = repo({ '.sentinel/config.json': JSON.stringify({ version: 1, agentsDir: 'roles', ledger: 'docs/DECISIONS.md' }) });
    const res = await runInProcess(['init', '--json'], { cwd: r.dir });
    expect(res.code, res.stdout).toBe(0);
    expect(existsSync(path.join(r.dir, 'roles/backender/agent.json'))).toBe(true);
    expect(existsSync(path.join(r.dir, 'docs/DECISIONS.md'))).toBe(true);
    expect(res.json().files.find((f: { path: string }) => f.path === '.sentinel/config.json').action).toBe('kept-modified');
  });

  it('refuses config paths that leave the workspace', async () => {
    const r = repo({ '.sentinel/config.json': JSON.stringify({ version: 1, ledger: '../outside/DECISIONS.md' }) });
    const res = await runInProcess(['init', '--json'], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.json().error).toMatchObject({ code: 'CONFIG_PATH_OUTSIDE_ROOT', path: '.sentinel/config.json' });
    expect(existsSync(path.join(r.dir, '../outside/DECISIONS.md'))).toBe(false);
  });

  it('refuses config paths that lead out through a symlinked folder', async () => {
    const outside = makeTempDir();
    const r = repo({ '.sentinel/config.json': JSON.stringify({ version: 1, ledger: 'out/DECISIONS.md' }) });
    symlinkSync(outside.dir, path.join(r.dir, 'out'));
    const res = await runInProcess(['init', '--json'], { cwd: r.dir });
    outside.cleanup();
    expect(res.code).toBe(1);
    expect(res.json().diagnostics).toMatchObject([{ code: 'INIT_PATH_OUTSIDE_ROOT', fix: expect.stringContaining('inside the workspace') }]);
  });

  it('rejects an unknown --client before writing anything', async () => {
    const r = repo(NODE_PROJECT);
    const res = await runInProcess(['init', '--client', 'claude,notepad'], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Unknown MCP client "notepad"');
    expect(res.stderr).toContain('fix: Pass --client with one or more of claude, codex, cursor, vscode, gemini, all');
    expect(existsSync(path.join(r.dir, '.sentinel'))).toBe(false);
  });

  it('stops with exit 2 on an invalid existing config', async () => {
    const r = repo({ '.sentinel/config.json': '{ "version": 1, }' });
    const res = await runInProcess(['init'], { cwd: r.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('.sentinel/config.json:1');
  });
});
