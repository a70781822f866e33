// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Request and response schemas for /orders. Fastify validates requests with them and serialises
// responses through them, so fields outside a response schema never leave the service.
import { CURRENCIES, isoTimeSchema, orderStatusSchema, UUID_PATTERN } from './common.js';

export const MAX_ITEMS = 50;
export const DEFAULT_PAGE_SIZE = 50;

export const CreateOrderSchema = {
  $id: 'CreateOrder',
  type: 'object',
  additionalProperties: false,
  required: ['customer_id', 'currency', 'items'],
  properties: {
    customer_id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    currency: { type: 'string', enum: [...CURRENCIES] },
    items: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_ITEMS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sku', 'quantity', 'unit_price_cents'],
        properties: {
          sku: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]{0,31}$' },
          quantity: { type: 'integer', minimum: 1, maximum: 1000 },
          unit_price_cents: { type: 'integer', minimum: 0, maximum: 10_000_000 },
        },
      },
    },
  },
} as const;

export const OrderSchema = {
  $id: 'Order',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'customer_id', 'status', 'currency', 'items', 'total_cents', 'created_at', 'updated_at', 'paid_at', 'payment_reference', 'expires_at'],
  properties: {
    id: { type: 'string', pattern: UUID_PATTERN },
    customer_id: { type: 'string' },
    status: orderStatusSchema,
    currency: { type: 'string', enum: [...CURRENCIES] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sku', 'quantity', 'unit_price_cents', 'line_total_cents'],
        properties: {
          sku: { type: 'string' },
          quantity: { type: 'integer', minimum: 1 },
          unit_price_cents: { type: 'integer', minimum: 0 },
          line_total_cents: { type: 'integer', minimum: 0 },
        },
      },
    },
    total_cents: { type: 'integer', minimum: 0 },
    created_at: isoTimeSchema,
    updated_at: isoTimeSchema,
    paid_at: { type: ['string', 'null'], format: 'date-time' },
    payment_reference: { type: ['string', 'null'] },
    expires_at: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

export const OrderListSchema = {
  $id: 'OrderList',
  type: 'object',
  additionalProperties: false,
  required: ['orders', 'count'],
  properties: {
    orders: { type: 'array', items: { $ref: 'Order#' } },
    count: { type: 'integer', minimum: 0 },
  },
} as const;

export const OrderParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: UUID_PATTERN } },
} as const;

export const ListOrdersQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: orderStatusSchema,
    // Query values arrive as text and type coercion is off, so the range is spelled as a pattern.
    limit: { type: 'string', pattern: '^(100|[1-9][0-9]?)$' },
  },
} as const;

export const PayOrderHeadersSchema = {
  type: 'object',
  required: ['idempotency-key'],
  properties: { 'idempotency-key': { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' } },
} as const;

export const PayOrderBodySchema = {
  $id: 'PayOrder',
  type: 'object',
  additionalProperties: false,
  required: ['payment_reference'],
  properties: { payment_reference: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
} as const;
