// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Shared schemas registered on the app so routes can `$ref` them by id.
import { ErrorSchema } from './error.js';
import { HealthSchema } from './health.js';
import { CreateOrderSchema, OrderListSchema, OrderSchema, PayOrderBodySchema } from './orders.js';

export const SHARED_SCHEMAS = [ErrorSchema, HealthSchema, CreateOrderSchema, OrderSchema, OrderListSchema, PayOrderBodySchema];

export const ref = (id: string): { $ref: string } => ({ $ref: `${id}#` });
