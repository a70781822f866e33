-- ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0002 Capsule=orders-api
-- Orders: one row per order; money in integer cents, times as ISO-8601 UTC text.
CREATE TABLE orders (
  id          TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'expired', 'cancelled')),
  currency    TEXT NOT NULL CHECK (length(currency) = 3),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- The expiry job scans pending orders by age.
CREATE INDEX orders_status_created_at ON orders (status, created_at);
