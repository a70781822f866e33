import type { Command } from 'commander';
import { lazyAction } from '../action.js';

/** `init` and `config`. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('scaffold .sentinel/ (config, roster, limits, example contract, ledger, runbook, sample capsule)')
    .option('--dry-run', 'print the plan, write nothing')
    .option('--force', 'replace changed files, keeping a .bak copy of each')
    .option('--client <clients>', 'also wire MCP clients: claude,codex,cursor,vscode,gemini or all')
    .option('--git-hooks', 'also install the commit-msg hook (through husky or lefthook when the repository uses them)')
    .action(
      lazyAction(
        () => import('../actions/init.js'),
        (m) => m.init,
      ),
    );

  program
    .command('config')
    .description('print the resolved configuration, or its JSON Schema')
    .option('--schema', 'print the JSON Schema of .sentinel/config.json')
    .action(
      lazyAction(
        () => import('../actions/config.js'),
        (m) => m.config,
      ),
    );
}
