// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0006 Capsule=orders-api
// Background job: pending orders older than ORDER_EXPIRY_MINUTES become `expired`.
// Idempotent by construction: one conditional UPDATE, so a second run finds nothing left to change.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { OrdersRepository } from '../repositories/orders.js';
import { expiryCutoff } from '../services/order-rules.js';

export const JOB_NAME = 'expire-unpaid-orders';

export interface ExpiryJobDeps {
  repo: OrdersRepository;
  logger: Logger;
  expiryMinutes: number;
  now?: () => Date;
}

export interface ExpiryRun {
  runId: string;
  expiredIds: string[];
}

export function runExpireUnpaidOrders({ repo, logger, expiryMinutes, now = () => new Date() }: ExpiryJobDeps): ExpiryRun {
  const runId = `job-${randomUUID()}`;
  // The run id stands in for a request id so every job line is still traceable as one unit.
  const log = logger.child({ request_id: runId, job: JOB_NAME });
  const started = performance.now();
  const at = now();
  const cutoff = expiryCutoff(at, expiryMinutes);
  log.info({ event: 'job_started' }, `expiring pending orders created before ${cutoff}`);
  const expiredIds = repo.expirePendingCreatedBefore(cutoff, at.toISOString());
  for (const id of expiredIds) log.info({ event: 'order_expired', order_id: id }, 'order expired');
  const duration_ms = Math.round((performance.now() - started) * 100) / 100;
  log.info({ event: 'job_completed', expired_count: expiredIds.length, duration_ms }, 'expiry job finished');
  return { runId, expiredIds };
}

/** Runs the job every `intervalMs`; a failed run is logged and the next one tries again. */
export function scheduleExpireUnpaidOrders(deps: ExpiryJobDeps & { intervalMs: number }): { stop: () => void } {
  const timer = setInterval(() => {
    try {
      runExpireUnpaidOrders(deps);
    } catch (error) {
      deps.logger.child({ request_id: `job-${randomUUID()}`, job: JOB_NAME }).error({ event: 'job_failed', err: error }, 'expiry job failed');
    }
  }, deps.intervalMs);
  timer.unref(); // the schedule alone must not keep the process alive
  return { stop: () => clearInterval(timer) };
}
