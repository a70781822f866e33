/**
 * Errors a user can hit. `kind` decides the exit code in one place (src/cli/run.ts):
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

  toJSON() {
    return { kind: this.kind, code: this.code, message: this.message, path: this.path, line: this.line, fix: this.fix };
  }
}

export const usageError = (code: string, message: string, where?: ErrorLocation) => new SentinelError('usage', code, message, where);
export const configError = (code: string, message: string, where?: ErrorLocation) => new SentinelError('config', code, message, where);

export function exitCodeFor(kind: ErrorKind): number {
  return kind === 'check' ? 1 : 2;
}
