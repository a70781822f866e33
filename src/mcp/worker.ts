import { parentPort } from 'node:worker_threads';
import { createRedactor, secretEnvValues } from '../core/secrets/redact.js';
import { enableWarmState, withCallStamps } from '../core/workspace/warm.js';
import { enableWarmGit } from '../core/workspace/warm-git.js';
import { checkedArguments } from './arguments.js';
import { allTools } from './registry.js';
import { redactOutcome, type ToolDefinition } from './tool.js';
import type { FromWorker, ToWorker, WireError } from './worker-protocol.js';

/**
 * The MCP server's tool thread: every tools/call runs here, so CPU-heavy work (token counting,
 * secret scans, schema checks) never blocks the server's event loop and `ping` keeps answering.
 */
const port = parentPort;
if (!port) throw new Error('sentinel mcp worker: start me with new Worker()');
// This thread lives as long as the server: workspace facts stay in memory between calls.
enableWarmState();
// And so do git's answers (HEAD, refs, the index listing, the diff against the base) while what git reads is unchanged.
enableWarmGit();
const tools = new Map<string, ToolDefinition>(allTools().map((t) => [t.name, t]));
const running = new Map<number, AbortController>();
const send = (message: FromWorker) => port.postMessage(message);
// The server's redactor, rebuilt here from the same environment (a worker gets a copy of it), so
// results are masked on this thread and the event loop only forwards them.
// It keeps each string's masking: a warm status at 1,000 capsules masked the same 350 KB on every call.
const redact = createRedactor({ envValues: secretEnvValues(process.env), keep: true });

function wireError(err: unknown): WireError {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & Omit<WireError, 'message'>;
  return {
    message: e.message,
    ...(e.kind ? { kind: e.kind } : {}),
    ...(e.code ? { code: e.code } : {}),
    ...(e.path ? { path: e.path } : {}),
    ...(e.line ? { line: e.line } : {}),
    ...(e.fix ? { fix: e.fix } : {}),
    ...(e.stack ? { stack: e.stack } : {}),
  };
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    running.get(message.id)?.abort();
    return;
  }
  const { id } = message;
  const tool = tools.get(message.tool);
  if (!tool) {
    send({ type: 'error', id, error: { message: `Unknown tool "${message.tool}"` } });
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  // A call that writes nothing stats a folder or file at most once (warm.ts), after it began; one that
  // writes (or runs project commands, as check does) must see its own writes, so it stamps afresh.
  const writesNothing = tool.annotations.readOnlyHint === true && tool.name !== 'sentinel_check';
  (writesNothing ? withCallStamps : (run: () => Promise<void>) => run())(() =>
    checkedArguments(message.root, tool, message.args)
      .then((args) =>
        tool.handler({
          root: message.root,
          config: message.config,
          caller: message.caller,
          args,
          signal: controller.signal,
          progress: (progress, total, text) =>
            // Progress text can name a request URL or a command line: masked like the result.
            send({ type: 'progress', id, progress, ...(total !== undefined ? { total } : {}), ...(text !== undefined ? { message: redact.text(text) } : {}) }),
          log: (text) => send({ type: 'log', id, message: text }),
          redact,
        }),
      )
      .then(
        (outcome) => send({ type: 'done', id, outcome: redactOutcome(outcome, redact) }),
        (err: unknown) => send({ type: 'error', id, error: wireError(err) }),
      )
      .finally(() => running.delete(id)),
  );
});
