import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { group } from './shared.js';

/** `runbook set | append | check`. */
export function registerRunbook(program: Command): void {
  const runbook = group(program, 'runbook', 'runbooks kept by the agents');
  for (const mode of ['set', 'append'] as const) {
    runbook
      .command(mode)
      .description(mode === 'set' ? 'replace one H2 section' : 'append to one H2 section (idempotent)')
      .requiredOption('--file <path>', 'runbook file, e.g. ops/backend/runbook.md')
      .requiredOption('--section <name>', 'H2 section name')
      .option('--text <text>', 'the content')
      .option('--from-file <path>', 'read the content from a file')
      .option('--role <agent>', 'role whose template creates a missing runbook', 'backender')
      .action(
        lazyAction(
          () => import('../actions/runbook.js'),
          (m) => (mode === 'set' ? m.set : m.append),
        ),
      );
  }
  runbook
    .command('check')
    .description('check required sections and the environment-variable matrix')
    .action(
      lazyAction(
        () => import('../actions/runbook.js'),
        (m) => m.check,
      ),
    );
}
