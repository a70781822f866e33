import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const SCHEMA = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['ts', 'level', 'msg', 'request_id'],
  properties: { level: { enum: ['info', 'warn', 'error'] }, http: { type: 'object', properties: { status: { type: 'integer' } } } },
});
const line = (extra: Record<string, unknown> = {}) => JSON.stringify({ ts: '2024-05-01T10:00:00Z', level: 'info', msg: 'ok', request_id: 'r-1', ...extra });

describe('sentinel logs check', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it('passes valid JSONL logs from the configured globs', async () => {
    repo = makeTempRepo({ 'ops/logging/schema.json': SCHEMA, 'logs/app.jsonl': `${line()}\n${line({ level: 'warn' })}\n` });
    const result = await runSentinel(['logs', 'check', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ ok: true, status: 'ok', data: { files: [{ path: 'logs/app.jsonl', lines: 2 }] } });
  });

  it('reports a bad JSON line and a schema violation with line numbers and field pointers', async () => {
    repo = makeTempRepo({ 'ops/logging/schema.json': SCHEMA, 'out/run.jsonl': `${line()}\nStarting server...\n${line({ http: { status: '200' } })}\n` });
    const result = await runInProcess(['logs', 'check', 'out/run.jsonl'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('out/run.jsonl:2:1  error  LOGS_LINE_NOT_JSON');
    expect(result.stdout).toContain('out/run.jsonl:3  error  LOGS_SCHEMA_VIOLATION  /http/status: must be integer');
  });

  it('honours --schema and a draft-07 schema', async () => {
    const draft07 = JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['message'] });
    repo = makeTempRepo({ 'custom/log.schema.json': draft07, 'logs/a.jsonl': `${line()}\n` });
    const result = await runInProcess(['logs', 'check', '--schema', 'custom/log.schema.json', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.json().diagnostics[0]).toMatchObject({ code: 'LOGS_SCHEMA_VIOLATION', line: 1, message: '(root): missing required key "message"' });
    const missing = await runInProcess(['logs', 'check', '--schema', 'nope.json'], { cwd: repo.dir });
    expect(missing.code).toBe(2);
  });

  it('is pending without a schema, and pending with a fix when there are no log files', async () => {
    repo = makeTempRepo({ 'logs/app.jsonl': `${line()}\n` });
    const noSchema = await runInProcess(['logs', 'check', '--json'], { cwd: repo.dir });
    expect(noSchema.code).toBe(0);
    expect(noSchema.json()).toMatchObject({ ok: true, status: 'pending', diagnostics: [{ code: 'LOGS_SCHEMA_MISSING', path: 'ops/logging/schema.json' }] });
    repo.git('rm', '-q', 'logs/app.jsonl');
    const noFiles = await runInProcess(['logs', 'check', '--json'], { cwd: repo.dir });
    expect(noFiles.json().status).toBe('pending');
    expect(noFiles.json().diagnostics.find((d: { code: string }) => d.code === 'LOGS_NO_FILES').fix).toContain('logs/');
  });

  it('fails on a must-be-masked field holding a value, and on a secret in the log, without printing either', async () => {
    const auth = 'Bearer ' + 'zz9YY8xx7WW6vv5';
    const token = 'gh' + 'p_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    repo = makeTempRepo({
      'ops/logging/schema.json': SCHEMA,
      'ops/logging/redaction.json': JSON.stringify({ keys: ['password', 'req.headers.authorization'] }),
      'logs/app.jsonl':
        [line({ req: { headers: { authorization: auth } } }), line({ user: { password: '[Redacted]' } }), line({ note: token })].join('\n') + '\n',
    });
    for (const json of [false, true]) {
      const result = await runInProcess(['logs', 'check', ...(json ? ['--json'] : [])], { cwd: repo.dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('LOGS_UNREDACTED_FIELD');
      expect(result.stdout).toContain('SECRET_GITHUB_TOKEN');
      expect(result.stdout).not.toContain(auth);
      expect(result.stdout).not.toContain(token);
      expect(result.stdout).toContain(token.slice(-4));
    }
  });

  it('rejects a log file that does not exist (exit 2)', async () => {
    repo = makeTempRepo({ 'a.txt': 'x' });
    const result = await runInProcess(['logs', 'check', 'logs/none.jsonl'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('does not exist');
  });
});
