#!/usr/bin/env node
// Entry point. Kept tiny: agents call `sentinel` constantly, so start-up time is a feature.
// Only main imports it, so the bundler inlines this small parser here: no chunk before dispatch.
import { HOT_PATHS, hotCommand } from './hot.js';
import { HOT_BUNDLES, loadHotBundle } from './hot-bundle.js';

declare const __SENTINEL_VERSION__: string;

/**
 * A reader that closes early (`sentinel … | head`, a hook client that stopped reading) is not an
 * error of ours: that stream's later writes are dropped and the command goes on, so it exits with
 * its own code (a hook's block, a failed check), as src/cli/stdio.ts does for the writes it makes.
 * Not for the hot commands' CommonJS files, which write without creating the streams.
 */
function quietStdio(streams: readonly NodeJS.WriteStream[]): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}

/**
 * The top-level help, rendered by commander at build time (scripts/bake-help.mjs) from the same
 * command tree, so `sentinel --help` needs neither commander nor the command definitions.
 */
function bakedHelp(): string | undefined {
  if (process.env.SENTINEL_NO_BAKED_HELP) return undefined;
  try {
    // Not imported: an ES import of node:fs builds its export facade, which loads Node's streams.
    return process.getBuiltinModule('node:fs').readFileSync(new URL('./help.txt', import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}

const argv = process.argv.slice(2);
const only = argv.length === 1 ? argv[0] : undefined;
const help = only === '--help' || only === '-h' ? bakedHelp() : undefined;
if (only === '--version' || only === '-V') {
  // The bundler's constant itself, not VERSION from version.ts: the bundler puts that shared module
  // in a chunk of its own, and one more module to resolve, read and link cost ~10 ms of --version.
  quietStdio([process.stdout]);
  process.stdout.write(`${typeof __SENTINEL_VERSION__ === 'string' ? __SENTINEL_VERSION__ : '0.0.0-dev'}\n`);
} else if (help !== undefined) {
  quietStdio([process.stdout]);
  process.stdout.write(help);
} else {
  // The agent's inner-loop commands skip commander and the command tree (src/cli/hot.ts).
  const hot = hotCommand(argv);
  if (hot) {
    // One CommonJS file with a code cache (src/cli/hot-bundle.ts), else one chunk holding the
    // command's body and the runner (tsdown.config.ts groups each hot path).
    const bundle = hot.name in HOT_BUNDLES ? loadHotBundle(HOT_BUNDLES[hot.name as keyof typeof HOT_BUNDLES]) : undefined;
    if (!bundle) quietStdio([process.stdout, process.stderr]);
    const { body, runAction } = bundle ?? (await HOT_PATHS[hot.name]());
    await runAction(async () => body, hot.args, hot.opts);
  } else {
    quietStdio([process.stdout, process.stderr]);
    const { runCli } = await import('./program.js');
    await runCli(argv);
  }
}
