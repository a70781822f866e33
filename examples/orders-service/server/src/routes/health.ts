// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Liveness plus a one-query database check, for load balancers and the runbook's smoke test.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { ref } from '../schemas/index.js';

export function registerHealthRoutes(app: FastifyInstance, db: Db): void {
  app.get('/health', { schema: { response: { 200: ref('Health'), 503: ref('Health') } } }, async (request, reply) => {
    try {
      db.prepare('SELECT 1').get();
      return { status: 'ok', database: 'ok' };
    } catch (error) {
      request.log.error({ event: 'health_check_failed', err: error }, 'database check failed');
      return reply.code(503).send({ status: 'degraded', database: 'unavailable' });
    }
  });
}
