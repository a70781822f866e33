// installGitHooks in-process on temporary git repositories: where the hook goes (core.hooksPath,
// husky, lefthook), --dry-run, a real commit through husky, and a folder that is not a git repo.
// The CLI wiring and git's own hook are covered by test/e2e/git-hooks.test.ts.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { installGitHooks } from '../../../src/core/init/git-hooks.js';
import { makeTempDir, makeTempRepo, SENTINEL_BIN, type TempRepo } from '../../helpers/cli.js';

const repos: { cleanup(): void }[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

function repo(files: Record<string, string> = { 'README.md': '# app\n' }): TempRepo {
  const r = makeTempRepo(files);
  repos.push(r);
  return r;
}

const read = (r: TempRepo, file: string) => readFileSync(path.join(r.dir, file), 'utf8');

describe('installGitHooks', () => {
  it('honours core.hooksPath and writes nothing with dryRun', async () => {
    const r = repo();
    r.git('config', 'core.hooksPath', '.githooks');
    const dry = await installGitHooks(r.dir, { dryRun: true });
    expect(dry).toEqual({ files: [{ path: '.githooks/commit-msg', via: 'git', action: 'would-create', note: 'core.hooksPath .githooks' }], diagnostics: [] });
    expect(() => statSync(path.join(r.dir, '.githooks/commit-msg'))).toThrow();
    expect((await installGitHooks(r.dir, { dryRun: false })).files[0]!.action).toBe('created');
    expect(read(r, '.githooks/commit-msg')).toContain('hook commit-msg "$1"');
    expect(statSync(path.join(r.dir, '.githooks/commit-msg')).mode & 0o111).not.toBe(0);
  });

  it('passes --root to the hook when the workspace is a sub-folder of the work tree', async () => {
    const r = repo({ 'services/orders/.sentinel/config.json': '{}\n' });
    const report = await installGitHooks(path.join(r.dir, 'services/orders'), { dryRun: false });
    expect(report.files).toEqual([{ path: '../../.git/hooks/commit-msg', via: 'git', action: 'created' }]);
    expect(read(r, '.git/hooks/commit-msg')).toContain('--root services/orders hook commit-msg "$1"');
  });

  it("appends to husky's commit-msg after the user's own line, and both run on a real commit", async () => {
    const r = repo({
      'README.md': '# app\n',
      '.gitignore': 'node_modules/\n',
      '.specify/specs/orders/capsule.md':
        '# Capsule orders@0123abcd\n\n## Goal\nOrders.\n\n## Required Outputs\n- `src/orders/`\n\n## Acceptance Criteria\n- `npm test` passes\n\n## Allowed Context\n- `src/`\n\n## Router Notes\n- Lead: backender\n',
    });
    r.write({
      'node_modules/.bin/sentinel': `#!/bin/sh\nexec "${process.execPath}" "${SENTINEL_BIN}" "$@"\n`,
      '.husky/commit-msg': 'echo "user hook ran" >> .git/user-hook.log\n',
    });
    chmodSync(path.join(r.dir, 'node_modules/.bin/sentinel'), 0o755);
    chmodSync(path.join(r.dir, '.husky/commit-msg'), 0o755);
    r.git('config', 'core.hooksPath', '.husky');
    const report = await installGitHooks(r.dir, { dryRun: false });
    expect(report.files).toEqual([{ path: '.husky/commit-msg', via: 'husky', action: 'updated', note: 'through husky' }]);
    expect(read(r, '.husky/commit-msg')).toBe('echo "user hook ran" >> .git/user-hook.log\nnpx --no -- sentinel hook commit-msg "$1" || true\n');

    r.write({ 'src/orders/a.ts': 'export const a = 1;\n' });
    r.git('add', 'src/orders/a.ts');
    execFileSync('git', ['commit', '-q', '-m', 'orders a'], {
      cwd: r.dir,
      env: { ...process.env, SENTINEL_CAPSULE: 'orders' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.git('log', '-1', '--format=%B')).toBe('orders a\n\nSentinel-Capsule: orders@0123abcd\n\n');
    expect(read(r, '.git/user-hook.log')).toBe('user hook ran\n');
    expect((await installGitHooks(r.dir, { dryRun: false })).files[0]!.action).toBe('unchanged');
  }, 120_000);

  it('prefers husky when core.hooksPath points at it, lefthook otherwise', async () => {
    const r = repo({ 'lefthook.yml': 'pre-commit:\n  commands: {}\n', '.husky/pre-commit': 'npm test\n' });
    expect((await installGitHooks(r.dir, { dryRun: true })).files[0]!.via).toBe('lefthook');
    r.git('config', 'core.hooksPath', '.husky/_');
    expect((await installGitHooks(r.dir, { dryRun: true })).files[0]).toEqual({
      path: '.husky/commit-msg',
      via: 'husky',
      action: 'would-create',
      note: 'through husky',
    });
  });

  it('adds a sentinel command to lefthook.yml, keeping its comments; a re-run changes nothing', async () => {
    const text = '# team hooks\ncommit-msg:\n  commands:\n    commitlint:\n      run: npx commitlint --edit {1} # conventional commits\n';
    const r = repo({ 'lefthook.yml': text });
    const report = await installGitHooks(r.dir, { dryRun: false });
    expect(report.files).toEqual([{ path: 'lefthook.yml', via: 'lefthook', action: 'updated', note: 'through lefthook' }]);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'INIT_HOOKS_LEFTHOOK_INSTALL', severity: 'info', fix: expect.stringContaining('lefthook install') }),
    ]);
    const updated = read(r, 'lefthook.yml');
    expect(updated).toContain('# team hooks');
    expect(updated).toContain('# conventional commits');
    expect(parse(updated)['commit-msg'].commands.sentinel).toEqual({ run: 'npx --no -- sentinel hook commit-msg {1} || true' });
    expect((await installGitHooks(r.dir, { dryRun: false })).files[0]!.action).toBe('unchanged');
    expect(read(r, 'lefthook.yml')).toBe(updated);
  });

  it('says there is no hook to install outside a git work tree', async () => {
    const dir = makeTempDir();
    repos.push(dir);
    const report = await installGitHooks(dir.dir, { dryRun: false });
    expect(report.files).toEqual([]);
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'INIT_HOOKS_NO_GIT', severity: 'error', fix: expect.stringContaining('git init') })]);
  });
});
