// ProducedBy=VERIFIER RulesHash=VERIFIER@1.0 Decision=D-0010 Capsule=orders-sentinels
// Sentinel: every log line of a job run carries a request_id, one per run.
// Bug pinned: job lines were written with the root logger, so they had no request_id, failed
// ops/logging/schema.json (request_id is required) and could not be grouped by run. Decision
// D-0009 gives each run a `job-<uuid>` id bound on a child logger.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { capturedLogger, load, memoryRepository } from './service.mjs';

const { runExpireUnpaidOrders, JOB_NAME } = await load('server/src/jobs/expire-unpaid-orders.ts');
const schema = JSON.parse(readFileSync(new URL('../../../ops/logging/schema.json', import.meta.url), 'utf8'));

test('each run logs under its own request_id with the schema-required fields', async () => {
  const { repo } = await memoryRepository();
  const { logger, lines } = await capturedLogger();
  const runA = runExpireUnpaidOrders({ repo, logger, expiryMinutes: 30 });
  const runB = runExpireUnpaidOrders({ repo, logger, expiryMinutes: 30 });

  assert.ok(lines.length >= 4, 'each run logs at least a start and an end line');
  for (const line of lines) {
    for (const field of schema.required) assert.ok(line[field], `job line "${line.msg}" lacks ${field}`);
    assert.equal(line.job, JOB_NAME);
  }
  assert.notEqual(runA.runId, runB.runId);
  assert.deepEqual([...new Set(lines.map((line) => line.request_id))], [runA.runId, runB.runId]);
});
