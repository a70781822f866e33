/**
 * Errors a user can hit. `kind` decides the exit code in one place ({@link exitCodeFor}):
 * usage/config → 2, check → 1.
 */
export type ErrorKind = 'usage' | 'config' | 'check';

interface ErrorLocation {
  path?: string;
  line?: number;
  fix?: string;
}

export class SentinelError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly path?: string;
  readonly line?: number;
  readonly fix?: string;

  constructor(kind: ErrorKind, code: string, message: string, where: ErrorLocation = {}) {
    super(message);
    this.name = 'SentinelError';
    this.kind = kind;
    this.code = code;
    if (where.path !== undefined) this.path = where.path;
    if (where.line !== undefined) this.line = where.line;
    if (where.fix !== undefined) this.fix = where.fix;
  }
}

export const usageError = (code: string, message: string, where?: ErrorLocation) => new SentinelError('usage', code, message, where);
export const configError = (code: string, message: string, where?: ErrorLocation) => new SentinelError('config', code, message, where);

export function exitCodeFor(kind: ErrorKind): number {
  return kind === 'check' ? 1 : 2;
}

/** What a refused or crashed call answers, the same on both edges: `--json` stdout and MCP structuredContent. */
export interface ErrorDocument {
  ok: false;
  /** `error CODE: message (path:line) — fix: …`: the one line a person or a model acts on. */
  summary: string;
  error: { kind: ErrorKind | 'internal'; code: string; message: string; path?: string; line?: number; fix?: string };
}

export function errorDocument(err: unknown): ErrorDocument {
  const error: ErrorDocument['error'] =
    err instanceof SentinelError
      ? {
          kind: err.kind,
          code: err.code,
          message: err.message,
          ...(err.path !== undefined ? { path: err.path } : {}),
          ...(err.line !== undefined ? { line: err.line } : {}),
          ...(err.fix !== undefined ? { fix: err.fix } : {}),
        }
      : { kind: 'internal', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  const where = error.path ? ` (${error.path}${error.line ? `:${error.line}` : ''})` : '';
  return { ok: false, summary: `error ${error.code}: ${error.message}${where}${error.fix ? ` — fix: ${error.fix}` : ''}`, error };
}
