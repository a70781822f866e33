/**
 * First contact: what a new user sees on three repositories as people have them, installed the way
 * they would install it, through `init`, `init --client all`, `check` before and after committing,
 * and on a feature branch ahead of its remote. No gate may fail on something the user did not opt
 * into; where the repository holds a real problem, exactly that problem is reported.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SENTINEL_BIN, git, writeFiles } from '../helpers/cli.js';
import { expressService, installedDependencies, monorepo, monorepoInstalled, pythonCli, pythonClutter } from './first-contact/repos.js';

interface Gate {
  gate: string;
  status: string;
  summary: string;
  diagnostics: { severity: string; code: string; path?: string }[];
  data: Record<string, any>;
}
interface Report {
  ok: boolean;
  gates: Gate[];
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  dirs.push(dir);
  return dir;
}

/** Run the CLI through a link named `sentinel`, as npx, node_modules/.bin and a global install do. */
function sentinel(bin: string, cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env: { ...process.env, NO_COLOR: '1', SENTINEL_CAPSULE: undefined }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A repository with its history, pushed to a remote, as a clone of it would be. */
function userRepo(files: Record<string, string>, tracked: string[] = ['.']): string {
  const dir = tempDir('first-contact-');
  writeFiles(dir, files);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '--', ...tracked);
  git(dir, 'commit', '-q', '-m', 'Initial commit');
  const remote = tempDir('first-contact-remote-');
  git(remote, 'init', '-q', '--bare', '-b', 'main');
  git(dir, 'remote', 'add', 'origin', remote);
  git(dir, 'push', '-q', '-u', 'origin', 'main');
  return dir;
}

