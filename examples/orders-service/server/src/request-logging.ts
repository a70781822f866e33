// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0009 Capsule=orders-api
// Request ids and per-request log lines, named the way ops/logging/schema.json expects.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Trust a caller's x-request-id only if it is short and plain, so it cannot forge log content. */
export function genReqId(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'request_id' });
  }

  override incomingRequest(request: FastifyRequest): void {
    // Headers are logged whole on purpose: redaction.json, not this list, decides what is masked.
    const req = { method: request.method, url: request.url, headers: { ...request.headers } };
    request.log.info({ event: 'request_received', req }, 'request received');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const fields = {
      event: 'request_completed',
      method: request.method,
      url: request.url,
      status_code: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) reply.log.error({ ...fields, err: error }, 'request failed');
    else reply.log.info(fields, 'request completed');
  }
}
