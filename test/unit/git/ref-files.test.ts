import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_CANDIDATES, resolveCommits } from '../../../src/core/git/git.js';
import { commitsFromFiles } from '../../../src/core/git/ref-files.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';

const REFS = ['HEAD', ...BASE_CANDIDATES, 'feature', 'nope'];

let repo: TempRepo | undefined;
const extra: string[] = [];
afterEach(() => {
  repo?.cleanup();
  for (const dir of extra.splice(0)) rmSync(dir, { recursive: true, force: true });
  repo = undefined;
});

/** The files' answer must be read (not a fallback) and equal git's own. */
async function expectSameAsGit(dir: string, refs: readonly string[] = REFS): Promise<(string | undefined)[]> {
  const fromFiles = commitsFromFiles(dir, refs);
  expect(fromFiles).toBeDefined();
  expect(fromFiles).toEqual(await resolveCommits(dir, refs));
  return fromFiles!;
}

function withOrigin(r: TempRepo): void {
  r.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  r.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
}

describe('commitsFromFiles: the .git files give git own answer', () => {
  it('unborn HEAD (no commits): every ref missing', async () => {
    repo = makeTempRepo();
    expect(await expectSameAsGit(repo.dir)).toEqual(REFS.map(() => undefined));
  });

  it('loose refs and loose commits, HEAD a symbolic ref to a branch, origin/HEAD a symbolic ref', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    repo.git('branch', 'feature');
    repo.write({ 'b.ts': 'b\n' });
    repo.commit('second');
    withOrigin(repo);
    const answer = await expectSameAsGit(repo.dir);
    expect(answer[0]).toBe(repo.git('rev-parse', 'HEAD').trim());
    expect(answer.filter(Boolean)).toHaveLength(5);
  });

  it('packed refs and packed commits (after gc), then a new loose commit over a packed ref', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    repo.git('branch', 'feature');
    withOrigin(repo);
    repo.git('gc', '-q');
    expect(existsSync(path.join(repo.dir, '.git', 'refs', 'heads', 'main'))).toBe(false);
    expect(readdirSync(path.join(repo.dir, '.git', 'objects', 'pack')).some((f) => f.endsWith('.idx'))).toBe(true);
    await expectSameAsGit(repo.dir);
    repo.write({ 'b.ts': 'b\n' });
    repo.commit('loose over packed');
    await expectSameAsGit(repo.dir);
  });

  it('detached HEAD', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    const first = repo.git('rev-parse', 'HEAD').trim();
    repo.write({ 'b.ts': 'b\n' });
    repo.commit('second');
    repo.git('checkout', '-q', '--detach', first);
    expect((await expectSameAsGit(repo.dir))[0]).toBe(first);
  });

  it('a tag or a remote of the same short name wins as git picks it (refs/tags before refs/heads)', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    const first = repo.git('rev-parse', 'HEAD').trim();
    repo.write({ 'b.ts': 'b\n' });
    repo.commit('second');
    repo.git('tag', 'main', first);
    repo.git('update-ref', 'refs/remotes/master/HEAD', first);
    const answer = await expectSameAsGit(repo.dir);
    expect(answer[REFS.indexOf('main')]).toBe(first);
    expect(answer[REFS.indexOf('master')]).toBe(first);
  });

  it('a linked worktree (.git file with gitdir:, HEAD per worktree, refs in the common dir)', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    const worktree = `${repo.dir}-wt`;
    extra.push(worktree);
    repo.git('worktree', 'add', '-q', '-b', 'feature', worktree);
    writeFileSync(path.join(worktree, 'c.ts'), 'c\n');
    repo.git('-C', worktree, 'add', '-A');
    repo.git('-C', worktree, 'commit', '-q', '-m', 'in the worktree');
    withOrigin(repo);
    const answer = await expectSameAsGit(worktree);
    expect(answer[0]).not.toBe(answer[REFS.indexOf('main')]);
  });

  it('a separate git dir (.git file with gitdir:, no commondir), as submodules have', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    const gitDir = `${repo.dir}-gitdir`;
    extra.push(gitDir);
    repo.git('init', '-q', '--separate-git-dir', gitDir);
    await expectSameAsGit(repo.dir);
  });
});

