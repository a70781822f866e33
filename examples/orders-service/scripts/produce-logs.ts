// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api
// Runs the real service briefly on a loopback port so its logs can be checked: three representative
// requests (create, get, pay) and one expiry-job run, written as JSON lines to LOG_FILE
// (default logs/service.jsonl, relative to this package). The database is a throwaway temp file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/src/config.js';
import { startService } from '../server/src/start.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Step {
  name: string;
  expected: number;
  status: number;
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-service-logs-'));
  const base = loadConfig();
  const logFile = resolve(PACKAGE_DIR, base.logFile ?? 'logs/service.jsonl');
  rmSync(logFile, { force: true }); // each run produces a fresh file
  const config = { ...base, port: 0, host: '127.0.0.1', databasePath: join(dataDir, 'orders.db'), logFile };
  const service = await startService(config, { stdout: false });
  const steps: Step[] = [];
  try {
    const send = async (name: string, expected: number, path: string, init: RequestInit = {}) => {
      const response = await fetch(`${service.url}${path}`, init);
      steps.push({ name, expected, status: response.status });
      return (await response.json()) as { id?: string };
    };
    const json = { 'content-type': 'application/json' };
    const order = await send('create order', 201, '/orders', {
      method: 'POST',
      // The Authorization header shows redaction at work: the log keeps "[Redacted]", not the value.
      headers: { ...json, authorization: 'Bearer demo', 'x-request-id': 'demo-create-1' },
      body: JSON.stringify({ customer_id: 'cust_demo', currency: 'EUR', items: [{ sku: 'BOOK-1', quantity: 2, unit_price_cents: 1250 }] }),
    });
    await send('get order', 200, `/orders/${order.id ?? ''}`);
    await send('pay order', 200, `/orders/${order.id ?? ''}/pay`, {
      method: 'POST',
      headers: { ...json, 'idempotency-key': `demo-pay-${order.id ?? ''}` },
      body: JSON.stringify({ payment_reference: 'psp_demo_1' }),
    });
    const run = service.runExpiryJob();
    steps.push({ name: `expiry job (${run.expiredIds.length} expired)`, expected: 0, status: 0 });
  } finally {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const lines = readFileSync(logFile, 'utf8').trim().split('\n').length;
  for (const step of steps) console.log(`  ${step.status === step.expected ? 'ok ' : 'BAD'} ${step.name}${step.status ? ` → ${step.status}` : ''}`);
  console.log(`wrote ${lines} log lines to ${relative(process.cwd(), logFile) || logFile}`);
  return steps.every((step) => step.status === step.expected) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
