// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Maps every failure to the Error schema body; only unexpected errors are logged at error level.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from './schemas/error.js';
import { DomainError } from './services/errors.js';

const CLIENT_ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export function handleError(error: FastifyError | DomainError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const send = (status: number, code: string, message: string) =>
    reply.code(status).send({ error: code, message, request_id: request.id } satisfies ErrorBody);

  if (error instanceof DomainError) {
    request.log.info({ event: 'request_rejected', error_code: error.code }, error.message);
    return send(error.statusCode, error.code, error.message);
  }
  if (error.validation) return send(400, 'validation_failed', error.message);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return send(status, CLIENT_ERROR_CODES[status] ?? 'bad_request', error.message);

  request.log.error({ event: 'request_failed', err: error }, 'unhandled error');
  return send(500, 'internal_error', 'internal server error');
}
