import type { Command } from 'commander';
import { lazyAction } from '../action.js';

/** `route` and `prompt`. */
export function registerRoute(program: Command): void {
  program
    .command('route <capsule>')
    .description('pick exactly one lead agent for a capsule, and explain why')
    .option('--prompt', 'render the LLM router prompt instead of routing')
    .option('--accept <file>', "check an LLM router's JSON answer (file or - for stdin) and log it if valid")
    .option('--no-log', 'do not append the decision to the router log')
    .option('--explain', 'score and explain every agent without logging or changing state')
    .action(
      lazyAction(
        () => import('../actions/route.js'),
        (m) => m.route,
      ),
    );

  program
    .command('prompt <capsule>')
    .description("render the lead agent's prompt for a capsule")
    .option('--agent <id>', 'render for this agent instead of the routed lead')
    .option('--pack', 'inline the Allowed Context files under a token budget')
    .option('--budget <tokens>', 'token budget for --pack (default from config)')
    .option('--out <file>', 'write the prompt to a file')
    .action(
      lazyAction(
        () => import('../actions/prompt.js'),
        (m) => m.prompt,
      ),
    );
}
