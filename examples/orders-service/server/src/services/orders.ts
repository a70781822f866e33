// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Order use cases: thin orchestration of the pure rules around the repository.
import type { OrdersRepository } from '../repositories/orders.js';
import { DomainError, notFound } from './errors.js';
import {
  payFingerprint,
  priceItems,
  requireTransition,
  type LineItemInput,
  type Order,
  type OrderAction,
  type OrderStatus,
} from './order-rules.js';

export interface OrderDeps {
  repo: OrdersRepository;
  now: () => Date;
  newId: () => string;
}

export interface CreateOrderInput {
  customer_id: string;
  currency: string;
  items: LineItemInput[];
}

export interface PayOrderInput {
  id: string;
  idempotencyKey: string;
  paymentReference: string;
}

export function createOrder(deps: OrderDeps, input: CreateOrderInput): Order {
  const at = deps.now().toISOString();
  const { items, total_cents } = priceItems(input.items);
  const order: Order = {
    id: deps.newId(),
    customer_id: input.customer_id,
    status: 'pending',
    currency: input.currency,
    items,
    total_cents,
    created_at: at,
    updated_at: at,
    paid_at: null,
    payment_reference: null,
  };
  deps.repo.insert(order);
  return order;
}

export function getOrder(deps: OrderDeps, id: string): Order {
  const order = deps.repo.findById(id);
  if (!order) throw notFound(id);
  return order;
}

export function listOrders(deps: OrderDeps, filter: { status?: OrderStatus | undefined; limit: number }): Order[] {
  return deps.repo.list(filter);
}

/**
 * Pays a pending order once per idempotency key: a retry with the same key and payload replays the
 * current order (replayed=true) instead of failing; the same key with another payload is a conflict.
 */
export function payOrder(deps: OrderDeps, input: PayOrderInput): { order: Order; replayed: boolean } {
  const fingerprint = payFingerprint(input.id, input.paymentReference);
  return deps.repo.transaction(() => {
    const previous = deps.repo.findIdempotencyKey(input.idempotencyKey);
    if (previous) {
      if (previous.request_fingerprint !== fingerprint) {
        throw new DomainError('idempotency_key_conflict', 409, 'this Idempotency-Key was already used for a different request');
      }
      return { order: getOrder(deps, input.id), replayed: true };
    }
    const at = deps.now().toISOString();
    const order = transition(deps, input.id, 'pay', { paidAt: at, paymentReference: input.paymentReference });
    deps.repo.saveIdempotencyKey({
      key: input.idempotencyKey,
      operation: 'pay',
      order_id: input.id,
      request_fingerprint: fingerprint,
      created_at: at,
    });
    return { order, replayed: false };
  });
}

export function shipOrder(deps: OrderDeps, id: string): Order {
  return deps.repo.transaction(() => transition(deps, id, 'ship'));
}

export function cancelOrder(deps: OrderDeps, id: string): Order {
  return deps.repo.transaction(() => transition(deps, id, 'cancel'));
}

function transition(
  deps: OrderDeps,
  id: string,
  action: OrderAction,
  extra: { paidAt?: string; paymentReference?: string } = {},
): Order {
  const order = getOrder(deps, id);
  const to = requireTransition(order, action);
  const changed = deps.repo.changeStatus({ id, from: order.status, to, at: deps.now().toISOString(), ...extra });
  // Inside a transaction this only fails if another connection won the race; report it, don't guess.
  if (!changed) throw new DomainError('concurrent_update', 409, `order ${id} changed while updating; retry`);
  return getOrder(deps, id);
}