describe('commitsFromFiles: falls back to git when it cannot be exact', () => {
  it('a ref to an annotated tag (git peels it), a revision expression, an object id', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    repo.git('tag', '-a', '-m', 'tag', 'master');
    expect(commitsFromFiles(repo.dir, ['HEAD', 'master'])).toBeUndefined();
    expect(commitsFromFiles(repo.dir, ['HEAD~0'])).toBeUndefined();
    expect(commitsFromFiles(repo.dir, [repo.git('rev-parse', 'HEAD').trim().slice(0, 7)])).toBeUndefined();
    expect(commitsFromFiles(repo.dir, ['HEAD', 'main'])).toBeDefined();
  });

  it('replace refs, repository extensions, a ref git would read from the top of the git dir, a broken ref', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    const head = repo.git('rev-parse', 'HEAD').trim();
    repo.git('replace', '-f', head, head);
    expect(commitsFromFiles(repo.dir, ['HEAD'])).toBeUndefined();
    repo.git('replace', '-d', head);
    expect(commitsFromFiles(repo.dir, ['HEAD'])).toBeDefined();
    repo.git('config', 'extensions.worktreeConfig', 'true');
    expect(commitsFromFiles(repo.dir, ['HEAD'])).toBeUndefined();
    repo.git('config', '--unset', 'extensions.worktreeConfig');
    writeFileSync(path.join(repo.dir, '.git', 'main'), `${head}\n`);
    expect(commitsFromFiles(repo.dir, ['main'])).toBeUndefined();
    rmSync(path.join(repo.dir, '.git', 'main'));
    writeFileSync(path.join(repo.dir, '.git', 'refs', 'heads', 'master'), 'garbage\n');
    expect(commitsFromFiles(repo.dir, ['master'])).toBeUndefined();
  });

  it('a symlinked loose ref (git reads the link as a symbolic ref name, not as a path)', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    symlinkSync('refs/heads/main', path.join(repo.dir, '.git', 'refs', 'heads', 'master'));
    expect((await resolveCommits(repo.dir, ['master']))[0]).toBe(repo.git('rev-parse', 'HEAD').trim());
    expect(commitsFromFiles(repo.dir, ['master'])).toBeUndefined();
  });

  it('a ref to a missing object', async () => {
    repo = makeTempRepo({ 'a.ts': 'a\n' });
    writeFileSync(path.join(repo.dir, '.git', 'refs', 'heads', 'master'), `${'1'.repeat(40)}\n`);
    expect(commitsFromFiles(repo.dir, ['master'])).toBeUndefined();
  });

  it('a .git folder git does not take as a repository (no refs folder): git uses the parent repository, so the files are not read', async () => {
    repo = makeTempRepo({ 'ws/a.ts': 'a\n' });
    const first = repo.git('rev-parse', 'HEAD').trim();
    repo.write({ 'ws/a.ts': 'b\n' });
    repo.commit('second');
    const ws = path.join(repo.dir, 'ws');
    // HEAD, config and objects copied in, refs left out: git skips this folder and finds the parent.
    mkdirSync(path.join(ws, '.git'));
    writeFileSync(path.join(ws, '.git', 'HEAD'), `${first}\n`);
    writeFileSync(path.join(ws, '.git', 'config'), '');
    cpSync(path.join(repo.dir, '.git', 'objects'), path.join(ws, '.git', 'objects'), { recursive: true });
    expect((await resolveCommits(ws, ['HEAD']))[0]).toBe(repo.git('rev-parse', 'HEAD').trim());
    const fromFiles = commitsFromFiles(ws, ['HEAD']);
    if (fromFiles) expect(fromFiles[0]).toBe(repo.git('rev-parse', 'HEAD').trim());
    mkdirSync(path.join(ws, '.git', 'refs'));
    // Now a repository to git too: both read the same files.
    expect((await expectSameAsGit(ws, ['HEAD']))[0]).toBe(first);
  });
});
