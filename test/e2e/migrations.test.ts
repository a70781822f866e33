import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const BASE = {
  'db/migrations/0001_init.sql': 'create table users (id integer);\n',
  'db/migrations/0002_orders.sql': 'create table orders (id integer);\n',
  'db/migrations/0003_items.sql': 'create table items (id integer);\n',
};

describe('sentinel migrations check', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it('passes when migrations are only added, in order', async () => {
    repo = makeTempRepo(BASE);
    repo.write({ 'db/migrations/0004_add_email.sql': 'alter table users add column email text;\n' });
    const result = await runSentinel(['migrations', 'check', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ ok: true, status: 'ok' });
  });

  it('fails a modified migration with the fix naming the next number', async () => {
    repo = makeTempRepo(BASE);
    repo.write({ 'db/migrations/0002_orders.sql': 'create table orders (id integer, total integer);\n' });
    const result = await runInProcess(['migrations', 'check'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('db/migrations/0002_orders.sql  error  MIGRATION_MODIFIED');
    expect(result.stdout).toContain('write a new migration instead, e.g. db/migrations/0004_<describe_change>.sql');
  });

  it('fails a renamed and a deleted migration, also when committed on a branch', async () => {
    repo = makeTempRepo(BASE);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.git('mv', 'db/migrations/0002_orders.sql', 'db/migrations/0002_purchases.sql');
    repo.git('rm', '-q', 'db/migrations/0003_items.sql');
    repo.commit('rewrite history');
    const result = await runInProcess(['migrations', 'check', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.json().diagnostics.map((d: { code: string; path: string }) => [d.code, d.path])).toEqual([
      ['MIGRATION_RENAMED', 'db/migrations/0002_purchases.sql'],
      ['MIGRATION_DELETED', 'db/migrations/0003_items.sql'],
    ]);
  });

  it('fails a new migration that sorts before an existing one', async () => {
    repo = makeTempRepo(BASE);
    repo.write({ 'db/migrations/0000_seed.sql': 'insert into users values (1);\n' });
    const result = await runInProcess(['migrations', 'check', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.json().diagnostics[0]).toMatchObject({ code: 'MIGRATION_OUT_OF_ORDER', path: 'db/migrations/0000_seed.sql' });
  });

  it('compares with --base and uses configured globs', async () => {
    repo = makeTempRepo({
      '.sentinel/config.json': JSON.stringify({ migrations: { globs: ['sql/versions/*.sql'] } }),
      'sql/versions/V1__init.sql': 'select 1;\n',
    });
    repo.write({ 'sql/versions/V1__init.sql': 'select 2;\n' });
    repo.commit('edit');
    const result = await runInProcess(['migrations', 'check', '--base', 'HEAD~1'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('MIGRATION_MODIFIED');
    const sinceHead = await runInProcess(['migrations', 'check'], { cwd: repo.dir });
    expect(sinceHead.code).toBe(0);
  });

  it('is skipped outside a git repository', async () => {
    const dir = makeTempDir(BASE);
    try {
      const result = await runInProcess(['migrations', 'check', '--json'], { cwd: dir.dir });
      expect(result.code).toBe(0);
      expect(result.json()).toMatchObject({ ok: true, status: 'skipped' });
    } finally {
      dir.cleanup();
    }
  });

  it('runs as the migrations gate of `sentinel check`', async () => {
    repo = makeTempRepo(BASE);
    repo.write({ 'db/migrations/0001_init.sql': 'drop table users;\n' });
    const result = await runInProcess(['check', '--only', 'migrations', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(JSON.stringify(result.json())).toContain('MIGRATION_MODIFIED');
  });

  it('works when the workspace root is a subfolder of the repository', async () => {
    repo = makeTempRepo({ 'services/api/db/migrations/0001_init.sql': 'select 1;\n', 'services/api/.sentinel/.keep': '' });
    repo.write({ 'services/api/db/migrations/0001_init.sql': 'select 2;\n' });
    const result = await runInProcess(['--root', 'services/api', 'migrations', 'check', '--json'], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.json().diagnostics[0]).toMatchObject({ code: 'MIGRATION_MODIFIED', path: 'db/migrations/0001_init.sql' });
  });
});
