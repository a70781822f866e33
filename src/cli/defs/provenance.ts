import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { baseOption, group } from './shared.js';

/** `stamp` and `provenance check`. */
export function registerProvenance(program: Command): void {
  program
    .command('stamp <files...>')
    .description("insert or update the provenance header in each file's comment syntax")
    .requiredOption('--decision <id>', 'the ledger decision that produced the files')
    .option('--agent <id>', 'the producing agent (default: the active capsule lead)')
    .option('--capsule <capsule>', 'the capsule id to record')
    .option('--dry-run', 'show what would change')
    .action(
      lazyAction(
        () => import('../actions/provenance.js'),
        (m) => m.stamp,
      ),
    );

  group(program, 'provenance', 'provenance headers')
    .command('check')
    .description('check headers on changed files against the ledger and roster')
    .addOption(baseOption())
    .option('--all', 'check every file, not only the changed ones')
    .option('--full', 'list every diagnostic (long lists are otherwise summarised)')
    .action(
      lazyAction(
        () => import('../actions/provenance.js'),
        (m) => m.check,
      ),
    );
}
