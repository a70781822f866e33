import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { baseOption, collect, group } from './shared.js';

export function registerArtifacts(program: Command): void {
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
    .action(lazyAction(() => import('../actions/ledger.js'), (m) => m.decide));

  const decisions = group(program, 'decisions', 'the decision ledger');
  decisions
    .command('list')
    .description('list ledger entries')
    .action(lazyAction(() => import('../actions/ledger.js'), (m) => m.list));
  decisions
    .command('show <id>')
    .description('show one entry')
    .action(lazyAction(() => import('../actions/ledger.js'), (m) => m.show));
  decisions
    .command('validate')
    .description('check ledger integrity')
    .action(lazyAction(() => import('../actions/ledger.js'), (m) => m.validate));

  program
    .command('stamp <files...>')
    .description("insert or update the provenance header in each file's comment syntax")
    .requiredOption('--decision <id>', 'the ledger decision that produced the files')
    .option('--agent <id>', 'the producing agent (default: the active capsule lead)')
    .option('--capsule <capsule>', 'the capsule id to record')
    .option('--dry-run', 'show what would change')
    .action(lazyAction(() => import('../actions/provenance.js'), (m) => m.stamp));

  group(program, 'provenance', 'provenance headers')
    .command('check')
    .description('check headers on changed files against the ledger and roster')
    .addOption(baseOption())
    .option('--all', 'check every file, not only the changed ones')
    .action(lazyAction(() => import('../actions/provenance.js'), (m) => m.check));

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
      .action(lazyAction(() => import('../actions/runbook.js'), (m) => (mode === 'set' ? m.set : m.append)));
  }
  runbook
    .command('check')
    .description('check required sections and the environment-variable matrix')
    .action(lazyAction(() => import('../actions/runbook.js'), (m) => m.check));

  group(program, 'logs', 'Observer log checks')
    .command('check [files...]')
    .description('validate JSONL logs against the log schema and scan them for secrets')
    .option('--schema <path>', 'log schema (default from config)')
    .action(lazyAction(() => import('../actions/observer.js'), (m) => m.logsCheck));

  group(program, 'secrets', 'secret scanning')
    .command('scan [paths...]')
    .description('scan files (default: changed since base) for secrets; findings are masked')
    .addOption(baseOption())
    .action(lazyAction(() => import('../actions/observer.js'), (m) => m.secretsScan));

  group(program, 'migrations', 'forward-only migrations')
    .command('check')
    .description('fail on modified, renamed or deleted migrations')
    .addOption(baseOption())
    .action(lazyAction(() => import('../actions/migrations.js'), (m) => m.check));
}
