#!/usr/bin/env node
// Entry point. Kept tiny: agents call `sentinel` constantly, so start-up time is a feature.
declare const __SENTINEL_VERSION__: string;

// A reader that closes early (`sentinel … | head`) is not an error of ours: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${typeof __SENTINEL_VERSION__ === 'string' ? __SENTINEL_VERSION__ : '0.0.0-dev'}\n`);
} else {
  const { runCli } = await import('./program.js');
  await runCli(argv);
}
