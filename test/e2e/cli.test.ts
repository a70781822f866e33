import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempRepo, REPO_ROOT, runSentinel } from '../helpers/cli.js';

const repo = makeTempRepo({ 'README.md': '# x\n' });
afterAll(() => repo.cleanup());
const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the sentinel binary', () => {
  it('prints the package version for --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await runSentinel([flag], { cwd: repo.dir });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
    }
  });

  it('prints the baked top-level help, identical to what commander renders', async () => {
    const baked = await runSentinel(['--help'], { cwd: repo.dir, env: { COLUMNS: '100' } });
    const live = await runSentinel(['--help'], { cwd: repo.dir, env: { SENTINEL_NO_BAKED_HELP: '1', COLUMNS: '100' } });
    expect(baked.code).toBe(0);
    expect(baked.stdout).toMatch(/^Usage: sentinel /);
    for (const command of ['init', 'check', 'route', 'decide', 'mcp']) expect(baked.stdout).toContain(`  ${command}`);
    expect(baked.stdout).toBe(live.stdout);
  });

  it('rejects an unknown command with a suggestion and exit 2', async () => {
    const result = await runSentinel(['chek'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'chek'");
    expect(result.stderr).toContain('Did you mean check?');
  });

  it('rejects an unknown option with exit 2', async () => {
    const result = await runSentinel(['scope', '--bogus'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });

  it('never colours output when NO_COLOR is set or stdout is not a TTY', async () => {
    const result = await runSentinel(['scope', '--base', 'nope'], { cwd: repo.dir, env: { FORCE_COLOR: undefined } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nope');
    expect(result.stderr + result.stdout).not.toMatch(/\u001b\[/);
  });
  it('prints errors as JSON on stdout with --json, and exits 2 for a bad --root config', async () => {
    repo.write({ '.sentinel/config.json': '{ "version": 1, "nonsense": true }\n' });
    const result = await runSentinel(['capsule', 'list', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    const body = result.json<{ ok: boolean; error: { code: string; path: string; fix: string } }>();
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('CONFIG_INVALID');
    expect(body.error.path).toBe('.sentinel/config.json');
    expect(body.error.fix).toBeTruthy();
  });
});
