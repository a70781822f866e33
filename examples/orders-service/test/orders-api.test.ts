// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api
// End-to-end over real HTTP: the server listens on 127.0.0.1 with a temp SQLite file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, sampleOrder, startTestService, type TestService } from './helpers/service.js';

describe('orders API', () => {
  let server: TestService;
  const post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    call(server.baseUrl, 'POST', path, { body, ...(headers ? { headers } : {}) });
  const get = (path: string) => call(server.baseUrl, 'GET', path);
  const createOrder = async () => {
    const created = await post('/orders', sampleOrder);
    assert.equal(created.status, 201);
    return created.body as { id: string; status: string };
  };

  before(async () => {
    server = await startTestService();
  });
  after(async () => {
    await server.close();
  });

  it('creates an order with priced items and reads it back', async () => {
    const created = await post('/orders', sampleOrder);
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'pending');
    assert.equal(created.body.total_cents, 2 * 1250 + 3 * 199);
    assert.equal(typeof created.body.expires_at, 'string');
    const read = await get(`/orders/${String(created.body.id)}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, created.body);
  });

  it('lists orders filtered by status', async () => {
    const order = await createOrder();
    await post(`/orders/${order.id}/cancel`);
    const list = await get('/orders?status=cancelled&limit=100');
    assert.equal(list.status, 200);
    const orders = list.body.orders as { id: string; status: string }[];
    assert.equal(list.body.count, orders.length);
    assert.ok(orders.some((item) => item.id === order.id));
    assert.ok(orders.every((item) => item.status === 'cancelled'));
  });

  it('pays once per idempotency key and replays retries', async () => {
    const order = await createOrder();
    const headers = { 'idempotency-key': `pay-${order.id}` };
    const first = await post(`/orders/${order.id}/pay`, { payment_reference: 'psp_1' }, headers);
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'paid');
    assert.equal(first.headers.get('idempotent-replayed'), 'false');
    const retry = await post(`/orders/${order.id}/pay`, { payment_reference: 'psp_1' }, headers);
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(retry.body, first.body);
    const reused = await post(`/orders/${order.id}/pay`, { payment_reference: 'psp_2' }, headers);
    assert.equal(reused.status, 409);
    assert.equal(reused.body.error, 'idempotency_key_conflict');
    const otherKey = await post(`/orders/${order.id}/pay`, { payment_reference: 'psp_1' }, { 'idempotency-key': 'another-key-1' });
    assert.equal(otherKey.status, 409);
    assert.equal(otherKey.body.error, 'invalid_transition');
  });

  it('walks pending → paid → shipped and refuses to cancel a shipped order', async () => {
    const order = await createOrder();
    assert.equal((await post(`/orders/${order.id}/ship`)).body.error, 'invalid_transition');
    await post(`/orders/${order.id}/pay`, { payment_reference: 'psp_3' }, { 'idempotency-key': `ship-${order.id}` });
    const shipped = await post(`/orders/${order.id}/ship`);
    assert.equal(shipped.status, 200);
    assert.equal(shipped.body.status, 'shipped');
    const cancel = await post(`/orders/${order.id}/cancel`);
    assert.equal(cancel.status, 409);
    assert.match(String(cancel.body.message), /it is shipped/);
  });

  it('answers 404 with the Error body for unknown orders and routes', async () => {
    const missing = await get('/orders/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, 'order_not_found');
    assert.equal(missing.body.request_id, missing.headers.get('x-request-id'));
    assert.equal((await get('/nowhere')).body.error, 'route_not_found');
  });

  it('reports health with a database check', async () => {
    assert.deepEqual((await get('/health')).body, { status: 'ok', database: 'ok' });
  });

  describe('validation rejects bad input with 400', () => {
    const item = sampleOrder.items[0];
    const cases: [string, unknown][] = [
      ['missing items', { customer_id: 'c1', currency: 'EUR' }],
      ['empty items', { ...sampleOrder, items: [] }],
      ['zero quantity', { ...sampleOrder, items: [{ ...item, quantity: 0 }] }],
      ['fractional price', { ...sampleOrder, items: [{ ...item, unit_price_cents: 12.5 }] }],
      ['price as string', { ...sampleOrder, items: [{ ...item, unit_price_cents: '1250' }] }],
      ['unknown currency', { ...sampleOrder, currency: 'XXX' }],
      ['unknown field', { ...sampleOrder, discount: 100 }],
      ['malformed JSON', '{"customer_id": '],
    ];
    for (const [name, body] of cases) {
      it(name, async () => {
        const response = await post('/orders', body);
        assert.equal(response.status, 400, JSON.stringify(response.body));
        assert.ok(typeof response.body.error === 'string' && typeof response.body.message === 'string');
      });
    }

    it('pay without an Idempotency-Key', async () => {
      const order = await createOrder();
      const response = await post(`/orders/${order.id}/pay`, { payment_reference: 'psp_4' });
      assert.equal(response.status, 400);
      assert.match(String(response.body.message), /idempotency-key/);
    });

    it('malformed order id', async () => {
      assert.equal((await get('/orders/not-a-uuid')).status, 400);
    });
  });
});
