// git's index file read directly (src/core/git/index-file.ts) must give the blob ids and index
// stats `ls-files -s --debug` gives, in every index version, and step aside whenever the file is
// not the plain one it knows or git may have read another one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blobId } from '../../../src/core/cache/file-facts.js';
import { readIndexListing } from '../../../src/core/git/index-listing.js';
import { parseIndex, readIndexSnapshot, sameIndex } from '../../../src/core/git/index-file.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function repo(files: Record<string, string>): TempRepo {
  const made = makeTempRepo(files);
  cleanups.push(made.cleanup);
  return made;
}

/** The listing as git prints it (`ls-files -s --debug`): GIT_WORK_TREE moves the reader aside. */
async function listedByGit(root: string) {
  process.env.GIT_WORK_TREE = root;
  try {
    expect(readIndexSnapshot(root)).toBeUndefined();
    return (await readIndexListing(root, { blobs: true }))!;
  } finally {
    delete process.env.GIT_WORK_TREE;
  }
}

const sorted = (blobs: Map<string, unknown> | undefined) => [...(blobs ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1));

/** A repository with every kind of entry: unmerged stages, a symlink, intent-to-add, skip-worktree, assume-unchanged, non-ASCII names, an edit, an untracked file. */
function mixed(): TempRepo {
  const made = repo({ 'a/one.ts': 'one\n', 'a/ünï cöde.md': 'ü\n', 'b/two.ts': 'two\n', 'b/three.ts': 'three\n', 'c.txt': 'base\n' });
  symlinkSync('a/one.ts', path.join(made.dir, 'link'));
  made.commit('link');
  made.git('checkout', '-q', '-b', 'side');
  writeFileSync(path.join(made.dir, 'c.txt'), 'side\n');
  made.commit('side');
  made.git('checkout', '-q', 'main');
  writeFileSync(path.join(made.dir, 'c.txt'), 'main\n');
  made.commit('main');
  try {
    made.git('merge', '-q', 'side');
  } catch {
    /* the conflict is the point: c.txt has stages 1-3 */
  }
  writeFileSync(path.join(made.dir, 'ita.ts'), 'new\n');
  made.git('add', '-N', 'ita.ts');
  made.git('update-index', '--skip-worktree', 'b/two.ts');
  made.git('update-index', '--assume-unchanged', 'b/three.ts');
  writeFileSync(path.join(made.dir, 'a/one.ts'), 'edited\n');
  writeFileSync(path.join(made.dir, 'untracked.ts'), 'u\n');
  return made;
}

