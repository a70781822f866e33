// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0002 Capsule=orders-api
// Forward-only migration runner: applies pending *.sql files in version order, one transaction each,
// and refuses to run when history and files disagree (edited, deleted or out-of-order migrations).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../server/src/db.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface MigrationFile {
  version: string;
  name: string;
  checksum: string;
  sql: string;
}

export interface AppliedMigration {
  version: string;
  name: string;
  checksum: string;
  applied_at: string;
}

export interface MigrationPlan {
  applied: AppliedMigration[];
  pending: MigrationFile[];
  /** Each problem blocks `up`: the fix is always a new migration, never an edit. */
  problems: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(readonly problems: string[]) {
    super(`migrations refused:\n- ${problems.join('\n- ')}`);
  }
}

/** CRLF is normalised so a checkout on Windows does not look like an edited migration. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function readMigrationFiles(dir: string = MIGRATIONS_DIR): { files: MigrationFile[]; problems: string[] } {
  const files: MigrationFile[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith('.sql')).sort()) {
    const match = FILE_NAME.exec(name);
    if (!match?.[1]) {
      problems.push(`${name}: name must look like 0005_add_something.sql (4-digit version, snake_case)`);
      continue;
    }
    const version = match[1];
    const previous = seen.get(version);
    if (previous) problems.push(`${name}: version ${version} is already used by ${previous}; pick the next free number`);
    seen.set(version, name);
    const sql = readFileSync(join(dir, name), 'utf8');
    files.push({ version, name, checksum: checksumOf(sql), sql });
  }
  return { files, problems };
}

export function readApplied(db: Db): AppliedMigration[] {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return [];
  return db
    .prepare('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version')
    .all() as AppliedMigration[];
}

/** Pure comparison of what the database recorded with what the folder holds. */
export function comparePlan(applied: AppliedMigration[], files: MigrationFile[]): MigrationPlan {
  const problems: string[] = [];
  const byVersion = new Map(files.map((file) => [file.version, file]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) problems.push(`${row.name} was applied but is missing from db/migrations; restore it (never delete applied migrations)`);
    else if (file.checksum !== row.checksum) {
      problems.push(
        `${file.name} changed after it was applied (checksum ${row.checksum.slice(0, 12)} → ${file.checksum.slice(0, 12)}); ` +
          'restore the original and write a new migration for the change',
      );
    }
  }
  const appliedVersions = new Set(applied.map((row) => row.version));
  const latest = applied.at(-1)?.version;
  const pending = files.filter((file) => !appliedVersions.has(file.version));
  for (const file of pending) {
    if (latest !== undefined && file.version < latest) {
      problems.push(`${file.name} is pending but ${latest} is already applied; renumber it after ${latest}`);
    }
  }
  return { applied, pending, problems };
}

export function planMigrations(db: Db, dir: string = MIGRATIONS_DIR): MigrationPlan {
  const { files, problems } = readMigrationFiles(dir);
  const plan = comparePlan(readApplied(db), files);
  return { ...plan, problems: [...problems, ...plan.problems] };
}

export interface ApplyOptions {
  dir?: string;
  dryRun?: boolean;
  onApplied?: (file: MigrationFile, durationMs: number) => void;
  now?: () => Date;
}

/** Applies every pending migration; throws MigrationError (changing nothing) when the plan has problems. */
export function applyMigrations(db: Db, options: ApplyOptions = {}): { plan: MigrationPlan; applied: MigrationFile[] } {
  const plan = planMigrations(db, options.dir);
  if (plan.problems.length > 0) throw new MigrationError(plan.problems);
  if (options.dryRun) return { plan, applied: [] };

  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const now = options.now ?? (() => new Date());
  const applied: MigrationFile[] = [];
  for (const file of plan.pending) {
    const started = performance.now();
    // One transaction per file: a failing file leaves the earlier ones applied and itself untouched.
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.version, file.name, file.checksum, now().toISOString());
    })();
    applied.push(file);
    options.onApplied?.(file, Math.round(performance.now() - started));
  }
  return { plan, applied };
}
