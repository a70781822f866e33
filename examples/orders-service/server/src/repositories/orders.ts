// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0002 Capsule=orders-api
// SQLite access for orders, items and idempotency keys. Statements are prepared once per repository.
import type { Db } from '../db.js';
import type { LineItem, Order, OrderStatus } from '../services/order-rules.js';

export interface StatusChange {
  id: string;
  from: OrderStatus;
  to: OrderStatus;
  at: string;
  paidAt?: string;
  paymentReference?: string;
}

export interface IdempotencyRecord {
  key: string;
  operation: string;
  order_id: string;
  request_fingerprint: string;
  created_at: string;
}

export interface OrdersRepository {
  insert(order: Order): void;
  findById(id: string): Order | undefined;
  list(filter: { status?: OrderStatus | undefined; limit: number }): Order[];
  /** Compare-and-set on status: false when another writer moved the order first. */
  changeStatus(change: StatusChange): boolean;
  /** Expires pending orders created before `cutoff`; returns the ids it changed. */
  expirePendingCreatedBefore(cutoff: string, at: string): string[];
  findIdempotencyKey(key: string): IdempotencyRecord | undefined;
  saveIdempotencyKey(record: IdempotencyRecord): void;
  transaction<T>(work: () => T): T;
}

type OrderRow = Omit<Order, 'items'>;
type ItemRow = LineItem & { order_id: string };

const ORDER_COLUMNS = 'id, customer_id, status, currency, total_cents, created_at, updated_at, paid_at, payment_reference';
const ITEM_COLUMNS =
  'order_id, sku, quantity, unit_price_cents, quantity * unit_price_cents AS line_total_cents';

export function createOrdersRepository(db: Db): OrdersRepository {
  const insertOrder = db.prepare(
    `INSERT INTO orders (${ORDER_COLUMNS}) VALUES (@id, @customer_id, @status, @currency, @total_cents, @created_at, @updated_at, @paid_at, @payment_reference)`,
  );
  const insertItem = db.prepare(
    'INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price_cents) VALUES (?, ?, ?, ?, ?)',
  );
  const selectOrder = db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ?`);
  // json_each lets one statement fetch the items of a whole page of orders (no N+1 queries).
  const selectItems = db.prepare(
    `SELECT ${ITEM_COLUMNS} FROM order_items WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, line_no`,
  );
  const selectPage = db.prepare(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE (@status IS NULL OR status = @status) ORDER BY created_at DESC, id LIMIT @limit`,
  );
  const updateStatus = db.prepare(
    `UPDATE orders SET status = @to, updated_at = @at,
       paid_at = COALESCE(@paidAt, paid_at), payment_reference = COALESCE(@paymentReference, payment_reference)
     WHERE id = @id AND status = @from`,
  );
  const expirePending = db.prepare(
    "UPDATE orders SET status = 'expired', updated_at = ? WHERE status = 'pending' AND created_at < ? RETURNING id",
  );
  const selectKey = db.prepare('SELECT key, operation, order_id, request_fingerprint, created_at FROM idempotency_keys WHERE key = ?');
  const insertKey = db.prepare(
    'INSERT INTO idempotency_keys (key, operation, order_id, request_fingerprint, created_at) VALUES (@key, @operation, @order_id, @request_fingerprint, @created_at)',
  );

  function withItems(rows: OrderRow[]): Order[] {
    if (rows.length === 0) return [];
    const items = selectItems.all(JSON.stringify(rows.map((row) => row.id))) as ItemRow[];
    const byOrder = new Map<string, LineItem[]>();
    for (const { order_id, ...item } of items) {
      const list = byOrder.get(order_id) ?? [];
      list.push(item);
      byOrder.set(order_id, list);
    }
    return rows.map((row) => ({ ...row, items: byOrder.get(row.id) ?? [] }));
  }

  return {
    insert(order) {
      db.transaction(() => {
        const { items, ...row } = order;
        insertOrder.run(row);
        items.forEach((item, index) => insertItem.run(order.id, index + 1, item.sku, item.quantity, item.unit_price_cents));
      })();
    },
    findById(id) {
      const row = selectOrder.get(id) as OrderRow | undefined;
      return row ? withItems([row])[0] : undefined;
    },
    list({ status, limit }) {
      return withItems(selectPage.all({ status: status ?? null, limit }) as OrderRow[]);
    },
    changeStatus({ id, from, to, at, paidAt, paymentReference }) {
      const result = updateStatus.run({ id, from, to, at, paidAt: paidAt ?? null, paymentReference: paymentReference ?? null });
      return result.changes === 1;
    },
    expirePendingCreatedBefore(cutoff, at) {
      return (expirePending.all(at, cutoff) as { id: string }[]).map((row) => row.id);
    },
    findIdempotencyKey(key) {
      return selectKey.get(key) as IdempotencyRecord | undefined;
    },
    saveIdempotencyKey(record) {
      insertKey.run(record);
    },
    transaction(work) {
      return db.transaction(work)();
    },
  };
}
