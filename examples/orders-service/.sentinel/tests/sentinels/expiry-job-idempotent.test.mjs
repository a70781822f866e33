// ProducedBy=VERIFIER RulesHash=VERIFIER@1.0 Decision=D-0010 Capsule=orders-sentinels
// Sentinel: the expiry job changes only pending orders past the cutoff, and a second run changes nothing.
// Bug pinned: the first version selected "orders older than ORDER_EXPIRY_MINUTES" without the
// status condition, so every run re-expired already expired orders (bumping updated_at and logging
// order_expired again) and once expired a paid order. Decision D-0006 made it one conditional
// UPDATE … WHERE status = 'pending'.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { capturedLogger, load, memoryRepository } from './service.mjs';

const { createOrder, payOrder } = await load('server/src/services/orders.ts');
const { runExpireUnpaidOrders } = await load('server/src/jobs/expire-unpaid-orders.ts');

test('old pending orders expire once; paid and fresh orders are left alone', async () => {
  const { repo } = await memoryRepository();
  const { logger, lines } = await capturedLogger();
  let clock = new Date('2026-01-01T10:00:00.000Z');
  const deps = { repo, now: () => clock, newId: randomUUID };
  const item = { sku: 'BOOK-1', quantity: 1, unit_price_cents: 500 };
  const stale = createOrder(deps, { customer_id: 'c1', currency: 'EUR', items: [item] });
  const paid = createOrder(deps, { customer_id: 'c2', currency: 'EUR', items: [item] });
  payOrder(deps, { id: paid.id, idempotencyKey: 'pay-key-0001', paymentReference: 'psp_1' });
  clock = new Date('2026-01-01T11:00:00.000Z');
  const fresh = createOrder(deps, { customer_id: 'c3', currency: 'EUR', items: [item] });

  const job = { repo, logger, expiryMinutes: 30, now: () => new Date('2026-01-01T11:05:00.000Z') };
  const first = runExpireUnpaidOrders(job);
  assert.deepEqual(first.expiredIds, [stale.id]);
  const expiredAt = repo.findById(stale.id).updated_at;

  const second = runExpireUnpaidOrders({ ...job, now: () => new Date('2026-01-01T11:10:00.000Z') });
  assert.deepEqual(second.expiredIds, [], 'a second run must find nothing to expire');
  assert.equal(repo.findById(stale.id).updated_at, expiredAt, 'an expired order must not be touched again');
  assert.equal(repo.findById(paid.id).status, 'paid');
  assert.equal(repo.findById(fresh.id).status, 'pending');
  assert.equal(lines.filter((line) => line.event === 'order_expired').length, 1);
});
