import type { Command } from 'commander';
import { lazyAction } from '../action.js';

export function registerMcp(program: Command): void {
  const mcp = program
    .command('mcp')
    .description('run the MCP server over stdio')
    .option('--tools <set>', 'tool set: all or core', 'all')
    .option('--verbose', 'log to stderr')
    .action(
      lazyAction(
        () => import('../actions/mcp.js'),
        (m) => m.serve,
      ),
    );
  mcp
    .command('smoke')
    .description('spawn the server and call every tool read-only')
    .action(
      lazyAction(
        () => import('../actions/mcp.js'),
        (m) => m.smoke,
      ),
    );

  const hook = program.command('hook').description('agent-client hooks (read hook JSON on stdin)');
  hook
    .command('pre-edit')
    .description("block an edit outside the active capsule's scope (exit 2)")
    .action(
      lazyAction(
        () => import('../hot-paths/pre-edit.js'),
        (m) => m.body,
      ),
    );
  hook
    .command('stop')
    .description('block finishing while `sentinel check` fails for the active capsule (exit 2)')
    .action(
      lazyAction(
        () => import('../hot-paths/stop.js'),
        (m) => m.body,
      ),
    );
  hook
    .command('commit-msg <file>')
    .description("git commit-msg hook: add the active capsule's Sentinel-Capsule/Decision/Evidence trailers")
    .action(
      lazyAction(
        () => import('../actions/hook.js'),
        (m) => m.commitMsg,
      ),
    );
}
