// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Builds the Fastify app from its dependencies; no listening, no timers, so tests can build many.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db.js';
import { handleError } from './error-handler.js';
import type { Logger } from './logger.js';
import { createOrdersRepository } from './repositories/orders.js';
import { genReqId, RequestLogController } from './request-logging.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerOrderRoutes } from './routes/orders.js';
import { SHARED_SCHEMAS } from './schemas/index.js';

export interface AppOptions {
  db: Db;
  logger: Logger;
  config: Config;
  /** Injected so tests can pin time; defaults to the wall clock. */
  now?: () => Date;
}

export function buildApp({ db, logger, config, now = () => new Date() }: AppOptions): FastifyInstance {
  const app = Fastify({
    // Lines outside any request (startup, shutdown) still need a request_id: the app's own run id.
    loggerInstance: logger.child({ request_id: `app-${randomUUID()}` }) as FastifyBaseLogger,
    // Request loggers derive from the root logger so request_id is bound once, never duplicated.
    childLoggerFactory: (_parent, bindings, options): FastifyBaseLogger => logger.child(bindings, options),
    logController: new RequestLogController(),
    genReqId,
    requestIdHeader: false,
    bodyLimit: 64 * 1024,
    // Strict input: unknown fields are rejected (Fastify's default strips them) and "12" is not 12.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });

  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'route_not_found', message: `no route for ${request.method} ${request.url}`, request_id: request.id }),
  );

  registerHealthRoutes(app, db);
  registerOrderRoutes(app, {
    repo: createOrdersRepository(db),
    now,
    newId: randomUUID,
    expiryMinutes: config.orderExpiryMinutes,
  });
  return app;
}

export type App = FastifyInstance;
