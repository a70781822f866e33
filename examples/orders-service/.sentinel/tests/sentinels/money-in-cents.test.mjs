// ProducedBy=VERIFIER RulesHash=VERIFIER@1.0 Decision=D-0010 Capsule=orders-sentinels
// Sentinel: order totals are integer cents, never floating-point amounts.
// Bug pinned: the first pricing code multiplied decimal prices (12.5 × 3 …) and summed them as
// floats, so totals like 0.1 + 0.2 came out as 0.30000000000000004 and a 3-item order was off by
// a cent after rounding. Decision D-0004 moved every amount to integer cents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from './service.mjs';

const { priceItems } = await load('server/src/services/order-rules.ts');

test('line and order totals are exact integer cents', () => {
  const { items, total_cents } = priceItems([
    { sku: 'A', quantity: 3, unit_price_cents: 10 },
    { sku: 'B', quantity: 1, unit_price_cents: 20 },
    { sku: 'C', quantity: 7, unit_price_cents: 1999 },
  ]);
  assert.deepEqual(items.map((item) => item.line_total_cents), [30, 20, 13993]);
  assert.equal(total_cents, 14043);
  assert.ok(Number.isSafeInteger(total_cents));
});

test('a total too large for exact integers is refused, not rounded', () => {
  assert.throws(
    () => priceItems([{ sku: 'A', quantity: 1000, unit_price_cents: Number.MAX_SAFE_INTEGER }]),
    (error) => error.code === 'total_too_large' && error.statusCode === 422,
  );
});
