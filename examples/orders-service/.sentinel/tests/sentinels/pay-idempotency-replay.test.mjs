// ProducedBy=VERIFIER RulesHash=VERIFIER@1.0 Decision=D-0010 Capsule=orders-sentinels
// Sentinel: a retried payment with the same Idempotency-Key replays; it never pays twice.
// Bug pinned: a client retry after a timeout reached POST /orders/:id/pay twice; the second call
// failed with 409 invalid_transition (the order was already paid), so the client assumed the
// payment failed and charged the card again. Decision D-0005 added idempotency keys: same key and
// same payload → replay of the stored result; same key, other payload → 409 conflict.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, test } from 'node:test';
import { load, memoryRepository } from './service.mjs';

const { createOrder, payOrder } = await load('server/src/services/orders.ts');
let deps;
let order;

beforeEach(async () => {
  const { repo } = await memoryRepository();
  let tick = Date.parse('2026-01-01T10:00:00.000Z');
  deps = { repo, now: () => new Date((tick += 1000)), newId: randomUUID };
  order = createOrder(deps, { customer_id: 'c1', currency: 'EUR', items: [{ sku: 'BOOK-1', quantity: 1, unit_price_cents: 1250 }] });
});

test('the same key and payment reference replays the first result', () => {
  const input = { id: order.id, idempotencyKey: 'retry-key-0001', paymentReference: 'psp_1' };
  const first = payOrder(deps, input);
  const retry = payOrder(deps, input);
  assert.equal(first.replayed, false);
  assert.equal(retry.replayed, true);
  assert.equal(retry.order.status, 'paid');
  assert.equal(retry.order.paid_at, first.order.paid_at, 'a replay must not record a second payment');
});

test('the same key with another payment reference is a conflict', () => {
  payOrder(deps, { id: order.id, idempotencyKey: 'retry-key-0002', paymentReference: 'psp_1' });
  assert.throws(
    () => payOrder(deps, { id: order.id, idempotencyKey: 'retry-key-0002', paymentReference: 'psp_2' }),
    (error) => error.code === 'idempotency_key_conflict' && error.statusCode === 409,
  );
});

test('a new key cannot pay an order twice', () => {
  payOrder(deps, { id: order.id, idempotencyKey: 'retry-key-0003', paymentReference: 'psp_1' });
  assert.throws(
    () => payOrder(deps, { id: order.id, idempotencyKey: 'retry-key-0004', paymentReference: 'psp_1' }),
    (error) => error.code === 'invalid_transition' && error.statusCode === 409,
  );
});
