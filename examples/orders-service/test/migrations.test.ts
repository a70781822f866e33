// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0007 Capsule=orders-api
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  applyMigrations,
  MIGRATIONS_DIR,
  MigrationError,
  planMigrations,
  readApplied,
  readMigrationFiles,
} from '../db/migrator.js';
import { openDatabase, type Db } from '../server/src/db.js';
import { makeTempDir } from './helpers/service.js';

const tableNames = (db: Db): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);

describe('migration runner', () => {
  let dir: string;
  let migrations: string;
  let db: Db;

  beforeEach(() => {
    dir = makeTempDir();
    migrations = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    db = openDatabase(join(dir, 'test.db'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration in order and records name and checksum', () => {
    const { applied } = applyMigrations(db, { dir: migrations });
    const files = readMigrationFiles(migrations).files;
    assert.deepEqual(applied.map((file) => file.name), files.map((file) => file.name));
    assert.deepEqual(readApplied(db).map((row) => [row.name, row.checksum]), files.map((file) => [file.name, file.checksum]));
    assert.deepEqual(tableNames(db), ['idempotency_keys', 'order_items', 'orders', 'schema_migrations']);
    const columns = (db.prepare('PRAGMA table_info(orders)').all() as { name: string }[]).map((column) => column.name);
    assert.ok(columns.includes('paid_at') && columns.includes('payment_reference'));
  });

  it('is a no-op the second time', () => {
    applyMigrations(db, { dir: migrations });
    assert.deepEqual(applyMigrations(db, { dir: migrations }).applied, []);
  });

  it('dry-run reports pending files and changes nothing', () => {
    const { plan, applied } = applyMigrations(db, { dir: migrations, dryRun: true });
    assert.equal(applied.length, 0);
    assert.ok(plan.pending.length >= 4);
    assert.deepEqual(tableNames(db), []);
  });

  it('refuses when an applied migration was edited', () => {
    applyMigrations(db, { dir: migrations });
    appendFileSync(join(migrations, '0001_create_orders.sql'), '\nCREATE INDEX orders_customer ON orders (customer_id);\n');
    writeFileSync(join(migrations, '0099_later.sql'), 'CREATE TABLE later (id INTEGER);');
    assert.throws(
      () => applyMigrations(db, { dir: migrations }),
      (error: unknown) => error instanceof MigrationError && /0001_create_orders\.sql changed after it was applied/.test(error.message),
    );
    assert.ok(!tableNames(db).includes('later'), 'nothing is applied while history is inconsistent');
  });

  it('refuses when an applied migration was deleted', () => {
    applyMigrations(db, { dir: migrations });
    rmSync(join(migrations, '0002_order_items.sql'));
    assert.match(planMigrations(db, migrations).problems.join('\n'), /0002_order_items\.sql was applied but is missing/);
  });

  it('refuses a new migration numbered before the latest applied one', () => {
    const late = join(dir, '0003_idempotency_keys.sql');
    renameSync(join(migrations, '0003_idempotency_keys.sql'), late);
    renameSync(join(migrations, '0004_order_payment_columns.sql'), join(migrations, '0004_order_notes.sql'));
    writeFileSync(join(migrations, '0004_order_notes.sql'), 'ALTER TABLE orders ADD COLUMN notes TEXT;');
    applyMigrations(db, { dir: migrations });
    renameSync(late, join(migrations, '0003_idempotency_keys.sql')); // a branch merged late
    assert.throws(
      () => applyMigrations(db, { dir: migrations }),
      (error: unknown) => error instanceof MigrationError && /0003_idempotency_keys\.sql is pending but 0004 is already applied/.test(error.message),
    );
  });

  it('rejects badly named files and duplicate versions', () => {
    writeFileSync(join(migrations, 'add_stuff.sql'), 'SELECT 1;');
    writeFileSync(join(migrations, '0001_duplicate.sql'), 'SELECT 1;');
    const problems = readMigrationFiles(migrations).problems.join('\n');
    assert.match(problems, /add_stuff\.sql: name must look like/);
    assert.match(problems, /version 0001 is already used/);
  });

  it('rolls back a failing migration without recording it', () => {
    writeFileSync(join(migrations, '0005_broken.sql'), 'CREATE TABLE half_done (id INTEGER);\nTHIS IS NOT SQL;');
    assert.throws(() => applyMigrations(db, { dir: migrations }));
    assert.ok(!tableNames(db).includes('half_done'));
    assert.deepEqual(readApplied(db).map((row) => row.version), ['0001', '0002', '0003', '0004']);
  });
});

describe('migrate CLI', () => {
  // One spawn only: starting tsx in a child process costs seconds on a busy machine.
  it('applies pending migrations to the --database file and reports each one', () => {
    const dir = makeTempDir();
    const script = fileURLToPath(new URL('../db/migrate.ts', import.meta.url));
    try {
      const up = spawnSync(process.execPath, ['--import', 'tsx', script, 'up', '--database', join(dir, 'cli.db')], { encoding: 'utf8' });
      assert.equal(up.status, 0, up.stderr);
      assert.match(up.stdout, /applied 0001_create_orders\.sql[\s\S]*applied 0004_order_payment_columns\.sql/);
      assert.match(up.stdout, /applied 4 migration\(s\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
