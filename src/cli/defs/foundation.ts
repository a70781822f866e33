import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { collect, group } from './shared.js';

export function registerFoundation(program: Command): void {
  program
    .command('init')
    .description('scaffold .sentinel/ (config, roster, limits, example contract, ledger, runbook, sample capsule)')
    .option('--dry-run', 'print the plan, write nothing')
    .option('--force', 'replace changed files, keeping a .bak copy of each')
    .option('--client <clients>', 'also wire MCP clients: claude,codex,cursor,vscode,gemini or all')
    .action(lazyAction(() => import('../actions/init.js'), (m) => m.init));

  program
    .command('config')
    .description('print the resolved configuration, or its JSON Schema')
    .option('--schema', 'print the JSON Schema of .sentinel/config.json')
    .action(lazyAction(() => import('../actions/config.js'), (m) => m.config));

  const agents = group(program, 'agents', 'the agent roster');
  agents
    .command('list')
    .description('list discovered agents')
    .action(lazyAction(() => import('../actions/agents.js'), (m) => m.list));
  agents
    .command('show <id>')
    .description('show one agent with its playbook phases')
    .action(lazyAction(() => import('../actions/agents.js'), (m) => m.show));
  agents
    .command('check')
    .description('validate agent.json files and report rules drift (content changed, version did not)')
    .option('--update', 'record the current content hash for each declared version')
    .action(lazyAction(() => import('../actions/agents.js'), (m) => m.check));

  const capsule = group(program, 'capsule', 'create, validate and track capsules');
  capsule
    .command('validate [paths...]')
    .description('validate capsules (all when no path is given)')
    .action(lazyAction(() => import('../actions/capsule.js'), (m) => m.validate));
  capsule
    .command('new <slug>')
    .description('write a new capsule')
    .requiredOption('--goal <text>', 'what the capsule achieves')
    .option('--output <path>', 'a required output (repeatable)', collect)
    .option('--accept <criterion>', 'an acceptance criterion (repeatable)', collect)
    .option('--context <path>', 'an Allowed Context entry (repeatable)', collect)
    .option('--lead <agent>', 'preferred lead, written to Router Notes')
    .option('--note <text>', 'a Router Notes line (repeatable)', collect)
    .option('--dir <dir>', 'folder to write into (default: .specify/specs/<slug>/)')
    .option('--dry-run', 'print the capsule instead of writing it')
    .option('--force', 'overwrite an existing capsule (keeps a .bak copy)')
    .action(lazyAction(() => import('../actions/capsule.js'), (m) => m.create));
  capsule
    .command('from-spec <dir>')
    .description('build a capsule from a spec-kit folder (spec.md, plan.md, tasks.md)')
    .option('--slug <slug>', 'capsule slug (default: the folder name)')
    .option('--out <file>', 'where to write (default: <dir>/capsule.md)')
    .option('--dry-run', 'print the capsule instead of writing it')
    .option('--force', 'overwrite an existing capsule that differs (keeps a .bak copy)')
    .action(lazyAction(() => import('../actions/capsule.js'), (m) => m.fromSpec));
  capsule
    .command('list')
    .description('list capsules with id, title, lead and status')
    .action(lazyAction(() => import('../actions/capsule.js'), (m) => m.list));
}
