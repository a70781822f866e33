import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

// Built from pieces so this test file never holds a whole token.
const GITHUB = 'gh' + 'p_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const STRIPE = 'sk' + '_live_' + '4eC39HqLyjWDarjtT1zdp7dc';

describe('sentinel secrets scan', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it('scans files changed since base by default, masking the secret in text and JSON', async () => {
    repo = makeTempRepo({ 'src/old.ts': `export const committed = "${STRIPE}";\n` });
    repo.write({ 'src/new.ts': `// config\nexport const token = "${GITHUB}";\n` });
    const text = await runSentinel(['secrets', 'scan'], { cwd: repo.dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('src/new.ts:2:23  error  SECRET_GITHUB_TOKEN');
    expect(text.stdout).toContain(`********${GITHUB.slice(-4)}`);
    expect(text.stdout).not.toContain(GITHUB);
    expect(text.stdout).not.toContain('src/old.ts');
    const json = await runInProcess(['secrets', 'scan', '--json'], { cwd: repo.dir });
    expect(json.stdout).not.toContain(GITHUB);
    const doc = json.json();
    expect(doc).toMatchObject({ ok: false, status: 'fail', data: { findings: [{ rule: 'github-token', path: 'src/new.ts', line: 2, column: 23 }] } });
    expect(doc.data.findings[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('passes a clean change and honours --base', async () => {
    repo = makeTempRepo({ 'src/a.ts': `export const k = "${STRIPE}";\n` });
    repo.write({ 'src/b.ts': 'export const password = process.env.DB_PASSWORD;\nconst fallback = "changeme";\n' });
    const clean = await runInProcess(['secrets', 'scan', '--json'], { cwd: repo.dir });
    expect(clean.code).toBe(0);
    expect(clean.json()).toMatchObject({ ok: true, status: 'ok', data: { scanned: 1 } });
    repo.commit('b');
    const sinceRoot = await runInProcess(['secrets', 'scan', '--base', 'HEAD~1', '--json'], { cwd: repo.dir });
    expect(sinceRoot.json().data.scanned).toBe(1);
    const bad = await runInProcess(['secrets', 'scan', '--base', 'nope'], { cwd: repo.dir });
    expect(bad.code).toBe(2);
  });

  it('scans explicit paths and folders, skipping binaries and excluded globs', async () => {
    repo = makeTempRepo({
      'config/prod.env': `STRIPE_SECRET_KEY=${STRIPE}\n`,
      // A real PNG header (magic, IHDR) is skipped whatever follows; one stray NUL in text is not.
      'config/logo.png': Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
        Buffer.from(GITHUB),
      ]),
      'config/notes.txt': `\u0000PNG token: ${GITHUB}\n`,
      'node_modules/x/index.js': `"${GITHUB}"`,
      'dist/bundle.js': `"${GITHUB}"`,
    });
    const result = await runInProcess(['secrets', 'scan', 'config', 'dist', '--json'], { cwd: repo.dir });
    const doc = result.json();
    expect(doc.data.findings.map((f: { path: string; rule: string }) => [f.path, f.rule])).toEqual([
      ['config/notes.txt', 'github-token'],
      ['config/prod.env', 'stripe-key'],
    ]);
    expect(doc.data.skipped).toEqual([
      { path: 'config/logo.png', reason: 'binary' },
      { path: 'dist/bundle.js', reason: 'excluded' },
    ]);
    expect(result.stdout).not.toContain(STRIPE);
    const missing = await runInProcess(['secrets', 'scan', 'nope.txt'], { cwd: repo.dir });
    expect(missing.code).toBe(2);
  });

  it('lets an allowlist entry with the printed fingerprint silence a finding', async () => {
    repo = makeTempRepo({ 'README.md': '# x\n' });
    repo.write({ 'test/fixture.ts': `export const fake = "${GITHUB}";\n` });
    const first = await runInProcess(['secrets', 'scan', 'test', '--json'], { cwd: repo.dir });
    const fingerprint = first.json().data.findings[0].fingerprint as string;
    // In `check`: a key in a fixture is a warning whose fix is the allowlist entry; the gate passes,
    // says which files it scanned, and does not claim "no secrets".
    const gate = await runInProcess(['check', '--only', 'secrets', '--json'], { cwd: repo.dir });
    expect(gate.code).toBe(0);
    const secrets = gate.json().gates.find((g: { gate: string }) => g.gate === 'secrets');
    expect(secrets.status).toBe('ok');
    expect(secrets.summary).toMatch(/^1 key\(s\) in test code or fixtures .* in 1 file\(s\) \(files changed since [0-9a-f]{12}\)$/);
    expect(secrets.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'SECRET_GITHUB_TOKEN',
        path: 'test/fixture.ts',
        fix: expect.stringContaining(`"fingerprint": "${fingerprint}"`),
      }),
    ]);
    expect(gate.stdout).not.toContain(GITHUB);
    repo.write({ '.sentinel/secrets-allowlist.json': JSON.stringify({ allow: [{ fingerprint, reason: 'revoked token kept as a fixture' }] }) });
    const second = await runInProcess(['secrets', 'scan', 'test', '--json'], { cwd: repo.dir });
    expect(second.code).toBe(0);
    expect(second.json().data.allowed).toEqual([expect.objectContaining({ path: 'test/fixture.ts', reason: 'revoked token kept as a fixture' })]);
    repo.write({ '.sentinel/secrets-allowlist.json': JSON.stringify({ allow: [{ fingerprint }] }) });
    const invalid = await runInProcess(['secrets', 'scan', 'test', '--json'], { cwd: repo.dir });
    expect(invalid.code).toBe(1);
    expect(invalid.json().diagnostics.map((d: { code: string }) => d.code)).toContain('SECRETS_ALLOWLIST_INVALID');
  });

  it('scans the whole folder outside git', async () => {
    const dir = makeTempDir({ 'app/settings.py': `API_KEY = "${'q8Zr2Lw7' + 'Xn4Vb1Km9Tp3'}"\n` });
    try {
      const result = await runInProcess(['secrets', 'scan', '--json'], { cwd: dir.dir });
      expect(result.json().data.findings).toEqual([expect.objectContaining({ rule: 'generic-secret-assignment', path: 'app/settings.py' })]);
    } finally {
      dir.cleanup();
    }
  });

  it('the secrets gate in `sentinel check` scans changed files and log files, masked in JSON, SARIF, JUnit and Markdown', async () => {
    repo = makeTempRepo({ 'README.md': '# x\n' });
    repo.write({ 'src/new.ts': `export const t = "${GITHUB}";\n`, 'logs/app.jsonl': `{"msg": "charge", "key": "${STRIPE}"}\n` });
    const result = await runInProcess(['check', '--only', 'secrets', '--json', '--sarif', 'out/r.sarif', '--junit', 'out/r.xml', '--markdown', 'out/r.md'], {
      cwd: repo.dir,
    });
    expect(result.code).toBe(1);
    const outputs = [result.stdout, result.stderr, ...['r.sarif', 'r.xml', 'r.md'].map((f) => readFileSync(path.join(repo!.dir, 'out', f), 'utf8'))];
    for (const output of outputs) {
      expect(output).not.toContain(GITHUB);
      expect(output).not.toContain(STRIPE);
      expect(output).not.toContain(GITHUB.slice(0, -4));
    }
    expect(result.stdout).toContain('SECRET_GITHUB_TOKEN');
    expect(result.stdout).toContain('SECRET_STRIPE_KEY');
    expect(outputs[2]).toContain(`********${GITHUB.slice(-4)}`);
  });
});
