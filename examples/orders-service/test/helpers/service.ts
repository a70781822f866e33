// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api
// Starts the real service on 127.0.0.1:0 with a temp SQLite file and captures its log lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../server/src/config.js';
import { startService, type RunningService, type StartOptions } from '../../server/src/start.js';

export type LogLine = Record<string, unknown>;

export interface TestService {
  baseUrl: string;
  dir: string;
  service: RunningService;
  logs: () => LogLine[];
  close: () => Promise<void>;
}

export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'orders-service-test-'));
}

export async function startTestService(overrides: Partial<Config> = {}, options: StartOptions = {}): Promise<TestService> {
  const dir = makeTempDir();
  const raw: string[] = [];
  const logStream = { write: (chunk: string) => void raw.push(...chunk.split('\n').filter(Boolean)) };
  const config = loadConfig({
    port: 0,
    host: '127.0.0.1',
    databasePath: join(dir, 'orders.db'),
    logFile: undefined,
    logLevel: 'info',
    expiryJobIntervalMs: 3_600_000, // tests trigger the job themselves
    ...overrides,
  });
  const service = await startService(config, { logStream, ...options });
  return {
    baseUrl: service.url,
    dir,
    service,
    logs: () => raw.map((line) => JSON.parse(line) as LogLine),
    close: async () => {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One real HTTP call; JSON bodies are sent as-is when given as a string (for malformed-JSON cases). */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export const sampleOrder = {
  customer_id: 'cust_42',
  currency: 'EUR',
  items: [
    { sku: 'BOOK-1', quantity: 2, unit_price_cents: 1250 },
    { sku: 'PEN-7', quantity: 3, unit_price_cents: 199 },
  ],
};
