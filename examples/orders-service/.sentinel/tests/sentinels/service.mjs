// ProducedBy=VERIFIER RulesHash=VERIFIER@1.0 Decision=D-0010 Capsule=orders-sentinels
// Shared by the sentinel tests: loads the service's own TypeScript modules through tsx (Node 20
// cannot import .ts itself), so every sentinel exercises the real code, never a copy of it.
import { tsImport } from 'tsx/esm/api';

const SERVICE_ROOT = new URL('../../../', import.meta.url);

/** Import a module of the service by its path from the service root, e.g. `server/src/app.ts`. */
export function load(path) {
  return tsImport(new URL(path, SERVICE_ROOT).href, import.meta.url);
}

/** A migrated in-memory database and the repository over it: the real schema, no files left behind. */
export async function memoryRepository() {
  const [{ openDatabase }, { applyMigrations }, { createOrdersRepository }] = await Promise.all([
    load('server/src/db.ts'),
    load('db/migrator.ts'),
    load('server/src/repositories/orders.ts'),
  ]);
  const db = openDatabase(':memory:');
  applyMigrations(db);
  return { db, repo: createOrdersRepository(db) };
}

/** A logger writing JSON lines into an array, shaped exactly like production (schema, redaction). */
export async function capturedLogger() {
  const { createLogger } = await load('server/src/logger.ts');
  const lines = [];
  const stream = { write: (chunk) => lines.push(...chunk.split('\n').filter(Boolean).map((line) => JSON.parse(line))) };
  return { logger: createLogger({ level: 'info', stream }), lines };
}
