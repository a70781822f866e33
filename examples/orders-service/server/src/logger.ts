// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0009 Capsule=orders-api
// pino logger shaped by ops/logging/schema.json: `ts` ISO time, string `level`, redaction from redaction.json.
import { readFileSync } from 'node:fs';
import { pino, type DestinationStream, type Logger, type StreamEntry } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

const REDACTION_FILE = new URL('../../ops/logging/redaction.json', import.meta.url);
export const REDACTION_CENSOR = '[Redacted]';

export interface LoggerOptions {
  level: LogLevel;
  /** Also append JSON lines to this file (created with its folder if missing). */
  file?: string | undefined;
  /** Write to this stream instead of stdout (tests capture lines this way). */
  stream?: DestinationStream;
  /** Set false to keep stdout quiet (the log-producing script only wants the file). */
  stdout?: boolean;
}

export function createLogger(options: LoggerOptions): Logger {
  const level = options.level;
  const entries: StreamEntry[] = [];
  // Sync destinations: a small service; losing the last lines on shutdown would hide the cause.
  if (options.stream) entries.push({ level, stream: options.stream });
  else if (options.stdout !== false) entries.push({ level, stream: pino.destination({ dest: 1, sync: true }) });
  if (options.file) entries.push({ level, stream: pino.destination({ dest: options.file, sync: true, mkdir: true }) });

  return pino(
    {
      level,
      base: { service: 'orders-service' },
      timestamp: () => `,"ts":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: toRedactPaths(loadRedactionKeys()), censor: REDACTION_CENSOR },
      serializers: { err: pino.stdSerializers.err },
    },
    pino.multistream(entries),
  );
}

export function loadRedactionKeys(file: URL | string = REDACTION_FILE): string[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || !keys.every((key): key is string => typeof key === 'string' && key.length > 0)) {
    throw new Error(`${String(file)}: "keys" must be an array of non-empty strings`);
  }
  return keys;
}

/**
 * Dotted keys are exact paths; a bare name (e.g. `password`) is masked at the top level and one
 * level down, where request/response payload objects sit.
 */
export function toRedactPaths(keys: string[]): string[] {
  const paths = new Set<string>();
  for (const key of keys) {
    const path = key.split('.').map((segment, index) => pathSegment(segment, index === 0)).join('');
    paths.add(path);
    if (!key.includes('.')) paths.add(`*${pathSegment(key, false)}`);
  }
  return [...paths];
}

function pathSegment(segment: string, first: boolean): string {
  if (/^[A-Za-z_$][\w$]*$/.test(segment)) return first ? segment : `.${segment}`;
  return `[${JSON.stringify(segment)}]`;
}