describe('the index file read directly', () => {
  it.each([2, 3, 4])('gives what ls-files -s --debug gives, index version %i', async (version) => {
    const made = mixed();
    made.git('update-index', '--index-version', String(version));
    const snapshot = readIndexSnapshot(made.dir);
    expect(snapshot).toBeDefined();
    const fast = (await readIndexListing(made.dir, { blobs: true }))!;
    const slow = await listedByGit(made.dir);
    expect(sorted(fast.blobs)).toEqual(sorted(slow.blobs));
    expect(fast.blobs!.has('a/ünï cöde.md')).toBe(true);
    for (const left of ['a/one.ts', 'b/two.ts', 'b/three.ts', 'c.txt', 'ita.ts', 'link']) expect(fast.blobs!.has(left)).toBe(false);
    expect([fast.cached, fast.others, fast.deleted, fast.hidden?.sort()]).toEqual([slow.cached, slow.others, slow.deleted, slow.hidden?.sort()]);
  });

  it('gives the same stats as git for a larger v4 index (path compression across folders)', async () => {
    const files: Record<string, string> = {};
    for (const folder of ['a', 'ab', 'abc', 'b/c', 'b/cd']) for (let i = 0; i < 40; i++) files[`${folder}/file${i}.txt`] = `${folder} ${i}\n`;
    const made = repo(files);
    made.git('update-index', '--index-version', '4');
    const fast = (await readIndexListing(made.dir, { blobs: true }))!;
    expect(fast.blobs!.size).toBe(200);
    expect(sorted(fast.blobs)).toEqual(sorted((await listedByGit(made.dir)).blobs));
  });

  it('knows when the index file was replaced after it was read', () => {
    const made = repo({ 'a.ts': 'a\n' });
    const snapshot = readIndexSnapshot(made.dir)!;
    expect(sameIndex(snapshot)).toBe(true);
    writeFileSync(path.join(made.dir, 'b.ts'), 'b\n');
    made.git('add', 'b.ts');
    expect(sameIndex(snapshot)).toBe(false);
  });

  it('reads no index from a .git folder git does not take as a repository (git then uses a parent repository)', async () => {
    // The workspace is a subfolder of a repository; a .git folder in it with only an index and a config is no repository to git.
    const made = repo({ 'ws/a.ts': 'a\n', 'ws/b.ts': 'b\n' });
    const ws = path.join(made.dir, 'ws');
    const env = { ...process.env, GIT_DIR: path.join(ws, '.fake'), GIT_WORK_TREE: ws };
    execFileSync('git', ['init', '-q'], { cwd: ws, env });
    execFileSync('git', ['add', 'a.ts', 'b.ts'], { cwd: ws, env });
    mkdirSync(path.join(ws, '.git'));
    writeFileSync(path.join(ws, '.git', 'config'), '');
    renameSync(path.join(ws, '.fake', 'index'), path.join(ws, '.git', 'index'));
    rmSync(path.join(ws, '.fake'), { recursive: true, force: true });
    // An edit git has taken in (staged): the parent's index says a.ts is unchanged.
    writeFileSync(path.join(ws, 'a.ts'), 'edited, another size\n');
    made.git('add', 'ws/a.ts');
    expect(made.git('rev-parse', '--show-toplevel').trim()).toBe(made.dir);
    const listing = (await readIndexListing(ws, { blobs: true }))!;
    const id = listing.blobs?.get('a.ts')?.id;
    if (id !== undefined) expect(id).toBe(blobId(readFileSync(path.join(ws, 'a.ts'))));
    expect(readIndexSnapshot(ws)).toBeUndefined();
  });

  it('steps aside for a split index, sha256 objects, a configured work tree, config includes or settings from the environment, and anything it cannot parse', () => {
    const split = repo({ 'a.ts': 'a\n' });
    split.git('update-index', '--split-index');
    expect(readIndexSnapshot(split.dir)).toBeUndefined();
    const moved = repo({ 'a.ts': 'a\n' });
    moved.git('config', 'core.worktree', moved.dir);
    expect(readIndexSnapshot(moved.dir)).toBeUndefined();
    const included = repo({ 'a.ts': 'a\n' });
    included.git('config', 'include.path', 'more.config');
    expect(readIndexSnapshot(included.dir)).toBeUndefined();
    const configured = repo({ 'a.ts': 'a\n' });
    expect(readIndexSnapshot(configured.dir)).toBeDefined();
    process.env.GIT_CONFIG_COUNT = '0';
    try {
      expect(readIndexSnapshot(configured.dir)).toBeUndefined();
    } finally {
      delete process.env.GIT_CONFIG_COUNT;
    }
    const sha256 = repo({});
    sha256.git('config', 'extensions.objectFormat', 'sha256');
    expect(readIndexSnapshot(sha256.dir)).toBeUndefined();
    const plain = repo({ 'a.ts': 'a\n' });
    const bytes = readFileSync(path.join(plain.dir, '.git', 'index'));
    expect(parseIndex(bytes)?.entries.size).toBe(1);
    expect(parseIndex(bytes.subarray(0, bytes.length - 30))).toBeUndefined();
    expect(parseIndex(Buffer.concat([bytes.subarray(0, 4), Buffer.from([0, 0, 0, 9]), bytes.subarray(8)]))).toBeUndefined();
  });
});
