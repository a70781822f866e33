import { Worker } from 'node:worker_threads';
import { SentinelError, type ErrorKind } from '../core/errors.js';
import type { RedactedOutcome, ToolCall } from './tool.js';
import type { FromWorker, ToWorker, WireError } from './worker-protocol.js';

/**
 * Runs a tool call somewhere else than the server's event loop: `call.args` as the client sent them
 * (checked there, arguments.ts), the outcome back redacted.
 */
export type ToolRunner = (tool: string, call: ToolCall) => Promise<RedactedOutcome>;

interface Pending {
  call: ToolCall;
  resolve(outcome: RedactedOutcome): void;
  reject(err: unknown): void;
}

function fromWire(error: WireError): Error {
  if (error.kind && error.code) {
    const err = new SentinelError(error.kind as ErrorKind, error.code, error.message, {
      ...(error.path ? { path: error.path } : {}),
      ...(error.line ? { line: error.line } : {}),
      ...(error.fix ? { fix: error.fix } : {}),
    });
    if (error.stack) err.stack = error.stack;
    return err;
  }
  const err = new Error(error.message);
  if (error.stack) err.stack = error.stack;
  return err;
}

/**
 * One worker thread, started on the first tool call, that runs every call (see worker.ts). A
 * worker that dies fails the calls it held and is started again on the next call.
 */
export function createWorkerRunner(script: URL): { run: ToolRunner; close(): Promise<void> } {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const start = (): Worker => {
    const w = new Worker(script);
    w.unref();
    w.on('message', (message: FromWorker) => {
      const entry = pending.get(message.id);
      if (!entry) return;
      if (message.type === 'progress') entry.call.progress(message.progress, message.total, message.message);
      else if (message.type === 'log') entry.call.log(message.message);
      else {
        pending.delete(message.id);
        if (message.type === 'done') entry.resolve(message.outcome);
        else entry.reject(fromWire(message.error));
      }
    });
    const fail = (err: unknown) => {
      if (worker === w) worker = undefined;
      for (const [id, entry] of pending) {
        pending.delete(id);
        entry.reject(err instanceof Error ? err : new Error(`sentinel mcp worker stopped: ${String(err)}`));
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`sentinel mcp worker exited with code ${code}`)));
    return w;
  };
  return {
    run(tool, call) {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<RedactedOutcome>((resolve, reject) => {
        pending.set(id, { call, resolve, reject });
        const message: ToWorker = { type: 'call', id, tool, root: call.root, config: call.config, caller: call.caller, args: call.args };
        w.postMessage(message);
        call.signal.addEventListener('abort', () => w.postMessage({ type: 'abort', id } satisfies ToWorker), { once: true });
      });
    },
    async close() {
      await worker?.terminate();
      worker = undefined;
    },
  };
}
