import type { Command } from 'commander';
import { lazyAction } from '../action.js';
import { baseOption, collect, group } from './shared.js';

/** `capsule validate | new | from-spec | list`. */
export function registerCapsule(program: Command): void {
  const capsule = group(program, 'capsule', 'create, validate and track capsules');
  capsule
    .command('validate [paths...]')
    .description('validate capsules (all when no path is given)')
    .action(
      lazyAction(
        () => import('../hot-paths/capsule-validate.js'),
        (m) => m.body,
      ),
    );
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
    .action(
      lazyAction(
        () => import('../actions/capsule.js'),
        (m) => m.create,
      ),
    );
  capsule
    .command('from-spec <dir>')
    .description('build a capsule from a spec-kit folder (spec.md, plan.md, tasks.md)')
    .option('--slug <slug>', 'capsule slug (default: the folder name)')
    .option('--out <file>', 'where to write (default: <dir>/capsule.md)')
    .option('--dry-run', 'print the capsule instead of writing it')
    .option('--force', 'overwrite an existing capsule that differs (keeps a .bak copy)')
    .action(
      lazyAction(
        () => import('../actions/capsule.js'),
        (m) => m.fromSpec,
      ),
    );
  capsule
    .command('list')
    .description('list capsules with id, title, lead and status')
    .action(
      lazyAction(
        () => import('../actions/capsule.js'),
        (m) => m.list,
      ),
    );
}

/** `status` and `capsule phase | done | block`: a routed capsule's progress. */
export function registerCapsuleProgress(program: Command): void {
  program
    .command('status')
    .description('every capsule with lead, phase, gates and age')
    .option('--repair <capsule>', 'rebuild a hand-edited state file from the router log (phase, gates and evidence are dropped)')
    .action(
      lazyAction(
        () => import('../hot-paths/status.js'),
        (m) => m.body,
      ),
    );

  program
    .command('verify')
    .description('re-judge every done capsule (CI): sealed evidence, unchanged capsule, recorded base, gates re-run')
    .option('--capsule <capsule>', 'only this capsule')
    .action(
      lazyAction(
        () => import('../actions/lifecycle.js'),
        (m) => m.verify,
      ),
    );

  const capsule = group(program, 'capsule', 'create, validate and track capsules');
  capsule
    .command('phase <capsule> <phase>')
    .description("record progress through the lead's playbook phases (forward only)")
    .action(
      lazyAction(
        () => import('../actions/lifecycle.js'),
        (m) => m.phase,
      ),
    );
  capsule
    .command('done <capsule>')
    .description("run the capsule's gates and, if they pass, mark it done with evidence")
    .addOption(baseOption())
    .option('--skip-phases <reason>', "finish without the playbook's verification phase; the reason is kept in the evidence")
    .action(
      lazyAction(
        () => import('../actions/lifecycle.js'),
        (m) => m.done,
      ),
    );
  capsule
    .command('block <capsule>')
    .description('mark a capsule blocked, with the reason')
    .requiredOption('--reason <text>', 'why it is blocked')
    .action(
      lazyAction(
        () => import('../actions/lifecycle.js'),
        (m) => m.block,
      ),
    );
}
