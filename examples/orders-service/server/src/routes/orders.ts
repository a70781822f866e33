// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// HTTP surface for orders: validate (schemas), call one service function, shape the reply. No rules here.
import type { FastifyInstance } from 'fastify';
import { ref } from '../schemas/index.js';
import { DEFAULT_PAGE_SIZE, ListOrdersQuerySchema, OrderParamsSchema, PayOrderHeadersSchema } from '../schemas/orders.js';
import { withExpiry, type Order, type OrderStatus } from '../services/order-rules.js';
import {
  cancelOrder,
  createOrder,
  getOrder,
  listOrders,
  payOrder,
  shipOrder,
  type CreateOrderInput,
  type OrderDeps,
} from '../services/orders.js';

export interface OrderRouteDeps extends OrderDeps {
  expiryMinutes: number;
}

interface ById {
  Params: { id: string };
}

const errors = { '4xx': ref('Error'), '5xx': ref('Error') };

export function registerOrderRoutes(app: FastifyInstance, deps: OrderRouteDeps): void {
  const present = (order: Order) => withExpiry(order, deps.expiryMinutes);
  const byId = { params: OrderParamsSchema, response: { 200: ref('Order'), ...errors } };

  app.post<{ Body: CreateOrderInput }>(
    '/orders',
    { schema: { body: ref('CreateOrder'), response: { 201: ref('Order'), ...errors } } },
    async (request, reply) => {
      const order = createOrder(deps, request.body);
      request.log.info({ event: 'order_created', order_id: order.id }, 'order created');
      return reply.code(201).send(present(order));
    },
  );

  app.get<{ Querystring: { status?: OrderStatus; limit?: string } }>(
    '/orders',
    { schema: { querystring: ListOrdersQuerySchema, response: { 200: ref('OrderList'), ...errors } } },
    async (request) => {
      const { status, limit } = request.query;
      const orders = listOrders(deps, { status, limit: limit ? Number(limit) : DEFAULT_PAGE_SIZE }).map(present);
      return { orders, count: orders.length };
    },
  );

  app.get<ById>('/orders/:id', { schema: byId }, async (request) => present(getOrder(deps, request.params.id)));

  app.post<ById & { Headers: { 'idempotency-key': string }; Body: { payment_reference: string } }>(
    '/orders/:id/pay',
    { schema: { ...byId, headers: PayOrderHeadersSchema, body: ref('PayOrder') } },
    async (request, reply) => {
      const { order, replayed } = payOrder(deps, {
        id: request.params.id,
        idempotencyKey: request.headers['idempotency-key'],
        paymentReference: request.body.payment_reference,
      });
      const event = replayed ? 'order_payment_replayed' : 'order_paid';
      request.log.info({ event, order_id: order.id }, replayed ? 'payment replayed from idempotency key' : 'order paid');
      return reply.header('idempotent-replayed', String(replayed)).send(present(order));
    },
  );

  app.post<ById>('/orders/:id/ship', { schema: byId }, async (request) => {
    const order = shipOrder(deps, request.params.id);
    request.log.info({ event: 'order_shipped', order_id: order.id }, 'order shipped');
    return present(order);
  });

  app.post<ById>('/orders/:id/cancel', { schema: byId }, async (request) => {
    const order = cancelOrder(deps, request.params.id);
    request.log.info({ event: 'order_cancelled', order_id: order.id }, 'order cancelled');
    return present(order);
  });
}
