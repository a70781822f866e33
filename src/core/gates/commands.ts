import { runProjectCommands } from '../commands/run.js';
import type { Gate } from './types.js';

export const gate: Gate = {
  name: 'commands',
  description: "the project's own lint, typecheck, build and test",
  run: (ctx) => runProjectCommands(ctx),
};
