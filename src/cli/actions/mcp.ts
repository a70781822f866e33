import { format } from 'node:util';
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usageError } from '../../core/errors.js';
import type { ActionBody } from '../action.js';
import { formatTable } from '../render/table.js';
import { VERSION } from '../version.js';

/** Room for the JSON-RPC envelope around arguments of mcp.maxInputBytes. */
const ENVELOPE_BYTES = 16 * 1024;

/**
 * `sentinel mcp`: serve MCP over stdio until stdin ends. stdout carries protocol only: anything
 * else that writes to it (a stray console.log in some module) is sent to stderr instead.
 */
export const serve: ActionBody = async (ctx, _args, opts) => {
  const toolset = String(opts.tools ?? 'all');
  if (toolset !== 'all' && toolset !== 'core')
    throw usageError('MCP_TOOLSET', `--tools "${toolset}" is not a tool set`, { fix: 'Use --tools all or --tools core' });
  const verbose = Boolean(opts.verbose);
  const log = verbose ? (message: string) => process.stderr.write(`[sentinel mcp] ${message}\n`) : () => {};
  const [{ createServer }, { LineTransport }, { startupMaxInputBytes }] = await Promise.all([
    import('../../mcp/server.js'),
    import('../../mcp/stdio.js'),
    import('../../mcp/limits.js'),
  ]);
  // The config is validated per request (tools report a broken one); start-up reads only the limit.
  const maxInputBytes = startupMaxInputBytes(ctx.root);
  const loadConfig = async (root: string) => (await import('../../core/workspace/config.js')).loadConfig(root);

  const stdout = process.stdout;
  const writeProtocol = stdout.write.bind(stdout) as (chunk: string) => boolean;
  stdout.write = ((chunk: unknown, ...rest: unknown[]) => (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof stdout.write;
  const toStderr = (...items: unknown[]) => (verbose ? process.stderr.write(`${format(...items)}\n`) : true);
  console.log = console.info = console.debug = toStderr;

  const transport = new LineTransport(
    { input: process.stdin, write: writeProtocol, onceDrain: (resolve) => stdout.once('drain', resolve) },
    maxInputBytes + ENVELOPE_BYTES,
  );
  // Tool calls run on a worker thread so the server keeps answering (ping, cancellation) meanwhile.
  const workerScript = new URL('./mcp-worker.mjs', import.meta.url);
  const runner = existsSync(fileURLToPath(workerScript)) ? (await import('../../mcp/worker-runner.js')).createWorkerRunner(workerScript) : undefined;
  const server = createServer({
    root: ctx.root,
    loadConfig,
    toolset,
    caller: ctx.caller,
    log,
    version: VERSION,
    redact: ctx.redact,
    ...(runner ? { runTool: runner.run } : {}),
  });
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  server.onerror = (err) => log(`protocol: ${err.message}`);
  const stop = () => void server.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A client that closed our stdout reads no more answers (EPIPE; src/cli/main.ts drops the writes).
  stdout.once('error', stop);
  await server.connect(transport);
  log(`serving ${ctx.root} (${toolset} tools, max input ${maxInputBytes} bytes)`);
  await closed;
  await runner?.close();
  process.stdin.destroy();
  return 0;
};

/** `sentinel mcp smoke`: start this very binary as a server and exercise it. */
export const smoke: ActionBody = async (ctx) => {
  const { runSmokeInOwnWorkspace } = await import('../../core/mcp-smoke/run.js');
  const report = await runSmokeInOwnWorkspace({ binary: realpathSync(process.argv[1]!) });
  if (ctx.json) {
    ctx.printJson(report);
    return report.ok ? 0 : 1;
  }
  const label = (s: string) => (s === 'ok' ? ctx.style.green('ok') : s === 'fail' ? ctx.style.red('fail') : ctx.style.dim('skipped'));
  ctx.out(
    formatTable(
      ['STEP', 'STATUS', 'TIME', 'DETAIL'],
      report.steps.map((s) => [s.step, label(s.status), `${s.durationMs}ms`, s.detail]),
    ),
  );
  const failed = report.steps.filter((s) => s.status === 'fail').length;
  ctx.out(
    `\nmcp smoke ${report.ok ? ctx.style.green('ok') : ctx.style.red('fail')}: ${report.steps.length} steps, ${failed} failed, in ${report.durationMs}ms`,
  );
  return report.ok ? 0 : 1;
};
