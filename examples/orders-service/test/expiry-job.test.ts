// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { applyMigrations } from '../db/migrator.js';
import { openDatabase, type Db } from '../server/src/db.js';
import { runExpireUnpaidOrders, scheduleExpireUnpaidOrders } from '../server/src/jobs/expire-unpaid-orders.js';
import { createLogger } from '../server/src/logger.js';
import { createOrdersRepository, type OrdersRepository } from '../server/src/repositories/orders.js';
import { createOrder, payOrder, type OrderDeps } from '../server/src/services/orders.js';
import { call, makeTempDir, sampleOrder, startTestService } from './helpers/service.js';

const T0 = Date.parse('2030-05-01T12:00:00.000Z');
const minutes = (n: number) => new Date(T0 + n * 60_000);

describe('expire-unpaid-orders job', () => {
  let dir: string;
  let db: Db;
  let repo: OrdersRepository;
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info', stream: { write: (chunk: string) => void lines.push(JSON.parse(chunk)) } });

  before(() => {
    dir = makeTempDir();
    db = openDatabase(join(dir, 'job.db'));
    applyMigrations(db);
    repo = createOrdersRepository(db);
  });
  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('expires only pending orders past the window, and a second run changes nothing', () => {
    let ids = 0;
    const at = (time: Date): OrderDeps => ({ repo, now: () => time, newId: () => `order-${++ids}` });
    const stale = createOrder(at(minutes(0)), sampleOrder);
    const paid = createOrder(at(minutes(0)), sampleOrder);
    payOrder(at(minutes(1)), { id: paid.id, idempotencyKey: 'job-test-key', paymentReference: 'psp_1' });
    const fresh = createOrder(at(minutes(20)), sampleOrder);

    const deps = { repo, logger, expiryMinutes: 30, now: () => minutes(31) };
    const first = runExpireUnpaidOrders(deps);
    assert.deepEqual(first.expiredIds, [stale.id]);
    const second = runExpireUnpaidOrders(deps);
    assert.deepEqual(second.expiredIds, []);

    assert.equal(repo.findById(stale.id)?.status, 'expired');
    assert.equal(repo.findById(paid.id)?.status, 'paid');
    assert.equal(repo.findById(fresh.id)?.status, 'pending');
    const snapshot = db.prepare('SELECT id, status, updated_at FROM orders ORDER BY id').all();
    runExpireUnpaidOrders(deps);
    assert.deepEqual(db.prepare('SELECT id, status, updated_at FROM orders ORDER BY id').all(), snapshot);
  });

  it('logs each run under its own run id', () => {
    const runs = new Set(lines.filter((line) => line.job === 'expire-unpaid-orders').map((line) => line.request_id));
    assert.ok(runs.size >= 2);
    const completed = lines.filter((line) => line.event === 'job_completed');
    assert.deepEqual(completed.slice(0, 2).map((line) => line.expired_count), [1, 0]);
    assert.ok(lines.every((line) => typeof line.request_id === 'string' && String(line.request_id).startsWith('job-')));
  });

  it('runs on its interval until stopped', () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const before = lines.filter((line) => line.event === 'job_completed').length;
      const schedule = scheduleExpireUnpaidOrders({ repo, logger, expiryMinutes: 30, intervalMs: 60_000 });
      mock.timers.tick(120_000);
      schedule.stop();
      mock.timers.tick(120_000);
      assert.equal(lines.filter((line) => line.event === 'job_completed').length - before, 2);
    } finally {
      mock.timers.reset();
    }
  });

  it('expired orders show through the API and can no longer be paid', async () => {
    let clock = new Date();
    const server = await startTestService({ orderExpiryMinutes: 30 }, { now: () => clock });
    try {
      const created = await call(server.baseUrl, 'POST', '/orders', { body: sampleOrder });
      const id = String(created.body.id);
      clock = new Date(clock.getTime() + 31 * 60_000);
      assert.deepEqual(server.service.runExpiryJob().expiredIds, [id]);
      assert.equal((await call(server.baseUrl, 'GET', `/orders/${id}`)).body.status, 'expired');
      const pay = await call(server.baseUrl, 'POST', `/orders/${id}/pay`, {
        body: { payment_reference: 'psp_late' },
        headers: { 'idempotency-key': 'late-payment-1' },
      });
      assert.equal(pay.status, 409);
    } finally {
      await server.close();
    }
  });
});
