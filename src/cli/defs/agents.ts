import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { group } from './shared.js';

/** `agents list | show | check`. */
export function registerAgents(program: Command): void {
  const agents = group(program, 'agents', 'the agent roster');
  agents
    .command('list')
    .description('list discovered agents')
    .action(
      lazyAction(
        () => import('../actions/agents.js'),
        (m) => m.list,
      ),
    );
  agents
    .command('show <id>')
    .description('show one agent with its playbook phases')
    .action(
      lazyAction(
        () => import('../actions/agents.js'),
        (m) => m.show,
      ),
    );
  agents
    .command('check')
    .description('validate agent.json files and report rules drift (content changed, version did not)')
    .option('--update', 'record the current content hash for each declared version')
    .action(
      lazyAction(
        () => import('../actions/agents.js'),
        (m) => m.check,
      ),
    );
}