/** `npm i -D sentinelkit`: the package's bin linked into node_modules/.bin. */
function installLocally(dir: string): string {
  const bin = path.join(dir, 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(SENTINEL_BIN, path.join(bin, 'sentinel'));
  return path.join(bin, 'sentinel');
}

/** `npm i -g sentinelkit`, the way a project without package.json gets it. */
function installGlobally(): string {
  const bin = path.join(tempDir('first-contact-prefix-'), 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(SENTINEL_BIN, path.join(bin, 'sentinel'));
  return path.join(bin, 'sentinel');
}

async function check(bin: string, dir: string, extra: string[] = ['--skip', 'mcp']): Promise<Report> {
  const result = await sentinel(bin, dir, ['--json', 'check', ...extra]);
  const report = JSON.parse(result.stdout) as Report;
  const failing = report.gates
    .filter((g) => g.status === 'fail')
    .map((g) => ({ gate: g.gate, summary: g.summary, errors: g.diagnostics.filter((d) => d.severity === 'error') }));
  return Object.assign(report, { code: result.code, failing });
}

const statusOf = (report: Report) => Object.fromEntries(report.gates.map((g) => [g.gate, g.status]));
const gateOf = (report: Report, name: string) => report.gates.find((g) => g.gate === name)!;

/** init, check, init --client all, check, commit, check: never a failure the user did not opt into. */
async function firstContact(bin: string, dir: string, commitPaths: string[] = ['-A']): Promise<{ init: string; reports: Report[] }> {
  const init = await sentinel(bin, dir, ['init']);
  expect(init.code, init.stderr).toBe(0);
  const reports: Report[] = [];
  const fresh = await check(bin, dir);
  expect((fresh as any).failing, 'after init').toEqual([]);
  reports.push(fresh);
  const clients = await sentinel(bin, dir, ['init', '--client', 'all']);
  expect(clients.code, clients.stderr).toBe(0);
  const withClients = await check(bin, dir);
  expect((withClients as any).failing, 'after init --client all').toEqual([]);
  reports.push(withClients);
  git(dir, 'add', ...(commitPaths[0] === '-A' ? ['-A'] : ['--', ...commitPaths]));
  git(dir, 'commit', '-q', '-m', 'Add Sentinel');
  const committed = await check(bin, dir);
  expect((committed as any).failing, 'after committing').toEqual([]);
  reports.push(committed);
  git(dir, 'push', '-q', 'origin', 'main');
  return { init: init.stdout, reports };
}

describe.concurrent('first contact on repositories people have', { timeout: 400_000 }, () => {
  it('an Express service with SQL migrations and tests: green, runbook pending, and an edited migration caught', async () => {
    const dir = userRepo({ ...expressService, ...installedDependencies });
    const bin = installLocally(dir);
    const { init, reports } = await firstContact(bin, dir);
    expect(init).toContain(
      'Runbook: the backender runbook ops/backend/runbook.md is configured, because this project runs a service (express in package.json dependencies)',
    );
    for (const report of reports) {
      expect(statusOf(report)).toMatchObject({ commands: 'ok', runbook: 'pending', secrets: 'ok', context: 'ok', provenance: 'ok', scope: 'skipped' });
      expect(gateOf(report, 'runbook').diagnostics.map((d) => [d.code, d.severity])).toEqual([['RUNBOOK_MISSING', 'info']]);
    }
    // A feature branch ahead of its remote, with an ordinary change: still green, mcp gate included.
    git(dir, 'checkout', '-q', '-b', 'feature/order-notes');
    writeFiles(dir, {
      'migrations/003_order_notes.sql': 'ALTER TABLE orders ADD COLUMN notes TEXT;\n',
      'src/validate.js': `${expressService['src/validate.js']!.trimEnd()}\n\nexport const MAX_NOTES = 500;\n`,
    });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Order notes');
    const feature = await check(bin, dir, []);
    expect((feature as any).failing).toEqual([]);
    expect(statusOf(feature)).toMatchObject({ mcp: 'ok', migrations: 'ok', provenance: 'ok' });
    // The true finding: a migration that already shipped is edited in place.
    writeFiles(dir, { 'migrations/001_create_orders.sql': expressService['migrations/001_create_orders.sql']!.replace('quantity INTEGER', 'quantity BIGINT') });
    const edited = await check(bin, dir, ['--only', 'migrations,secrets,context,tamper']);
    expect((edited as any).failing).toEqual([
      { gate: 'migrations', summary: expect.any(String), errors: [expect.objectContaining({ path: 'migrations/001_create_orders.sql' })] },
    ]);
  });

  it('a Python CLI package (global install, no service): green, runbook skipped with the command that turns it on', async () => {
    const dir = userRepo({ ...pythonCli, ...pythonClutter });
    const bin = installGlobally();
    const { init, reports } = await firstContact(bin, dir);
    expect(init).toContain('Runbook: none configured, because no service was found');
    for (const report of reports) {
      expect(statusOf(report)).toMatchObject({ runbook: 'skipped', secrets: 'ok', context: 'ok' });
      expect(gateOf(report, 'runbook').diagnostics[0]).toMatchObject({ code: 'RUNBOOK_NONE' });
      const measured = (gateOf(report, 'context').data.files as { path: string }[]).map((f) => f.path);
      expect(measured.filter((p) => /(^|\/)(\.venv|__pycache__)\//.test(p))).toEqual([]);
    }
    git(dir, 'checkout', '-q', '-b', 'feature/strip-bom');
    writeFiles(dir, {
      'src/csvtidy/tidy.py': pythonCli['src/csvtidy/tidy.py']!.replace(
        'rows = list(csv.reader(io.StringIO(text)))',
        'rows = list(csv.reader(io.StringIO(text.lstrip("\\ufeff"))))',
      ),
    });
    git(dir, 'commit', '-q', '-am', 'Strip a BOM');
    const feature = await check(bin, dir, []);
    expect((feature as any).failing).toEqual([]);
    expect(statusOf(feature)).toMatchObject({ mcp: 'ok', runbook: 'skipped' });
  });

  it('an npm workspace monorepo without a .gitignore: installed dependencies and coverage are never judged', async () => {
    const dir = userRepo({ ...monorepo, ...monorepoInstalled }, ['package.json', 'package-lock.json', 'README.md', 'packages']);
    const bin = installLocally(dir);
    const { init, reports } = await firstContact(bin, dir, [
      '.sentinel',
      '.specify',
      '.mcp.json',
      '.claude',
      '.codex',
      '.cursor',
      '.vscode',
      '.gemini',
      'AGENTS.md',
      'CLAUDE.md',
    ]);
    expect(init).toContain('packages/api/package.json scripts.start runs packages/api/src/index.js, which listens on a port');
    for (const report of reports) {
      expect(statusOf(report)).toMatchObject({ commands: 'ok', runbook: 'pending', secrets: 'ok', context: 'ok', tamper: 'ok' });
      const everything = JSON.stringify(report.gates.map((g) => [g.diagnostics, g.data]));
      expect(everything).not.toContain('node_modules/');
      expect(everything).not.toContain('coverage/');
    }
    git(dir, 'checkout', '-q', '-b', 'feature/format-cents');
    writeFiles(dir, { 'packages/money/src/index.js': `${monorepo['packages/money/src/index.js']}\nexport const ZERO = 0;\n` });
    git(dir, 'commit', '-q', '-am', 'Export ZERO');
    const feature = await check(bin, dir, []);
    expect((feature as any).failing).toEqual([]);
    expect(statusOf(feature)).toMatchObject({ mcp: 'ok', provenance: 'ok' });
  });
});
