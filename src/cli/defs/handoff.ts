import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { baseOption } from './shared.js';

/** `handoff`. */
export function registerHandoff(program: Command): void {
  program
    .command('handoff <capsule>')
    .description('create a follow-up capsule for another role, or suggest which roles to tag')
    .option('--to <agent>', 'the role to hand off to')
    .option('--reason <text>', 'why')
    .option('--suggest', "propose handoffs from the lead's HANDOFF phase and the capsule's diff")
    .addOption(baseOption())
    .action(
      lazyAction(
        () => import('../actions/handoff.js'),
        (m) => m.handoff,
      ),
    );
}
