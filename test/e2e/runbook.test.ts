import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first `runbook set`, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const RUNBOOK = 'ops/backend/runbook.md';
const SECTIONS = ['Startup', 'Environment variables', 'Migrations', 'Common queries', 'Risks'];

function completeRunbook(vars: string[], eol = '\n'): string {
  const parts = ['# Backend runbook', ''];
  for (const section of SECTIONS) {
    parts.push(`## ${section}`, '');
    if (section === 'Environment variables') {
      parts.push('| Variable | Required | Default | Description |', '| --- | --- | --- | --- |', ...vars.map((v) => `| ${v} | yes | | used |`));
    } else parts.push(`${section} notes`);
    parts.push('');
  }
  return parts.join(eol);
}

describe('sentinel runbook', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());
  const read = (file = RUNBOOK) => readFileSync(path.join(repo!.dir, file), 'utf8');

  it('creates a missing runbook from the built-in backender template, then set is idempotent', async () => {
    repo = makeTempRepo({ 'src/app.ts': 'export const port = process.env.PORT;\n' });
    const first = await runSentinel(['runbook', 'set', '--file', RUNBOOK, '--section', 'Startup', '--text', 'npm start'], { cwd: repo.dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created from builtin:runbook.backender.md');
    const created = read();
    for (const section of SECTIONS) expect(created).toContain(`## ${section}`);
    expect(created).toContain('| Variable | Required | Default | Description |');
    expect(created).toMatch(/## Startup\n\nnpm start\n\n## Environment variables/);
    const again = await runInProcess(['runbook', 'set', '--file', RUNBOOK, '--section', 'startup', '--text', 'npm start', '--json'], { cwd: repo.dir });
    expect(again.json()).toMatchObject({ ok: true, changed: false, created: false });
    expect(read()).toBe(created);
  });

  it('prefers the workspace template in .sentinel/templates', async () => {
    repo = makeTempRepo({ '.sentinel/templates/runbook.backender.md': '# Ours\n\n## Startup\n\n## Extra\n\nkeep\n' });
    const result = await runInProcess(['runbook', 'append', '--file', RUNBOOK, '--section', 'Startup', '--text', 'make run', '--json'], { cwd: repo.dir });
    expect(result.json()).toMatchObject({ ok: true, created: true, template: '.sentinel/templates/runbook.backender.md' });
    expect(read()).toBe('# Ours\n\n## Startup\n\nmake run\n\n## Extra\n\nkeep\n');
  });

  it('edits one section of a CRLF file and keeps every other byte', async () => {
    const original = completeRunbook(['PORT'], '\r\n') + 'trailing note\r\n\r\n';
    repo = makeTempRepo({ [RUNBOOK]: original });
    const result = await runInProcess(
      ['runbook', 'set', '--file', RUNBOOK, '--section', 'Migrations', '--text', 'apply: npm run migrate\nrollback: new migration'],
      { cwd: repo.dir },
    );
    expect(result.code).toBe(0);
    const expected = original.replace(
      '## Migrations\r\n\r\nMigrations notes\r\n',
      '## Migrations\r\n\r\napply: npm run migrate\r\nrollback: new migration\r\n',
    );
    expect(read()).toBe(expected);
    const append = await runInProcess(['runbook', 'append', '--file', RUNBOOK, '--section', 'Environment variables', '--text', '| DB_URL | yes | | db |'], {
      cwd: repo.dir,
    });
    expect(append.code).toBe(0);
    expect(read()).toBe(expected.replace('| PORT | yes | | used |\r\n', '| PORT | yes | | used |\r\n| DB_URL | yes | | db |\r\n'));
    const appendAgain = await runInProcess(
      ['runbook', 'append', '--file', RUNBOOK, '--section', 'Environment variables', '--text', '| DB_URL | yes | | db |'],
      {
        cwd: repo.dir,
      },
    );
    expect(appendAgain.stdout).toContain('No change');
  });

  it('reads --from-file and adds a missing section at the end', async () => {
    repo = makeTempRepo({ [RUNBOOK]: '# R\n\n## Startup\n\nrun\n', 'notes/risks.md': 'disk can fill\n' });
    const result = await runInProcess(['runbook', 'set', '--file', RUNBOOK, '--section', 'Risks', '--from-file', 'notes/risks.md'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(read()).toBe('# R\n\n## Startup\n\nrun\n\n## Risks\n\ndisk can fill\n');
  });

  it('rejects paths outside the root and a missing or doubled content flag (exit 2)', async () => {
    repo = makeTempRepo({ 'a.txt': 'x' });
    const outside = await runInProcess(['runbook', 'set', '--file', '../evil.md', '--section', 'A', '--text', 'x'], { cwd: repo.dir });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('escapes the workspace root');
    const none = await runInProcess(['runbook', 'set', '--file', RUNBOOK, '--section', 'A', '--json'], { cwd: repo.dir });
    expect(none.code).toBe(2);
    expect(none.json()).toMatchObject({ ok: false, error: { code: 'RUNBOOK_CONTENT_REQUIRED' } });
    const heading = await runInProcess(['runbook', 'set', '--file', RUNBOOK, '--section', 'A', '--text', '## B'], { cwd: repo.dir });
    expect(heading.code).toBe(2);
  });

  it('check passes when sections are filled and every variable read is documented', async () => {
    repo = makeTempRepo({
      [RUNBOOK]: completeRunbook(['PORT', 'DATABASE_URL', 'API_BASE', 'WORKER_TOKEN']),
      'src/server.ts': 'const { PORT, DATABASE_URL } = process.env;\n',
      'src/client.py': 'import os\nbase = os.environ.get("API_BASE")\n',
      'src/worker.go': 'package main\nimport "os"\nvar t = os.Getenv("WORKER_TOKEN")\n',
    });
    const result = await runInProcess(['runbook', 'check', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const json = result.json();
    expect(json).toMatchObject({ ok: true, status: 'ok', diagnostics: [] });
    expect(json.data.runbooks[0].envVarsRead).toEqual(['API_BASE', 'DATABASE_URL', 'PORT', 'WORKER_TOKEN']);
  });

  it('check fails on an undocumented variable at the reading line and warns on unused rows', async () => {
    repo = makeTempRepo({
      [RUNBOOK]: completeRunbook(['PORT', 'OLD_FLAG']),
      'src/server.ts': 'const port = process.env.PORT;\n\nconst key = process.env["STRIPE_KEY"];\n',
    });
    const result = await runInProcess(['runbook', 'check'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('src/server.ts:3:26  error  RUNBOOK_ENV_UNDOCUMENTED  STRIPE_KEY is read here');
    expect(result.stdout).toMatch(/ops\/backend\/runbook\.md:\d+ {2}warning {2}RUNBOOK_ENV_UNUSED {2}OLD_FLAG/);
    expect(result.stdout).toContain('runbook: fail');
  });

  it('a configured runbook that is missing is pending until a capsule led by its role is under way, then fails', async () => {
    const config = { version: 1, runbooks: { backender: { file: RUNBOOK } } };
    repo = makeTempRepo({ 'src/a.ts': 'export {};\n', '.sentinel/config.json': JSON.stringify(config) });
    const pending = await runInProcess(['runbook', 'check', '--json'], { cwd: repo.dir });
    expect(pending.code).toBe(0);
    expect(pending.json()).toMatchObject({ status: 'pending', diagnostics: [{ code: 'RUNBOOK_MISSING', severity: 'info', path: RUNBOOK }] });
    // The capsule gets under way the honest way (a hand-written state file is unsealed and ignored).
    const capsule = [
      'capsule',
      'new',
      'api',
      '--goal',
      'Serve the API.',
      '--output',
      'src/api.ts',
      '--accept',
      'GET /health answers 200',
      '--context',
      'src/a.ts',
      '--lead',
      'backender',
    ];
    for (const args of [['init'], capsule, ['route', 'api'], ['capsule', 'phase', 'api', 'ORIENT']]) {
      const step = await runInProcess(args, { cwd: repo.dir });
      expect(step.code, `${args.join(' ')}: ${step.stderr}${step.stdout}`).toBe(0);
    }
    const missing = await runInProcess(['runbook', 'check', '--json'], { cwd: repo.dir, env: { SENTINEL_CAPSULE: 'api' } });
    expect(missing.code).toBe(1);
    expect(missing.json().diagnostics[0]).toMatchObject({ code: 'RUNBOOK_MISSING', severity: 'error', path: RUNBOOK });
  });

  it('with no runbook configured the gate is skipped with the reason and the command that turns it on', async () => {
    repo = makeTempRepo({ 'src/a.ts': 'export const port = process.env.PORT;\n' });
    const skipped = await runInProcess(['runbook', 'check', '--json'], { cwd: repo.dir });
    expect(skipped.code).toBe(0);
    expect(skipped.json()).toMatchObject({
      status: 'skipped',
      diagnostics: [{ code: 'RUNBOOK_NONE', fix: expect.stringContaining(`sentinel runbook set --file ${RUNBOOK}`) }],
    });
    // Writing the role's runbook opts in: from then on its sections are checked.
    repo.write({ [RUNBOOK]: '# Backend runbook\n\n## Startup\n\nnpm start\n' });
    const on = await runInProcess(['runbook', 'check', '--json'], { cwd: repo.dir });
    expect(on.code).toBe(1);
    expect(on.json().diagnostics.map((d: { code: string }) => d.code)).toContain('RUNBOOK_SECTION_MISSING');
    const empty = makeTempDir({ 'README.md': '# x\n' });
    try {
      const skipped = await runInProcess(['runbook', 'check', '--json'], { cwd: empty.dir });
      expect(skipped.code).toBe(0);
      expect(skipped.json()).toMatchObject({ ok: true, status: 'skipped' });
    } finally {
      empty.cleanup();
    }
  });

  it('uses runbooks from config (other roles, sections and globs)', async () => {
    repo = makeTempRepo({
      '.sentinel/config.json': JSON.stringify({
        runbooks: {
          backender: { file: 'ops/backend/runbook.md', sourceGlobs: [] },
          commander: { file: 'ops/commander/runbook.md', sections: ['Dry run'], sourceGlobs: ['scripts/**/*.mjs'] },
        },
      }),
      'ops/commander/runbook.md': '# C\n\n## Dry Run\n\n```sh\n## not a heading\n```\n',
      'scripts/job.mjs': 'process.env.HOME;\n',
    });
    const result = await runInProcess(['runbook', 'check', '--json'], { cwd: repo.dir });
    expect(result.json().diagnostics).toEqual([]);
    expect(result.code).toBe(0);
  });
});
