SELECT id, total
FROM orders
WHERE total > 100;
