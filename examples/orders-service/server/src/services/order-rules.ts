// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0004 Capsule=orders-api
// Pure order rules: pricing and the status state machine. No I/O, so they are tested directly.
import { DomainError } from './errors.js';

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'expired', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderAction = 'pay' | 'ship' | 'cancel' | 'expire';

export interface LineItemInput {
  sku: string;
  quantity: number;
  unit_price_cents: number;
}

export interface LineItem extends LineItemInput {
  line_total_cents: number;
}

export interface Order {
  id: string;
  customer_id: string;
  status: OrderStatus;
  currency: string;
  items: LineItem[];
  total_cents: number;
  created_at: string;
  updated_at: string;
  paid_at: string | null;
  payment_reference: string | null;
}

/** pending→paid→shipped, pending→expired, pending|paid→cancelled; shipped/expired/cancelled are final. */
const TRANSITIONS: Record<OrderAction, Partial<Record<OrderStatus, OrderStatus>>> = {
  pay: { pending: 'paid' },
  ship: { paid: 'shipped' },
  cancel: { pending: 'cancelled', paid: 'cancelled' },
  expire: { pending: 'expired' },
};

export function nextStatus(current: OrderStatus, action: OrderAction): OrderStatus | undefined {
  return TRANSITIONS[action][current];
}

export function requireTransition(order: Pick<Order, 'id' | 'status'>, action: OrderAction): OrderStatus {
  const next = nextStatus(order.status, action);
  if (!next) throw new DomainError('invalid_transition', 409, `cannot ${action} order ${order.id}: it is ${order.status}`);
  return next;
}

/** Line totals and order total in integer cents; refuses totals JSON numbers cannot carry exactly. */
export function priceItems(items: LineItemInput[]): { items: LineItem[]; total_cents: number } {
  let total = 0;
  const priced = items.map((item) => {
    const line = item.quantity * item.unit_price_cents;
    total += line;
    return { ...item, line_total_cents: line };
  });
  if (!Number.isSafeInteger(total)) throw new DomainError('total_too_large', 422, 'order total exceeds the supported amount');
  return { items: priced, total_cents: total };
}

/** Orders created strictly before this instant are old enough to expire. */
export function expiryCutoff(now: Date, expiryMinutes: number): string {
  return new Date(now.getTime() - expiryMinutes * 60_000).toISOString();
}

/** The API shows when a pending order will expire; other statuses never expire (null). */
export function withExpiry(order: Order, expiryMinutes: number): Order & { expires_at: string | null } {
  const expiresAt = new Date(Date.parse(order.created_at) + expiryMinutes * 60_000).toISOString();
  return { ...order, expires_at: order.status === 'pending' ? expiresAt : null };
}

/** What makes two pay calls "the same request" for idempotency purposes. */
export function payFingerprint(orderId: string, paymentReference: string): string {
  return `pay:${orderId}:${paymentReference}`;
}
