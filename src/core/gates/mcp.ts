import { realpathSync } from 'node:fs';
import { error, info } from '../diagnostics.js';
import type { Gate } from './types.js';

/** The script behind argv[1], links resolved; undefined when there is none. */
function resolvedEntry(argv1: string | undefined): string | undefined {
  if (!argv1) return undefined;
  try {
    return realpathSync(argv1);
  } catch {
    return undefined;
  }
}

/** The MCP smoke as a gate: the server this binary ships must start and answer every tool. */
export const gate: Gate = {
  name: 'mcp',
  description: 'the MCP server starts and answers every tool',
  async run(ctx) {
    // Inside a smoke's own server: checking the server again would recurse forever.
    if (ctx.caller.insideSmoke) return { status: 'skipped', diagnostics: [], data: {}, summary: 'inside an MCP smoke run' };
    // npx and node_modules/.bin start the CLI through a link named `sentinel`: resolve it first.
    const entry = resolvedEntry(ctx.caller.binary);
    if (!entry || !/\.(mjs|js|cjs)$/.test(entry)) {
      return {
        status: 'skipped',
        diagnostics: [
          info('MCP_NO_BINARY', 'Not running from the sentinel binary, so there is no server to start', { fix: 'Run `sentinel check` from the installed CLI' }),
        ],
        data: {},
        summary: 'no sentinel binary to start',
      };
    }
    const { runSmokeInOwnWorkspace } = await import('../mcp-smoke/run.js');
    const report = await runSmokeInOwnWorkspace({ binary: entry });
    const failed = report.steps.filter((s) => s.status === 'fail');
    const diagnostics = failed.map((s) =>
      error('MCP_SMOKE_FAILED', `MCP smoke step "${s.step}" failed: ${s.detail}`, {
        fix: 'Run `sentinel mcp smoke` to see every step, and `sentinel mcp --verbose` for server logs',
      }),
    );
    const summary = `${report.steps.length - failed.length}/${report.steps.length} steps passed in ${report.durationMs}ms`;
    return { status: failed.length ? 'fail' : 'ok', diagnostics, data: { steps: report.steps, durationMs: report.durationMs }, summary };
  },
};
