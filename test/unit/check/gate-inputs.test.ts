import { afterEach, describe, expect, it } from 'vitest';
import { filesOfIndex } from '../../../src/core/workspace/listing.js';
import { createGateInputs } from '../../../src/core/gates/inputs.js';
import { createTextCache } from '../../../src/core/gates/text-cache.js';
import { changedFiles, EMPTY_TREE, listFilesAt, listFilesAtEach, resolveBase, resolveCommits } from '../../../src/core/git/git.js';
import { listIndex } from '../../../src/core/git/index-listing.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { makeTempDir, makeTempRepo, type TempRepo } from '../../helpers/cli.js';

let repo: TempRepo | undefined;
let dir: { dir: string; cleanup(): void } | undefined;
afterEach(() => {
  repo?.cleanup();
  dir?.cleanup();
  repo = dir = undefined;
});

/** A repository with a deleted, a modified, an untracked and an ignored file. */
function busyRepo(): TempRepo {
  const r = makeTempRepo({ '.gitignore': 'ignored.txt\n', 'a.ts': 'a\n', 'gone.ts': 'g\n', 'src/b.ts': 'b\n', 'svc/c.ts': 'c\n' });
  r.git('rm', '-q', '--cached', 'src/b.ts');
  r.write({ 'a.ts': 'changed\n', 'new.ts': 'n\n', 'ignored.txt': 'i\n', 'svc/d.ts': 'd\n' });
  r.git('rm', '-q', 'gone.ts');
  return r;
}

describe('listIndex', () => {
  it('splits one ls-files into cached, untracked and deleted paths', async () => {
    repo = busyRepo();
    const listing = (await listIndex(repo.dir))!;
    expect(listing.cached.sort()).toEqual(['.gitignore', 'a.ts', 'svc/c.ts']);
    expect(listing.others.sort()).toEqual(['new.ts', 'src/b.ts', 'svc/d.ts']);
    expect(filesOfIndex(listing)).toEqual(['.gitignore', 'a.ts', 'new.ts', 'src/b.ts', 'svc/c.ts', 'svc/d.ts']);
  });
  it('leaves a file deleted from the working tree but still staged out of the workspace files', async () => {
    repo = makeTempRepo({ 'keep.ts': 'k\n', 'lost.ts': 'l\n' });
    const { rmSync } = await import('node:fs');
    rmSync(`${repo.dir}/lost.ts`);
    const listing = (await listIndex(repo.dir))!;
    expect(listing.deleted).toEqual(['lost.ts']);
    expect(filesOfIndex(listing)).toEqual(['keep.ts']);
  });
  it('lists paths relative to a workspace below the repository root', async () => {
    repo = busyRepo();
    expect(filesOfIndex((await listIndex(`${repo.dir}/svc`))!)).toEqual(['c.ts', 'd.ts']);
  });
  it('is undefined outside a git repository', async () => {
    dir = makeTempDir({ 'a.txt': 'a' });
    expect(await listIndex(dir.dir)).toBeUndefined();
  });
  it('gives changedFiles the same listing it would make itself', async () => {
    repo = busyRepo();
    const head = repo.git('rev-parse', 'HEAD').trim();
    const own = await changedFiles(repo.dir, head);
    expect(await changedFiles(repo.dir, head, (await listIndex(repo.dir))!)).toEqual(own);
    expect(await changedFiles(repo.dir, head, listIndex(repo.dir))).toEqual(own);
    expect(own.map((c) => `${c.status} ${c.path}`)).toEqual([
      'modified a.ts',
      'deleted gone.ts',
      'untracked new.ts',
      'deleted src/b.ts',
      'untracked src/b.ts',
      'untracked svc/d.ts',
    ]);
  });
});

describe('resolveCommits and resolveBase', () => {
  it('resolves many refs in one call, missing ones as undefined', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    const head = repo.git('rev-parse', 'HEAD').trim();
    expect(await resolveCommits(repo.dir, ['HEAD', 'nope', 'main'])).toEqual([head, undefined, head]);
  });
  it('picks the merge-base with main from a branch, HEAD on main, the empty tree without commits', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    const first = repo.git('rev-parse', 'HEAD').trim();
    expect(await resolveBase(repo.dir)).toBe(first);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ 'b.ts': 'b\n' });
    repo.commit('feature work');
    expect(await resolveBase(repo.dir)).toBe(first);
    const empty = makeTempRepo();
    try {
      expect(await resolveBase(empty.dir)).toBe(EMPTY_TREE);
    } finally {
      empty.cleanup();
    }
  });
});

