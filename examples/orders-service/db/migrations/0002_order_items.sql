-- ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0002 Capsule=orders-api
-- Line items: prices are copied at order time so later catalogue changes never alter a total.
CREATE TABLE order_items (
  order_id         TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no          INTEGER NOT NULL CHECK (line_no >= 1),
  sku              TEXT NOT NULL,
  quantity         INTEGER NOT NULL CHECK (quantity >= 1),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, line_no)
);
