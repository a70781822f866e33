import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { baseOption, group } from './shared.js';

/** `pr body`. */
export function registerPr(program: Command): void {
  group(program, 'pr', 'pull requests')
    .command('body')
    .description(
      "print the pull-request description: capsule Goal, acceptance criteria and their evidence, gates, decisions, each changed file's provenance, handoffs",
    )
    .option('--capsule <capsule>', 'capsule slug, id or path (default: the capsules whose outputs the branch changes, else the active one)')
    .addOption(baseOption())
    .option('--report <file>', 'take the gate results from this `sentinel check --json` file instead of the latest `capsule done` evidence')
    .option('--comment', 'also post it as one pull-request comment (updated on later runs) with GITHUB_TOKEN')
    .option('--pr <number>', 'pull request number for --comment (default: from the GitHub Actions event)')
    .action(
      lazyAction(
        () => import('../actions/pr.js'),
        (m) => m.prBody,
      ),
    );
}
