import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { baseOption, capsuleOption, collectList, group } from './shared.js';

function addCheck(program: Command, name: string, description: string): void {
  program
    .command(name)
    .description(description)
    .option('--only <gates>', 'run only these gates (comma-separated or repeated)', collectList)
    .option('--skip <gates>', 'skip these gates', collectList)
    .addOption(capsuleOption())
    .addOption(baseOption())
    .option('--strict', 'pending gates fail too')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--sarif <file>', 'also write a SARIF 2.1.0 report')
    .option('--markdown <file>', 'also write a Markdown summary')
    .option('--full', 'list every diagnostic and data item (long lists are otherwise summarised on stdout)')
    .option('--shard <i/n>', 'run slice i of n (CI matrix jobs): per-file work split by path; join with `sentinel report merge`')
    .action(
      lazyAction(
        () => import('../actions/check.js'),
        (m) => m.check,
      ),
    );
}

function addReportMerge(program: Command): void {
  group(program, 'report', 'check reports')
    .command('merge')
    .description('join `check --shard i/n --json` reports into the report of one unsharded check')
    .argument('<reports...>', 'the JSON report of every shard')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--sarif <file>', 'also write a SARIF 2.1.0 report')
    .option('--markdown <file>', 'also write a Markdown summary')
    .option('--full', 'list every diagnostic and data item (long lists are otherwise summarised on stdout)')
    .action(
      lazyAction(
        () => import('../actions/check.js'),
        (m) => m.reportMerge,
      ),
    );
}

export function registerGates(program: Command): void {
  addCheck(program, 'check', 'run every gate (or some) and report');
  addCheck(program, 'selfcheck', 'alias of check');
  addReportMerge(program);

  group(program, 'contracts', 'data contracts and their fixtures')
    .command('validate')
    .description('validate fixtures against contracts; check version discipline')
    .option('--id <contract>', 'only this contract (e.g. orders.v1)')
    .option('--fixture <path>', 'only this fixture file')
    .addOption(baseOption())
    .option('--full', 'list every fixture and diagnostic (long lists are otherwise summarised in --json)')
    .action(
      lazyAction(
        () => import('../actions/gates.js'),
        (m) => m.contracts,
      ),
    );

  group(program, 'context', 'context budgets and Allowed Context')
    .command('lint')
    .description('check line/token budgets and Allowed Context entries')
    .option('--capsule <capsule>', "only this capsule's file and Allowed Context (default: the whole workspace)")
    .option('--strict', 'warnings fail too')
    .option('--full', 'list every measured file and diagnostic (long lists are otherwise summarised in --json)')
    .action(
      lazyAction(
        () => import('../actions/gates.js'),
        (m) => m.contextLint,
      ),
    );

  program
    .command('scope')
    .description("check that every changed file lies inside the active capsule's scope")
    .addOption(capsuleOption())
    .addOption(baseOption())
    .action(
      lazyAction(
        () => import('../actions/gates.js'),
        (m) => m.scope,
      ),
    );

  program
    .command('boundaries')
    .description("check that outbound network calls stay in the Integrator's client paths")
    .option('--all', 'scan the whole tree, not only changed files')
    .addOption(capsuleOption())
    .addOption(baseOption())
    .action(
      lazyAction(
        () => import('../actions/boundaries.js'),
        (m) => m.boundaries,
      ),
    );

  program
    .command('requests')
    .description("start the service and send the .http requests named by capsules' acceptance criteria")
    .addOption(capsuleOption())
    .action(
      lazyAction(
        () => import('../actions/requests.js'),
        (m) => m.requests,
      ),
    );

  group(program, 'sentinels', 'sentinel regression tests')
    .command('run')
    .description('run the sentinel tests and report per-test results')
    .option('--filter <pattern>', 'only tests whose name or file matches')
    .action(
      lazyAction(
        () => import('../actions/gates.js'),
        (m) => m.sentinels,
      ),
    );

  group(program, 'commands', "the project's own checks")
    .command('run [names...]')
    .description('run configured project commands (lint, typecheck, build, test…)')
    .action(
      lazyAction(
        () => import('../actions/gates.js'),
        (m) => m.commands,
      ),
    );

  program
    .command('tamper')
    .description('detect skipped, deleted or weakened sentinel tests and fixtures')
    .addOption(capsuleOption())
    .addOption(baseOption())
    .action(
      lazyAction(
        () => import('../actions/gates.js'),
        (m) => m.tamper,
      ),
    );
}
