import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SentinelError } from '../../src/core/errors.js';
import { parseConfig } from '../../src/core/workspace/config.js';
import { makeTempDir, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

/** The one path guard (issue 10, issue 11 item 8): no read or write leaves the workspace. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function repo(files: Record<string, string> = {}): TempRepo {
  const r = makeTempRepo({ 'README.md': '# Demo\n', ...files });
  cleanups.push(() => r.cleanup());
  return r;
}
function outsideDir(): string {
  const d = makeTempDir({ 'keep.txt': 'k\n' });
  cleanups.push(() => d.cleanup());
  return d.dir;
}

describe('writes under a symlinked folder that points outside', () => {
  it('runbook set refuses a new file there (it wrote outside and exited 0)', async () => {
    const r = repo();
    const outside = outsideDir();
    symlinkSync(outside, path.join(r.dir, 'ops'));
    const result = await runSentinel(['runbook', 'set', '--json', '--file', 'ops/runbook.md', '--section', 'Startup', '--text', 'npm start'], { cwd: r.dir });
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.json().error.code).toBe('PATH_OUTSIDE_ROOT');
    expect(existsSync(path.join(outside, 'runbook.md'))).toBe(false);
  });

  it('capsule new --dir refuses a folder there', async () => {
    const r = repo();
    const outside = outsideDir();
    symlinkSync(outside, path.join(r.dir, 'specs'));
    const result = await runInProcess(['capsule', 'new', 'leak', '--goal', 'Write outside.', '--dir', 'specs/leak'], { cwd: r.dir });
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(existsSync(path.join(outside, 'leak'))).toBe(false);
  });
});

describe('config paths that leave the workspace are refused', () => {
  const cases = [
    ['ledger', '"../DECISIONS.md"', 'ledger'],
    ['stateDir', '"../../tmp/state"', 'stateDir'],
    ['capsules', '{ "globs": ["specs/*.md", "../other/*/capsule.md"] }', 'capsules.globs.1'],
    ['routerLogDir', '"/tmp/router"', 'routerLogDir'],
  ] as const;
  // The refusal is the config parser's: each key in-process; one spawn proves the CLI's exit 2 and JSON error.
  for (const [key, value, pointer] of cases) {
    it(`${pointer} = ${value}`, () => {
      let thrown: SentinelError | undefined;
      try {
        parseConfig(`{\n  "${key}": ${value}\n}\n`);
      } catch (err) {
        thrown = err as SentinelError;
      }
      expect(thrown).toMatchObject({ kind: 'config', code: 'CONFIG_PATH_OUTSIDE_ROOT', path: '.sentinel/config.json', line: 2 });
      expect(thrown!.message).toContain(`.sentinel/config.json:2: ${pointer} is`);
    });
  }

  it('contractsDir = "contracts\\u0000x" (a NUL byte, refused in any string)', () => {
    expect(() => parseConfig('{\n  "contractsDir": "contracts\\u0000x"\n}\n')).toThrow(
      expect.objectContaining({ kind: 'config', code: 'CONFIG_NUL_BYTE', path: '.sentinel/config.json', line: 2 }),
    );
    expect(() => parseConfig('{\n  "contractsDir": "contracts\\u0000x"\n}\n')).toThrow('.sentinel/config.json:2: contractsDir contains a NUL byte');
  });

  it('a NUL byte in a key (a service env name, a command name) is refused like one in a value', () => {
    const cases = [
      ['{\n  "service": {\n    "env": { "A\\u0000B": "1" }\n  }\n}\n', 3, 'service.env.A\\u0000B'],
      ['{\n  "gates": {\n    "commands": { "li\\u0000nt": "npm run lint" }\n  }\n}\n', 3, 'gates.commands.li\\u0000nt'],
    ] as const;
    for (const [text, line, key] of cases) {
      expect(() => parseConfig(text)).toThrow(expect.objectContaining({ kind: 'config', code: 'CONFIG_NUL_BYTE', line }));
      expect(() => parseConfig(text)).toThrow(`.sentinel/config.json:${line}: ${key} contains a NUL byte`);
    }
  });

  it('a key holding "/" or "~" is one pointer segment (RFC 6901): the right line, the key as written', () => {
    const text =
      '{\n  "gates": {\n    "commands": {\n      "lint": "npm run lint",\n      "fast": "x",\n      "lint/fast": { "run": "x", "cwd": "../up" },\n      "a~b": { "run": "x", "cwd": "/abs" }\n    }\n  }\n}\n';
    let thrown: SentinelError | undefined;
    try {
      parseConfig(text);
    } catch (err) {
      thrown = err as SentinelError;
    }
    expect(thrown).toMatchObject({ code: 'CONFIG_PATH_OUTSIDE_ROOT', line: 6 });
    expect(thrown!.message).toContain('.sentinel/config.json:6: gates.commands.lint/fast.cwd is "../up"');
    const unknown = '{\n  "version": 1,\n  "logs": {\n    "files": [],\n    "x/~y": 1\n  }\n}\n';
    expect(() => parseConfig(unknown)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', line: 5 }));
  });

  it('the CLI exits 2 with the error as JSON', async () => {
    const r = repo({ '.sentinel/config.json': '{\n  "ledger": "../DECISIONS.md"\n}\n' });
    const result = await runInProcess(['status', '--json'], { cwd: r.dir });
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.json().error).toMatchObject({ code: 'CONFIG_PATH_OUTSIDE_ROOT', path: '.sentinel/config.json', line: 2 });
    expect(result.json().error.message).toContain('.sentinel/config.json:2: ledger is');
  });
});

describe('a custom stateDir', () => {
  it("keeps capsule done's evidence in scope (the next scope run flagged it)", async () => {
    const r = repo();
    expect((await runInProcess(['init'], { cwd: r.dir })).code).toBe(0);
    const configFile = path.join(r.dir, '.sentinel/config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.stateDir = 'var/sentinel/state';
    config.gates.commands = {};
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    r.commit('custom stateDir');
    const created = await runInProcess(
      [
        'capsule',
        'new',
        'notes',
        '--goal',
        'Write the notes.',
        '--output',
        'NOTES.md',
        '--accept',
        '`NOTES.md` lists the notes',
        '--context',
        'README.md',
        '--lead',
        'scribe',
      ],
      { cwd: r.dir },
    );
    expect(created.code, created.stderr).toBe(0);
    r.commit('capsule');
    expect((await runInProcess(['route', 'notes'], { cwd: r.dir })).code).toBe(0);
    expect((await runInProcess(['capsule', 'phase', 'notes', 'verify'], { cwd: r.dir })).code).toBe(0);
    writeFileSync(path.join(r.dir, 'NOTES.md'), '# Notes\n');
    await runInProcess(['capsule', 'done', 'notes'], { cwd: r.dir, timeoutMs: 120_000 });
    expect(existsSync(path.join(r.dir, 'var/sentinel/evidence/notes'))).toBe(true);
    const scope = await runInProcess(['scope', '--capsule', 'notes', '--json'], { cwd: r.dir });
    const flagged = scope.json().diagnostics.map((d: { path?: string }) => d.path);
    expect(flagged.filter((p: string | undefined) => p?.includes('evidence'))).toEqual([]);
    expect(scope.code, scope.stdout).toBe(0);
  }, 120_000);
});
