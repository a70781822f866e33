// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Shared schema pieces. Patterns are explicit so contracts and clients can read the rules.
import { ORDER_STATUSES } from '../services/order-rules.js';

export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;

export const orderStatusSchema = { type: 'string', enum: [...ORDER_STATUSES] } as const;
export const isoTimeSchema = { type: 'string', format: 'date-time' } as const;
