import { describe, expect, it } from 'vitest';
import { checkLogText, MAX_DIAGNOSTICS_PER_FILE } from '../../../src/core/logs/check.js';
import { parseRedaction, unmaskedFields } from '../../../src/core/logs/redaction.js';
import { compileLogSchema } from '../../../src/core/logs/schema.js';

const schema2020 = JSON.stringify({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['ts', 'level', 'msg', 'request_id'],
  properties: {
    ts: { type: 'string', format: 'date-time' },
    level: { enum: ['debug', 'info', 'warn', 'error'] },
    msg: { type: 'string' },
    request_id: { type: 'string' },
    http: { type: 'object', properties: { status: { type: 'integer' } } },
  },
});

const good = { ts: '2024-05-01T10:00:00Z', level: 'info', msg: 'ok', request_id: 'r-1' };
const jsonl = (...records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

function check(text: string, schemaText = schema2020, redaction: string[] = []) {
  const compiled = compileLogSchema(schemaText, 'ops/logging/schema.json');
  if (!compiled.ok) throw new Error('schema did not compile');
  const rules = parseRedaction(JSON.stringify({ keys: redaction }), 'ops/logging/redaction.json').rules;
  return checkLogText(text, 'logs/app.jsonl', {
    validate: compiled.validate,
    schemaPath: 'ops/logging/schema.json',
    redaction: rules,
    redactionPath: 'ops/logging/redaction.json',
  });
}

describe('checkLogText', () => {
  it('accepts valid lines and skips blank ones', () => {
    const report = check(jsonl(good, '', good));
    expect(report.diagnostics).toEqual([]);
    expect(report.lines).toBe(2);
  });

  it('reports a line that is not JSON with its line number', () => {
    const report = check(jsonl(good, '{"level": "info",', good));
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'LOGS_LINE_NOT_JSON', line: 2, path: 'logs/app.jsonl' })]);
  });

  it('reports schema violations with the line and the field pointer', () => {
    const report = check(jsonl(good, { ...good, level: 'loud', http: { status: 'x' } }, { level: 'info', msg: 'm', ts: good.ts }));
    const found = report.diagnostics.map((d) => [d.line, d.message]);
    expect(found).toEqual([
      [2, '/level: must be one of "debug", "info", "warn", "error"'],
      [2, '/http/status: must be integer'],
      [3, '(root): missing required key "request_id"'],
    ]);
    expect(report.schemaViolations).toBe(3);
  });

  it('checks formats (date-time)', () => {
    expect(check(jsonl({ ...good, ts: 'yesterday' })).diagnostics[0]!.message).toBe('/ts: must match format "date-time"');
  });

  it('honours a draft-07 $schema', () => {
    const draft07 = JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['msg'],
      properties: { msg: { type: 'string' } },
    });
    expect(check(jsonl({ msg: 'x' }), draft07).diagnostics).toEqual([]);
    expect(check(jsonl({ msg: 1 }), draft07).diagnostics[0]).toMatchObject({ code: 'LOGS_SCHEMA_VIOLATION', message: '/msg: must be string' });
  });

  it('reports an unmasked redacted field without printing its value', () => {
    const secretValue = 'Bearer ' + 'abc123def456ghi789';
    const report = check(
      jsonl({ ...good, req: { headers: { authorization: secretValue } } }, { ...good, req: { headers: { authorization: '[Redacted]' } } }),
      schema2020,
      ['req.headers.authorization'],
    );
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'LOGS_UNREDACTED_FIELD', line: 1 })]);
    expect(report.diagnostics[0]!.message).toContain('/req/headers/authorization');
    expect(JSON.stringify(report)).not.toContain(secretValue);
  });

  it('a line nested 10,000 deep is a diagnostic, not a stack overflow; the lines after it are still checked', () => {
    const deep = `{"a":${'{"b":'.repeat(10_000)}{"password":"hunter2-not-masked"}${'}'.repeat(10_000)}}`;
    const report = check(jsonl(deep, { ...good, password: 'hunter2-not-masked' }), schema2020, ['password']);
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['LOGS_LINE_TOO_DEEP', 1],
      ['LOGS_UNREDACTED_FIELD', 2],
    ]);
    expect([report.invalidJson, report.tooDeep]).toEqual([0, 1]);
    expect(JSON.stringify(report)).not.toContain('hunter2-not-masked');
  });

  it('caps diagnostics per file', () => {
    const report = check(
      Array(MAX_DIAGNOSTICS_PER_FILE + 5)
        .fill('nope')
        .join('\n'),
    );
    expect(report.diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(report.diagnostics.at(-1)).toMatchObject({ code: 'LOGS_MORE_PROBLEMS', severity: 'info' });
  });
});

describe('compileLogSchema', () => {
  it('reports invalid JSON and invalid schemas', () => {
    expect(compileLogSchema('{', 's.json')).toMatchObject({ ok: false, diagnostics: [{ code: 'LOGS_SCHEMA_INVALID' }] });
    expect(compileLogSchema('{"type": "nope"}', 's.json')).toMatchObject({ ok: false, diagnostics: [{ code: 'LOGS_SCHEMA_INVALID' }] });
  });
});

describe('redaction', () => {
  it('reads {"keys"}, {"redact"} and plain arrays', () => {
    for (const text of ['{"keys":["password"]}', '{"redact":["password"]}', '["password"]']) {
      expect(parseRedaction(text, 'r.json').rules.map((r) => r.source)).toEqual(['password']);
    }
    expect(parseRedaction('{"keys": [1]}', 'r.json').diagnostics[0]).toMatchObject({ code: 'LOGS_REDACTION_INVALID', path: 'r.json' });
  });

  it('matches bare keys at any depth (ignoring case) and paths from the root, with wildcards and brackets', () => {
    const rules = parseRedaction('["password", "req.headers[\\"x-api-key\\"]", "*.token"]', 'r.json').rules;
    const record = {
      user: { Password: 'pw-value-123' },
      req: { headers: { 'x-api-key': 'k-123456789', other: 'fine' } },
      a: { token: 't-' + '1234567890' },
      token: 'top-level ' + 'is not matched',
    };
    expect(unmaskedFields(record, rules).map((f) => f.pointer)).toEqual(['/user/Password', '/req/headers/x-api-key', '/a/token']);
    expect(unmaskedFields({ user: { password: '***' }, a: { token: '[REDACTED]' } }, rules)).toEqual([]);
  });
});
