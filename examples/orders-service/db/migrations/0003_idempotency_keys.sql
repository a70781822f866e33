-- ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0005 Capsule=orders-api
-- Idempotency keys for state-changing calls (pay): a retried request replays instead of charging twice.
CREATE TABLE idempotency_keys (
  key                 TEXT PRIMARY KEY,
  operation           TEXT NOT NULL,
  order_id            TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  request_fingerprint TEXT NOT NULL,
  created_at          TEXT NOT NULL
);
