// `sentinel init --git-hooks` through the CLI on temporary git repositories: git's own hook, which a
// real commit runs to get its trailers, a re-run that changes nothing, and a user's hook left alone
// (exit 1). husky, lefthook, core.hooksPath and --dry-run: test/unit/init/git-hooks.test.ts.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, SENTINEL_BIN, type TempRepo } from '../helpers/cli.js';

const repos: { cleanup(): void }[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

function repo(files: Record<string, string> = { 'README.md': '# app\n' }): TempRepo {
  const r = makeTempRepo(files);
  repos.push(r);
  return r;
}

/** The workspace's own install of sentinel, as `npm i -D sentinelkit` leaves it: node_modules/.bin/sentinel. */
function installShim(r: TempRepo): void {
  r.write({
    'node_modules/.bin/sentinel': `#!/bin/sh\nexec "${process.execPath}" "${SENTINEL_BIN}" "$@"\n`,
    '.gitignore': 'node_modules/\n.sentinel/state/\n',
  });
  chmodSync(path.join(r.dir, 'node_modules/.bin/sentinel'), 0o755);
}

/** A real `git commit` (hooks run) while the init sample capsule is active. */
function commitAsCapsule(r: TempRepo, file: string, message: string): string {
  r.write({ [file]: `${message}\n` });
  r.git('add', file);
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: r.dir, env: { ...process.env, SENTINEL_CAPSULE: 'example' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return r.git('log', '-1', '--format=%B');
}

const read = (r: TempRepo, file: string) => readFileSync(path.join(r.dir, file), 'utf8');

describe('init --git-hooks', () => {
  it("installs git's commit-msg hook, which adds the trailers; a re-run changes nothing", async () => {
    const r = repo();
    installShim(r);
    const first = await runSentinel(['init', '--git-hooks', '--json'], { cwd: r.dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.json().gitHooks).toEqual([{ path: '.git/hooks/commit-msg', via: 'git', action: 'created' }]);
    expect(statSync(path.join(r.dir, '.git/hooks/commit-msg')).mode & 0o111).not.toBe(0);

    expect(commitAsCapsule(r, 'server/src/routes/health.ts', 'health route')).toMatch(/^health route\n\nSentinel-Capsule: example@027ded91\n/);

    const again = await runSentinel(['init', '--git-hooks'], { cwd: r.dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing changed');
    expect(again.stdout).not.toContain('commit-msg');
  });

  it("leaves a user's own commit-msg hook alone and says what to add (exit 1)", async () => {
    const r = repo();
    const mine = '#!/bin/sh\ngrep -q "JIRA-" "$1"\n';
    r.write({ '.git/hooks/commit-msg': mine });
    const result = await runSentinel(['init', '--git-hooks', '--json'], { cwd: r.dir });
    expect(result.code).toBe(1);
    const report = result.json();
    expect(report.gitHooks).toEqual([expect.objectContaining({ path: '.git/hooks/commit-msg', action: 'conflict' })]);
    const diagnostic = report.diagnostics.find((d: { code: string }) => d.code === 'INIT_HOOK_EXISTS');
    expect(diagnostic.message).toContain('sentinel hook commit-msg "$1"');
    expect(diagnostic.path).toBe('.git/hooks/commit-msg');
    expect(read(r, '.git/hooks/commit-msg')).toBe(mine);
  });
});
