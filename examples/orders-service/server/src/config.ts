// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// The only module that reads the environment, so the runbook's env table has one place to match.

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  logLevel: LogLevel;
  /** Extra JSON-lines destination next to stdout; undefined means stdout only. */
  logFile: string | undefined;
  orderExpiryMinutes: number;
  expiryJobIntervalMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; `overrides` win (tests and scripts use them). */
export function loadConfig(overrides: Partial<Config> = {}): Config {
  const fromEnv: Config = {
    port: parseInteger('PORT', process.env.PORT, 3000, 0, 65_535),
    host: text(process.env.HOST) ?? '127.0.0.1',
    databasePath: text(process.env.DATABASE_PATH) ?? 'data/orders.db',
    logLevel: parseLevel(process.env.LOG_LEVEL),
    logFile: text(process.env.LOG_FILE),
    orderExpiryMinutes: parseInteger('ORDER_EXPIRY_MINUTES', process.env.ORDER_EXPIRY_MINUTES, 30, 1, 10_080),
    expiryJobIntervalMs: parseInteger('EXPIRY_JOB_INTERVAL_MS', process.env.EXPIRY_JOB_INTERVAL_MS, 60_000, 1_000, 86_400_000),
  };
  return { ...fromEnv, ...overrides };
}

/** Empty strings count as unset, so `FOO= npm start` behaves like not setting FOO. */
function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  const value = text(raw);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number, got "${value}"`);
  const parsed = Number(value);
  if (parsed < min || parsed > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${parsed}`);
  return parsed;
}

function parseLevel(raw: string | undefined): LogLevel {
  const value = text(raw)?.toLowerCase() ?? 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === value);
  if (!level) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return level;
}
