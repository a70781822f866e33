// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../server/src/services/errors.js';
import {
  expiryCutoff,
  nextStatus,
  ORDER_STATUSES,
  priceItems,
  requireTransition,
  withExpiry,
  type Order,
  type OrderAction,
  type OrderStatus,
} from '../server/src/services/order-rules.js';

describe('priceItems', () => {
  it('computes line totals and the order total in cents', () => {
    const priced = priceItems([
      { sku: 'A', quantity: 2, unit_price_cents: 1250 },
      { sku: 'B', quantity: 3, unit_price_cents: 199 },
    ]);
    assert.deepEqual(priced.items.map((item) => item.line_total_cents), [2500, 597]);
    assert.equal(priced.total_cents, 3097);
  });

  it('refuses totals beyond exact JSON integers', () => {
    const huge = { sku: 'X', quantity: 1000, unit_price_cents: Number.MAX_SAFE_INTEGER / 100 };
    assert.throws(() => priceItems([huge, huge]), (error: unknown) => error instanceof DomainError && error.code === 'total_too_large');
  });
});

describe('order state machine', () => {
  const allowed: Record<string, OrderStatus> = {
    'pending:pay': 'paid',
    'paid:ship': 'shipped',
    'pending:cancel': 'cancelled',
    'paid:cancel': 'cancelled',
    'pending:expire': 'expired',
  };
  const actions: OrderAction[] = ['pay', 'ship', 'cancel', 'expire'];

  it('allows exactly the documented transitions', () => {
    for (const status of ORDER_STATUSES) {
      for (const action of actions) {
        assert.equal(nextStatus(status, action), allowed[`${status}:${action}`], `${status} --${action}-->`);
      }
    }
  });

  it('rejects a forbidden transition with a 409 naming the state', () => {
    assert.throws(
      () => requireTransition({ id: 'o1', status: 'shipped' }, 'cancel'),
      (error: unknown) => error instanceof DomainError && error.statusCode === 409 && /shipped/.test(error.message),
    );
  });
});

describe('expiry', () => {
  it('computes the cutoff from the expiry window', () => {
    assert.equal(expiryCutoff(new Date('2030-01-01T01:00:00.000Z'), 30), '2030-01-01T00:30:00.000Z');
  });

  it('shows expires_at only while an order is pending', () => {
    const order = { status: 'pending', created_at: '2030-01-01T00:00:00.000Z' } as Order;
    assert.equal(withExpiry(order, 15).expires_at, '2030-01-01T00:15:00.000Z');
    assert.equal(withExpiry({ ...order, status: 'paid' }, 15).expires_at, null);
  });
});
