import type { SentinelConfig } from '../core/workspace/config-types.js';
import type { Caller } from '../core/workspace/caller.js';
import type { RedactedOutcome } from './tool.js';

/** Main thread → worker (`args` unchecked: the worker checks them). */
export type ToWorker =
  | { type: 'call'; id: number; tool: string; root: string; config: SentinelConfig; caller: Caller; args: Record<string, unknown> }
  | { type: 'abort'; id: number };

/** A SentinelError or Error, flattened to cross the thread boundary. */
export interface WireError {
  kind?: string;
  code?: string;
  message: string;
  path?: string;
  line?: number;
  fix?: string;
  stack?: string;
}

/** Worker → main thread. */
export type FromWorker =
  | { type: 'progress'; id: number; progress: number; total?: number; message?: string }
  | { type: 'log'; id: number; message: string }
  /** Redacted in the worker: masking megabytes of output would stall the server's event loop. */
  | { type: 'done'; id: number; outcome: RedactedOutcome }
  | { type: 'error'; id: number; error: WireError };