describe('listFilesAtEach', () => {
  it('returns what one listFilesAt per folder returns, in the same order', async () => {
    repo = makeTempRepo({ 'db/migrations/001.sql': '1', 'db/migrations2/x.sql': 'x', 'migrations/a/up.sql': 'u', 'top.sql': 't' });
    const folders = ['db/migrations', 'migrations', 'prisma/migrations', '.', 'missing/../../outside'];
    const each = await listFilesAtEach(repo.dir, 'HEAD', folders);
    expect(each).toEqual(await Promise.all(folders.map((f) => listFilesAt(repo!.dir, 'HEAD', f))));
    const good = folders.slice(0, 4);
    expect(await listFilesAtEach(repo.dir, 'HEAD', good)).toEqual(await Promise.all(good.map((f) => listFilesAt(repo!.dir, 'HEAD', f))));
    expect((await listFilesAtEach(repo.dir, 'HEAD', good))[0]).toEqual(['db/migrations/001.sql']);
  });
  it('lists nothing at the empty tree', async () => {
    repo = makeTempRepo({ 'db/migrations/001.sql': '1' });
    expect(await listFilesAtEach(repo.dir, EMPTY_TREE, ['db/migrations'])).toEqual([[]]);
  });
});

describe('createTextCache', () => {
  it('reads each file once and answers undefined for what cannot be read', async () => {
    dir = makeTempDir({ 'a.txt': 'one\n', 'sub/b.txt': 'b\n' });
    const read = createTextCache(dir.dir);
    expect(read('a.txt')).toBe('one\n');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir.dir}/a.txt`, 'two\n');
    expect(read('a.txt')).toBe('one\n');
    expect(read('sub/b.txt')).toBe('b\n');
    expect(read('sub')).toBeUndefined();
    expect(read('missing.txt')).toBeUndefined();
  });
  it('reads multi-byte text and files larger than its read buffer whole', () => {
    const big = `${'é✓ line\n'.repeat(200_000)}end`;
    dir = makeTempDir({ 'big.txt': big, 'bom.txt': '\uFEFFZoë\r\n', 'exact.txt': 'x'.repeat(1024 * 1024) });
    const read = createTextCache(dir.dir);
    expect(read('big.txt')).toBe(big);
    expect(read('bom.txt')).toBe('\uFEFFZoë\r\n');
    expect(read('exact.txt')).toHaveLength(1024 * 1024);
  });
  it('stops keeping texts past its budget but still reads them', async () => {
    dir = makeTempDir({ 'a.txt': 'one\n' });
    const read = createTextCache(dir.dir, 0);
    expect(read('a.txt')).toBe('one\n');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir.dir}/a.txt`, 'two\n');
    expect(read('a.txt')).toBe('two\n');
  });
});

describe('createGateInputs shared facts', () => {
  it('lists workspace files and reads base versions once per run', async () => {
    repo = busyRepo();
    const ctx = createGateInputs({ root: repo.dir, config: DEFAULT_CONFIG });
    expect(await ctx.workspaceFiles()).toEqual(['.gitignore', 'a.ts', 'new.ts', 'src/b.ts', 'svc/c.ts', 'svc/d.ts']);
    expect(await ctx.fileAtBase('a.ts')).toBe('a\n');
    expect(await ctx.fileAtBase('new.ts')).toBeUndefined();
    expect((await ctx.changedFiles()).filter((c) => c.status === 'untracked').map((c) => c.path)).toEqual(['new.ts', 'src/b.ts', 'svc/d.ts']);
  });
  it('uses facts the caller already knows instead of asking git again', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    const ctx = createGateInputs({ root: repo.dir, config: DEFAULT_CONFIG, known: { isGitRepo: true, base: EMPTY_TREE } });
    expect(await ctx.base()).toBe(EMPTY_TREE);
    expect(await ctx.fileAtBase('a.ts')).toBeUndefined();
  });
  it('walks the folder outside git', async () => {
    dir = makeTempDir({ 'a.txt': 'a', 'node_modules/x/y.js': 'y' });
    const ctx = createGateInputs({ root: dir.dir, config: DEFAULT_CONFIG });
    expect(await ctx.workspaceFiles()).toEqual(['a.txt']);
    expect(await ctx.changedFiles()).toEqual([]);
  });
});
