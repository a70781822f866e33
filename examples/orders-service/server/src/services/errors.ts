// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Domain errors carry their HTTP status so routes stay thin and the error handler maps them once.
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (id: string): DomainError => new DomainError('order_not_found', 404, `order ${id} does not exist`);
