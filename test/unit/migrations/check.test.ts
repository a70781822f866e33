import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../../../src/core/git/git.js';
import { checkMigrationChanges, nextMigrationName, unitOf } from '../../../src/core/migrations/check.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';

const globs = DEFAULT_CONFIG.migrations.globs;
const baseFiles = ['db/migrations/0001_init.sql', 'db/migrations/0002_users.sql', 'db/migrations/0003_orders.sql'];
const run = (changed: ChangedFile[], extraCurrent: string[] = [], base = baseFiles) =>
  checkMigrationChanges({ globs, changed, baseFiles: base, currentFiles: [...base, ...extraCurrent], base: 'abcdef1234567890' });

describe('checkMigrationChanges', () => {
  it('accepts a new migration that sorts last', () => {
    expect(run([{ path: 'db/migrations/0004_items.sql', status: 'added' }], ['db/migrations/0004_items.sql'])).toEqual([]);
    expect(run([{ path: 'db/migrations/0004_items.sql', status: 'untracked' }], ['db/migrations/0004_items.sql'])).toEqual([]);
  });

  it('fails a modified migration, naming the file and suggesting the next number', () => {
    const [d] = run([{ path: 'db/migrations/0002_users.sql', status: 'modified' }]);
    expect(d).toMatchObject({ code: 'MIGRATION_MODIFIED', severity: 'error', path: 'db/migrations/0002_users.sql' });
    expect(d!.fix).toContain('write a new migration instead, e.g. db/migrations/0004_<describe_change>.sql');
    expect(d!.fix).toContain('git checkout abcdef123456 -- db/migrations/0002_users.sql');
  });

  it('fails a renamed migration', () => {
    const [d] = run([{ path: 'db/migrations/0002_accounts.sql', oldPath: 'db/migrations/0002_users.sql', status: 'renamed' }]);
    expect(d).toMatchObject({ code: 'MIGRATION_RENAMED', path: 'db/migrations/0002_accounts.sql' });
    expect(d!.message).toContain('db/migrations/0002_users.sql');
  });

  it('fails a deleted migration', () => {
    expect(run([{ path: 'db/migrations/0001_init.sql', status: 'deleted' }])[0]).toMatchObject({ code: 'MIGRATION_DELETED' });
  });

  it('fails a new migration that sorts before an existing one, and one that reuses a number', () => {
    expect(run([{ path: 'db/migrations/0002_aaa.sql', status: 'added' }])[0]).toMatchObject({ code: 'MIGRATION_OUT_OF_ORDER' });
    expect(run([{ path: 'db/migrations/0003_zzz.sql', status: 'added' }])[0]).toMatchObject({ code: 'MIGRATION_DUPLICATE_NUMBER' });
  });

  it('sorts numbers numerically, not as text', () => {
    const base = ['migrations/9_a.sql'];
    expect(run([{ path: 'migrations/10_b.sql', status: 'added' }], [], base)).toEqual([]);
  });

  it('ignores files outside the migration folders', () => {
    expect(
      run([
        { path: 'src/db.ts', status: 'modified' },
        { path: 'docs/migrations.md', status: 'deleted' },
      ]),
    ).toEqual([]);
  });

  it('treats a prisma migration folder as one unit', () => {
    const base = ['prisma/migrations/20240101000000_init/migration.sql'];
    expect(run([{ path: 'prisma/migrations/20240301000000_add/migration.sql', status: 'added' }], [], base)).toEqual([]);
    expect(run([{ path: 'prisma/migrations/20240101000000_init/extra.sql', status: 'added' }], [], base)[0]).toMatchObject({ code: 'MIGRATION_MODIFIED' });
    expect(run([{ path: 'prisma/migrations/20231201000000_old/migration.sql', status: 'added' }], [], base)[0]).toMatchObject({
      code: 'MIGRATION_OUT_OF_ORDER',
    });
  });

  it('honours !negated globs', () => {
    const withLock = [...globs, '!**/migration_lock.toml'];
    expect(unitOf('prisma/migrations/migration_lock.toml', withLock)).toBeUndefined();
    expect(unitOf('prisma/migrations/migration_lock.toml', globs)).toEqual({ folder: 'prisma/migrations', name: 'migration_lock.toml' });
  });
});

describe('nextMigrationName', () => {
  it('keeps the number width and extension', () => {
    expect(nextMigrationName('db/migrations', ['0001_a.sql', '0012_b.sql'], '0003_c.sql')).toBe('db/migrations/0013_<describe_change>.sql');
    expect(nextMigrationName('db/migrations', [], 'x.sql')).toBe('db/migrations/0001_<describe_change>.sql');
  });

  it('suggests a timestamp for timestamped folders', () => {
    expect(nextMigrationName('prisma/migrations', ['20240101000000_init'], '20240101000000_init')).toMatch(/^prisma\/migrations\/\d{14}_<describe_change>$/);
  });
});
