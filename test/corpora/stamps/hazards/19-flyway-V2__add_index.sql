-- Flyway versioned migration
CREATE INDEX idx_orders_customer ON ${schema}.orders (customer_id);
