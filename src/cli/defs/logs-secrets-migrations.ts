import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { baseOption, group } from './shared.js';

/** `logs check`, `secrets scan` and `migrations check`. */
export function registerLogsSecretsMigrations(program: Command): void {
  group(program, 'logs', 'Observer log checks')
    .command('check [files...]')
    .description('validate JSONL logs against the log schema and scan them for secrets')
    .option('--schema <path>', 'log schema (default from config)')
    .action(
      lazyAction(
        () => import('../actions/logs.js'),
        (m) => m.logsCheck,
      ),
    );

  group(program, 'secrets', 'secret scanning')
    .command('scan [paths...]')
    .description('scan files (default: changed since base) for secrets; findings are masked')
    .addOption(baseOption())
    .option('--all', 'scan every file of the workspace (tracked and untracked, git-ignored ones left out)')
    .action(
      lazyAction(
        () => import('../actions/secrets.js'),
        (m) => m.secretsScan,
      ),
    );

  group(program, 'migrations', 'forward-only migrations')
    .command('check')
    .description('fail on modified, renamed or deleted migrations')
    .addOption(baseOption())
    .action(
      lazyAction(
        () => import('../actions/migrations.js'),
        (m) => m.check,
      ),
    );
}
