import { Command, CommanderError, Option } from 'commander';
import { registerAgents } from './defs/agents.js';
import { registerCapsule, registerCapsuleProgress } from './defs/capsule.js';
import { registerGates } from './defs/gates.js';
import { registerHandoff } from './defs/handoff.js';
import { registerInit } from './defs/init.js';
import { registerLedger } from './defs/ledger.js';
import { registerLogsSecretsMigrations } from './defs/logs-secrets-migrations.js';
import { registerMcp } from './defs/mcp.js';
import { registerPr } from './defs/pr.js';
import { registerProvenance } from './defs/provenance.js';
import { registerRoute } from './defs/route.js';
import { registerRunbook } from './defs/runbook.js';
import { registerUi } from './defs/ui.js';
import { VERSION } from './version.js';

/**
 * The whole command tree. Only flag definitions live here; every action imports its code when
 * it runs, so `--help` and `--version` load nothing heavy.
 */
export function buildProgram(): Command {
  const program = new Command('sentinel')
    .description('A deterministic referee for AI coding agents: capsules, routing, gates and evidence.')
    .version(VERSION, '-V, --version')
    .option('--root <dir>', 'workspace root (default: nearest ancestor with .sentinel/ or .git/)')
    .option('--json', 'machine-readable output on stdout')
    .addOption(new Option('--no-color', 'disable colour (also NO_COLOR=1)'))
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // Subcommands inherit exitOverride and output settings from the program.
  // The order of registration is the order of `--help`.
  registerInit(program);
  registerAgents(program);
  registerCapsule(program);
  registerRoute(program);
  registerCapsuleProgress(program);
  registerHandoff(program);
  registerGates(program);
  registerLedger(program);
  registerProvenance(program);
  registerPr(program);
  registerRunbook(program);
  registerLogsSecretsMigrations(program);
  registerMcp(program);
  registerUi(program);
  return program;
}

/** Commander usage errors (unknown option/command, missing argument) exit 2; help/version exit 0. */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      process.exitCode = ok ? 0 : 2;
      return;
    }
    throw err;
  }
}
