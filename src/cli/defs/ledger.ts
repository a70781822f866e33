import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { collect, group } from './shared.js';

/** `decide` and `decisions list | show | validate`. */
export function registerLedger(program: Command): void {
  program
    .command('decide')
    .description('append a decision to the ledger and print its id and provenance headers')
    .requiredOption('--author <agent>', 'who decided (agent id or person)')
    .requiredOption('--scope <text>', 'what the decision covers')
    .requiredOption('--decision <text>', 'the decision')
    .requiredOption('--rationale <text>', 'why')
    .option('--outputs <paths>', 'files produced (comma-separated or repeated)', collect)
    .option('--supersedes <id>', 'an earlier decision this one replaces')
    .option('--capsule <capsule>', 'the capsule it belongs to')
    .option('--dry-run', 'print the entry without writing')
    .action(
      lazyAction(
        () => import('../actions/ledger.js'),
        (m) => m.decide,
      ),
    );

  const decisions = group(program, 'decisions', 'the decision ledger');
  decisions
    .command('list')
    .description('list ledger entries')
    .action(
      lazyAction(
        () => import('../actions/ledger.js'),
        (m) => m.list,
      ),
    );
  decisions
    .command('show <id>')
    .description('show one entry')
    .action(
      lazyAction(
        () => import('../actions/ledger.js'),
        (m) => m.show,
      ),
    );
  decisions
    .command('validate')
    .description('check ledger integrity')
    .action(
      lazyAction(
        () => import('../actions/ledger.js'),
        (m) => m.validate,
      ),
    );
}
