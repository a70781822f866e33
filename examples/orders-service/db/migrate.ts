// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0002 Capsule=orders-api
// CLI over the migration runner.  Usage: tsx db/migrate.ts [up|status] [--dry-run] [--database <path>]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type Db } from '../server/src/db.js';
import { applyMigrations, MigrationError, planMigrations, type MigrationPlan } from './migrator.js';

const USAGE = 'usage: tsx db/migrate.ts [up|status] [--dry-run] [--database <path>]';

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, database: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const command = positionals[0] ?? 'up';
  if (!['up', 'status'].includes(command) || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const path = values.database ?? loadConfig().databasePath;
  const readOnly = command === 'status' || values['dry-run'];
  // Looking must not create an empty database file as a side effect.
  const db = readOnly && !existsSync(path) ? openDatabase(':memory:') : openDatabase(path);
  try {
    return readOnly ? report(planMigrations(db), path, command === 'status' ? 'pending' : 'would apply') : up(db, path);
  } finally {
    db.close();
  }
}

function up(db: Db, path: string): number {
  try {
    const { applied } = applyMigrations(db, {
      onApplied: (file, ms) => console.log(`applied ${file.name} (${ms} ms)`),
    });
    console.log(applied.length === 0 ? `${path}: up to date` : `${path}: applied ${applied.length} migration(s)`);
    return 0;
  } catch (error) {
    if (error instanceof MigrationError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

function report(plan: MigrationPlan, path: string, pendingLabel: string): number {
  console.log(`database: ${path}`);
  for (const row of plan.applied) console.log(`  applied  ${row.name}  ${row.applied_at}`);
  for (const file of plan.pending) console.log(`  ${pendingLabel.padEnd(7)}  ${file.name}`);
  if (plan.pending.length === 0) console.log('  nothing pending');
  for (const problem of plan.problems) console.error(`problem: ${problem}`);
  return plan.problems.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
