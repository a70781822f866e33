// ProducedBy=VERIFIER RulesHash=VERIFIER@1.0 Decision=D-0010 Capsule=orders-sentinels
// Sentinel: POST /orders accepts exactly contract order-create.v1; strings are not numbers.
// Bug pinned: Fastify's default Ajv options coerce types and strip unknown fields, so
// {"quantity": "2"} was accepted as 2 and a client-sent "total_cents" vanished silently instead of
// being refused. Decision D-0001 turned coercion and stripping off; this test also replays every
// fixture of the contract through the real app, so the contract and the service cannot drift apart.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { capturedLogger, load } from './service.mjs';

const { buildApp } = await load('server/src/app.ts');
const { loadConfig } = await load('server/src/config.ts');
const { openDatabase } = await load('server/src/db.ts');
const { applyMigrations } = await load('db/migrator.ts');
const FIXTURES = new URL('../../contracts/fixtures/order-create.v1/', import.meta.url);
let app;

before(async () => {
  const db = openDatabase(':memory:');
  applyMigrations(db);
  const { logger } = await capturedLogger();
  app = buildApp({ db, logger, config: loadConfig({ logFile: undefined }) });
  await app.ready();
});
after(() => app.close());

const post = (payload) => app.inject({ method: 'POST', url: '/orders', payload });
const fixtures = (kind) =>
  readdirSync(new URL(`${kind}/`, FIXTURES)).map((name) => [name, JSON.parse(readFileSync(new URL(`${kind}/${name}`, FIXTURES), 'utf8'))]);

test('a quantity sent as a string is refused with 400 validation_failed', async () => {
  const response = await post({ customer_id: 'c1', currency: 'EUR', items: [{ sku: 'BOOK-1', quantity: '2', unit_price_cents: 1250 }] });
  assert.equal(response.statusCode, 400);
  const body = response.json();
  assert.equal(body.error, 'validation_failed');
  assert.equal(body.request_id, response.headers['x-request-id']);
});

test('every good order-create.v1 fixture is accepted', async () => {
  for (const [name, payload] of fixtures('good')) assert.equal((await post(payload)).statusCode, 201, name);
});

test('every bad order-create.v1 fixture is refused', async () => {
  for (const [name, payload] of fixtures('bad')) assert.equal((await post(payload)).statusCode, 400, name);
});
