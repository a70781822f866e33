// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api
// Logs are a contract with ops: every line matches ops/logging/schema.json and secrets are masked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyMigrations } from '../db/migrator.js';
import { loadConfig } from '../server/src/config.js';
import { buildApp } from '../server/src/app.js';
import { openDatabase } from '../server/src/db.js';
import { createLogger, REDACTION_CENSOR, toRedactPaths } from '../server/src/logger.js';
import { call, sampleOrder, startTestService, type LogLine, type TestService } from './helpers/service.js';

interface LogSchema {
  required: string[];
  properties: Record<string, { enum?: string[] }>;
}
const schema = JSON.parse(readFileSync(new URL('../ops/logging/schema.json', import.meta.url), 'utf8')) as LogSchema;

/** The checks the schema makes that matter here: required fields, known fields, level names, ISO time. */
function schemaProblems(line: LogLine): string[] {
  const problems = schema.required.filter((key) => !(key in line)).map((key) => `missing ${key}`);
  problems.push(...Object.keys(line).filter((key) => !(key in schema.properties)).map((key) => `unknown field ${key}`));
  if (!schema.properties.level?.enum?.includes(String(line.level))) problems.push(`bad level ${String(line.level)}`);
  if (typeof line.ts !== 'string' || new Date(line.ts).toISOString() !== line.ts) problems.push(`bad ts ${String(line.ts)}`);
  return problems;
}

describe('structured logs', () => {
  let server: TestService;
  const authHeader = 'Bearer not-a-real-credential-42';

  before(async () => {
    server = await startTestService({ logFile: undefined });
    const created = await call(server.baseUrl, 'POST', '/orders', {
      body: sampleOrder,
      headers: { authorization: authHeader, 'x-request-id': 'client-req-0001' },
    });
    await call(server.baseUrl, 'GET', `/orders/${String(created.body.id)}`, { headers: { 'x-request-id': 'bad id with spaces' } });
    await call(server.baseUrl, 'POST', '/orders', { body: { nope: true } });
    server.service.runExpiryJob();
  });
  after(async () => {
    await server.close();
  });

  it('every line follows the log schema', () => {
    const lines = server.logs();
    assert.ok(lines.length >= 8);
    for (const line of lines) assert.deepEqual(schemaProblems(line), [], JSON.stringify(line));
  });

  it('request lines carry the caller request id, echoed in the response', async () => {
    const response = await call(server.baseUrl, 'GET', '/health', { headers: { 'x-request-id': 'client-req-0002' } });
    assert.equal(response.headers.get('x-request-id'), 'client-req-0002');
    const mine = server.logs().filter((line) => line.request_id === 'client-req-0001');
    assert.deepEqual(mine.map((line) => line.event), ['request_received', 'order_created', 'request_completed']);
  });

  it('replaces unsafe incoming request ids with a generated one', () => {
    assert.ok(!server.logs().some((line) => line.request_id === 'bad id with spaces'));
  });

  it('redacts the authorization header and never writes its value', () => {
    const received = server.logs().find((line) => line.request_id === 'client-req-0001' && line.event === 'request_received');
    const headers = (received?.req as { headers?: Record<string, string> } | undefined)?.headers;
    assert.equal(headers?.authorization, REDACTION_CENSOR);
    assert.ok(!JSON.stringify(server.logs()).includes('not-a-real-credential'));
  });

  it('turns redaction.json keys into pino paths', () => {
    assert.deepEqual(toRedactPaths(['password', 'req.headers.x-api-key']), ['password', '*.password', 'req.headers["x-api-key"]']);
  });

  it('also writes the lines to LOG_FILE when set', async () => {
    const file = join(server.dir, 'logs', 'service.jsonl');
    const other = await startTestService({ logFile: file });
    try {
      await call(other.baseUrl, 'GET', '/health');
    } finally {
      await other.close().catch(() => undefined);
    }
    // close() removed the other service's temp dir, not this one, so the file is still here.
    const written = readFileSync(file, 'utf8').trim().split('\n').map((text) => JSON.parse(text) as LogLine);
    assert.ok(written.some((line) => line.event === 'request_completed' && line.url === '/health'));
    for (const line of written) assert.deepEqual(schemaProblems(line), []);
  });

  it('an unexpected failure answers 500 without internals and logs the error', async () => {
    const raw: string[] = [];
    const logger = createLogger({ level: 'info', stream: { write: (chunk: string) => void raw.push(chunk) } });
    const db = openDatabase(join(server.dir, 'broken.db'));
    applyMigrations(db);
    const app = buildApp({ db, logger, config: loadConfig() });
    db.close(); // every query now throws: a stand-in for a disk or driver failure
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const response = await call(url, 'GET', '/orders');
      assert.equal(response.status, 500);
      assert.deepEqual([response.body.error, response.body.message], ['internal_error', 'internal server error']);
      const lines = raw.map((text) => JSON.parse(text) as LogLine);
      const failed = lines.find((line) => line.event === 'request_failed');
      assert.equal(failed?.level, 'error');
      assert.match(String((failed?.err as { message?: string } | undefined)?.message), /database connection is not open/);
      for (const line of lines) assert.deepEqual(schemaProblems(line), [], JSON.stringify(line));
    } finally {
      await app.close();
    }
  });
});
