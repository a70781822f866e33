// ProducedBy=VERIFIER RulesHash=VERIFIER@1.0 Decision=D-0010 Capsule=orders-sentinels
// Sentinel: credentials in request headers never reach the logs.
// Bug pinned: request_received lines log the request headers whole, and an early logger built its
// redact paths from the top level only, so "req.headers.authorization" was written in clear text.
// Decision D-0009 derives pino's redact paths from ops/logging/redaction.json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capturedLogger, load, memoryRepository } from './service.mjs';

const { buildApp } = await load('server/src/app.ts');
const { loadConfig } = await load('server/src/config.ts');
const { REDACTION_CENSOR } = await load('server/src/logger.ts');

test('authorization and cookie headers are logged as [Redacted]', async () => {
  const { logger, lines } = await capturedLogger();
  const { db } = await memoryRepository();
  const app = buildApp({ db, logger, config: loadConfig({ logFile: undefined }) });
  const secret = 'Bearer redaction-check-credential';
  await app.inject({ method: 'GET', url: '/health', headers: { authorization: secret, cookie: 'session=abc123' } });
  await app.close();

  const received = lines.find((line) => line.event === 'request_received');
  assert.ok(received, 'the request_received line is logged');
  assert.equal(received.req.headers.authorization, REDACTION_CENSOR);
  assert.equal(received.req.headers.cookie, REDACTION_CENSOR);
  assert.ok(!JSON.stringify(lines).includes('redaction-check-credential'), 'the secret appears nowhere in the logs');
});
