import picomatch from 'picomatch';
import { error, type Diagnostic } from '../diagnostics.js';
import type { ChangedFile } from '../git/git.js';

/**
 * Forward-only migrations, judged from plain facts: the configured globs, the changed files and
 * the migration files that existed at base. A migration "unit" is the first path segment under
 * a glob's fixed folder: a file (`db/migrations/0003_x.sql`) or a folder (`prisma/migrations/2024…_x/`).
 */

interface MigrationFacts {
  globs: string[];
  changed: ChangedFile[];
  /** Migration files at base (repo-relative). */
  baseFiles: string[];
  /** Migration files in the working tree now. */
  currentFiles: string[];
  base: string;
}

interface MigrationUnit {
  /** Folder the migrations live in, e.g. `db/migrations`. */
  folder: string;
  /** First segment under the folder: the migration's name. */
  name: string;
}

interface Matcher {
  folder: string;
  match: (p: string) => boolean;
}

/** Split globs into folder matchers; `!glob` entries exclude (e.g. `!**\/migration_lock.toml`). */
export function migrationMatchers(globs: string[]): { matchers: Matcher[]; excluded: (p: string) => boolean } {
  const negative = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  const excluded = negative.length ? picomatch(negative, { dot: true }) : () => false;
  const matchers = globs
    .filter((g) => !g.startsWith('!'))
    .map((g) => ({ folder: picomatch.scan(g).base.replace(/\/$/, ''), match: picomatch(g, { dot: true }) }));
  return { matchers, excluded };
}

export function unitOf(file: string, globs: string[]): MigrationUnit | undefined {
  const { matchers, excluded } = migrationMatchers(globs);
  if (excluded(file)) return undefined;
  // The most specific folder wins (prisma/migrations over migrations/**).
  const hits = matchers.filter((m) => m.match(file)).sort((a, b) => b.folder.length - a.folder.length);
  const hit = hits[0];
  if (!hit) return undefined;
  const rest = hit.folder ? file.slice(hit.folder.length + 1) : file;
  return { folder: hit.folder, name: rest.split('/')[0]! };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const compareNames = (a: string, b: string) => collator.compare(a, b);

const leadingNumber = (name: string) => /^(\d+)/.exec(name)?.[1];

/** A name for the next migration in a folder: one past the highest number, same width (or a UTC timestamp). */
export function nextMigrationName(folder: string, names: string[], example: string): string {
  const numbers = names.map(leadingNumber).filter((n): n is string => n !== undefined);
  // A file migration keeps its extension; a folder migration (prisma) has none.
  const suffix = /\.[A-Za-z0-9]+$/.exec(example)?.[0] ?? '';
  const prefix = folder ? `${folder}/` : '';
  if (numbers.length === 0) return `${prefix}0001_<describe_change>${suffix}`;
  const widest = numbers.reduce((w, n) => Math.max(w, n.length), 0);
  if (widest >= 12) {
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, widest);
    return `${prefix}${stamp.padEnd(widest, '0')}_<describe_change>${suffix}`;
  }
  const next = numbers.map((n) => BigInt(n)).reduce((a, b) => (a > b ? a : b)) + 1n;
  return `${prefix}${next.toString().padStart(widest, '0')}_<describe_change>${suffix}`;
}

function namesIn(files: string[], folder: string, globs: string[]): string[] {
  const out = new Set<string>();
  for (const file of files) {
    const unit = unitOf(file, globs);
    if (unit && unit.folder === folder) out.add(unit.name);
  }
  return [...out].sort(compareNames);
}

/** Every way the change breaks forward-only migrations. */
export function checkMigrationChanges(facts: MigrationFacts): Diagnostic[] {
  const { globs, changed, baseFiles, currentFiles, base } = facts;
  const out: Diagnostic[] = [];
  const baseShort = base.slice(0, 12);
  const suggestion = (unit: MigrationUnit) => nextMigrationName(unit.folder, namesIn([...baseFiles, ...currentFiles], unit.folder, globs), unit.name);
  const restore = (file: string) => `git checkout ${baseShort} -- ${file}`;
  for (const change of changed) {
    const oldUnit = change.oldPath ? unitOf(change.oldPath, globs) : undefined;
    const unit = unitOf(change.path, globs);
    if (change.status === 'renamed' && oldUnit) {
      out.push(
        error('MIGRATION_RENAMED', `Migration ${change.oldPath} was renamed to ${change.path}; applied migrations are looked up by name`, {
          path: change.path,
          fix: `Rename it back (git mv ${change.path} ${change.oldPath}) and write a new migration instead, e.g. ${suggestion(oldUnit)}`,
        }),
      );
      continue;
    }
    if (!unit) continue;
    if (change.status === 'deleted') {
      out.push(
        error('MIGRATION_DELETED', `Migration ${change.path} was deleted; databases that applied it can no longer be rebuilt`, {
          path: change.path,
          fix: `Restore it (${restore(change.path)}) and undo its effect in a new migration, e.g. ${suggestion(unit)}`,
        }),
      );
    } else if (change.status === 'modified' || change.status === 'typechange') {
      out.push(
        error('MIGRATION_MODIFIED', `Migration ${change.path} was modified; databases that already applied it will never see the change`, {
          path: change.path,
          fix: `Restore it (${restore(change.path)}) and write a new migration instead, e.g. ${suggestion(unit)}`,
        }),
      );
    } else {
      out.push(...checkAdded(change.path, unit, facts, suggestion));
    }
  }
  return out;
}

/** An added file must start a new unit that sorts after every existing one, with a fresh number. */
function checkAdded(file: string, unit: MigrationUnit, facts: MigrationFacts, suggestion: (u: MigrationUnit) => string): Diagnostic[] {
  const existing = namesIn(facts.baseFiles, unit.folder, facts.globs);
  if (existing.includes(unit.name)) {
    return [
      error('MIGRATION_MODIFIED', `${file} adds a file to migration ${unit.folder}/${unit.name}, which already exists at base`, {
        path: file,
        fix: `Move it into a new migration instead, e.g. ${suggestion(unit)}`,
      }),
    ];
  }
  const latest = existing[existing.length - 1];
  if (latest !== undefined && compareNames(unit.name, latest) < 0) {
    return [
      error(
        'MIGRATION_OUT_OF_ORDER',
        `New migration ${unit.name} sorts before the existing ${latest}; it would run out of order on fresh databases and be skipped on migrated ones`,
        {
          path: file,
          fix: `Rename it so it sorts last, e.g. ${suggestion(unit)}`,
        },
      ),
    ];
  }
  const number = leadingNumber(unit.name);
  const clash = number === undefined ? undefined : existing.find((n) => leadingNumber(n) !== undefined && BigInt(leadingNumber(n)!) === BigInt(number));
  if (clash) {
    return [
      error('MIGRATION_DUPLICATE_NUMBER', `New migration ${unit.name} reuses the number of the existing ${clash}`, {
        path: file,
        fix: `Give it the next free number, e.g. ${suggestion(unit)}`,
      }),
    ];
  }
  return [];
}
