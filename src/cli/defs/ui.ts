import { Option, type Command } from 'commander';
import { lazyAction } from '../action.js';

export function registerUi(program: Command): void {
  program
    .command('ui')
    .description('serve a live local board of capsules, gates, evidence, decisions and handoffs')
    .addOption(new Option('--port <n>', 'port to listen on (0: any free port)').default('4178'))
    .option('--host <address>', 'address to bind (keep it local)', '127.0.0.1')
    .option('--open', 'open the board in the default browser')
    .action(
      lazyAction(
        () => import('../actions/ui.js'),
        (m) => m.ui,
      ),
    );
}
