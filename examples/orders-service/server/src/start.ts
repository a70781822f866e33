// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Wires a running service: database (migrated), logger, app, listener and the expiry schedule.
import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { applyMigrations } from '../../db/migrator.js';
import { buildApp, type App } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './db.js';
import { runExpireUnpaidOrders, scheduleExpireUnpaidOrders, type ExpiryRun } from './jobs/expire-unpaid-orders.js';
import { createLogger, type Logger } from './logger.js';
import { createOrdersRepository } from './repositories/orders.js';

export interface RunningService {
  app: App;
  url: string;
  logger: Logger;
  runExpiryJob: () => ExpiryRun;
  stop: () => Promise<void>;
}

export interface StartOptions {
  logStream?: DestinationStream;
  stdout?: boolean;
  now?: () => Date;
}

export async function startService(config: Config, options: StartOptions = {}): Promise<RunningService> {
  const logger = createLogger({
    level: config.logLevel,
    file: config.logFile,
    ...(options.logStream ? { stream: options.logStream } : {}),
    ...(options.stdout === false ? { stdout: false } : {}),
  });
  const bootLog = logger.child({ request_id: `boot-${randomUUID()}` });
  const db = openDatabase(config.databasePath);
  try {
    // Applying at startup keeps dev simple; the runner refuses edited history, so this stays safe.
    applyMigrations(db, {
      onApplied: (file, duration_ms) => bootLog.info({ event: 'migration_applied', migration: file.name, duration_ms }, 'migration applied'),
    });
  } catch (error) {
    bootLog.fatal({ event: 'migration_refused', err: error }, 'database migrations refused; service not started');
    db.close();
    throw error;
  }

  const now = options.now ?? (() => new Date());
  const app = buildApp({ db, logger, config, now });
  const jobDeps = { repo: createOrdersRepository(db), logger, expiryMinutes: config.orderExpiryMinutes, now };
  const schedule = scheduleExpireUnpaidOrders({ ...jobDeps, intervalMs: config.expiryJobIntervalMs });
  app.addHook('onClose', async () => {
    schedule.stop();
    db.close();
  });

  try {
    const url = await app.listen({ port: config.port, host: config.host });
    return { app, url, logger, runExpiryJob: () => runExpireUnpaidOrders(jobDeps), stop: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}
