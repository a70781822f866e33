// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// The one error body every non-2xx response uses.
export const ErrorSchema = {
  $id: 'Error',
  type: 'object',
  additionalProperties: false,
  required: ['error', 'message', 'request_id'],
  properties: {
    error: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
    message: { type: 'string' },
    request_id: { type: 'string' },
  },
} as const;

export interface ErrorBody {
  error: string;
  message: string;
  request_id: string;
}
