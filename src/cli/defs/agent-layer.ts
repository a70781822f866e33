import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { baseOption, group } from './shared.js';

export function registerAgentLayer(program: Command): void {
  program
    .command('route <capsule>')
    .description('pick exactly one lead agent for a capsule, and explain why')
    .option('--prompt', 'render the LLM router prompt instead of routing')
    .option('--accept <file>', "check an LLM router's JSON answer (file or - for stdin) and log it if valid")
    .option('--no-log', 'do not append the decision to the router log')
    .option('--explain', 'score and explain every agent without logging or changing state')
    .action(lazyAction(() => import('../actions/route.js'), (m) => m.route));

  program
    .command('prompt <capsule>')
    .description("render the lead agent's prompt for a capsule")
    .option('--agent <id>', 'render for this agent instead of the routed lead')
    .option('--pack', 'inline the Allowed Context files under a token budget')
    .option('--budget <tokens>', 'token budget for --pack (default from config)')
    .option('--out <file>', 'write the prompt to a file')
    .action(lazyAction(() => import('../actions/prompt.js'), (m) => m.prompt));

  program
    .command('status')
    .description('every capsule with lead, phase, gates and age')
    .option('--repair <capsule>', 'rebuild a hand-edited state file from the router log (phase, gates and evidence are dropped)')
    .action(lazyAction(() => import('../actions/lifecycle.js'), (m) => m.status));

  const capsule = group(program, 'capsule', 'create, validate and track capsules');
  capsule
    .command('phase <capsule> <phase>')
    .description("record progress through the lead's playbook phases (forward only)")
    .action(lazyAction(() => import('../actions/lifecycle.js'), (m) => m.phase));
  capsule
    .command('done <capsule>')
    .description("run the capsule's gates and, if they pass, mark it done with evidence")
    .addOption(baseOption())
    .action(lazyAction(() => import('../actions/lifecycle.js'), (m) => m.done));
  capsule
    .command('block <capsule>')
    .description('mark a capsule blocked, with the reason')
    .requiredOption('--reason <text>', 'why it is blocked')
    .action(lazyAction(() => import('../actions/lifecycle.js'), (m) => m.block));

  program
    .command('handoff <capsule>')
    .description('create a follow-up capsule for another role, or suggest which roles to tag')
    .option('--to <agent>', 'the role to hand off to')
    .option('--reason <text>', 'why')
    .option('--suggest', "propose handoffs from the lead's HANDOFF phase and the capsule's diff")
    .addOption(baseOption())
    .action(lazyAction(() => import('../actions/handoff.js'), (m) => m.handoff));
}
