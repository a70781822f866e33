-- ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0002 Capsule=orders-api
-- Payment details, added after launch: nullable columns so existing rows stay valid (additive, forward-only).
ALTER TABLE orders ADD COLUMN paid_at TEXT;
ALTER TABLE orders ADD COLUMN payment_reference TEXT;
