// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api
// Process entry: read config, start, and shut down cleanly on SIGINT/SIGTERM.
import { ConfigError, loadConfig } from './config.js';
import { startService } from './start.js';

async function main(): Promise<void> {
  const service = await startService(loadConfig());
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    service.app.log.info({ event: 'shutdown' }, `received ${signal}, closing`);
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        service.app.log.error({ event: 'shutdown_failed', err: error }, 'close failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // Config errors are the operator's to fix: print them plainly; anything else is already logged.
  console.error(error instanceof ConfigError ? `config error: ${error.message}` : error);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
