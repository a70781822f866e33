import { afterEach, describe, expect, it } from 'vitest';
import { listWorkspaceFiles } from '../../../src/core/workspace/listing.js';
import { changedFiles, resolveBase } from '../../../src/core/git/git.js';
import { listIndex } from '../../../src/core/git/index-listing.js';
import { listWorkspaceFiles as provenanceFiles } from '../../../src/core/provenance/files.js';
import { expandPaths } from '../../../src/core/secrets/files.js';
import { BUILTIN_IGNORED_DIRS, inBuiltinIgnoredDir } from '../../../src/core/workspace/ignore.js';
import { makeTempDir, makeTempRepo } from '../../helpers/cli.js';

// What `npm install`, a build, a test run and a virtualenv leave in a fresh checkout.
const clutter: Record<string, string> = {
  'node_modules/express/index.js': 'module.exports = 1;\n',
  'packages/api/node_modules/x/index.js': 'x\n',
  'dist/app.js': 'built\n',
  'build/lib/a.py': 'built\n',
  'coverage/lcov.info': 'TN:\n',
  '.venv/lib/site.py': 'x\n',
  'venv/bin/activate': 'x\n',
  'src/pkg/__pycache__/a.cpython-311.pyc': 'x\n',
  'vendor/github.com/x/y.go': 'package y\n',
  'target/debug/app': 'bin\n',
};
const own = { 'package.json': '{"name":"app"}\n', 'src/index.js': 'export {};\n', 'src/pkg/a.py': 'x = 1\n' };

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the built-in ignore list', () => {
  it('names the folders the issue lists', () => {
    expect([...BUILTIN_IGNORED_DIRS].sort()).toEqual(['.git', '.venv', '__pycache__', 'build', 'coverage', 'dist', 'node_modules', 'target', 'vendor', 'venv']);
    expect(inBuiltinIgnoredDir('a/node_modules/b.js')).toBe(true);
    expect(inBuiltinIgnoredDir('src/builder.ts')).toBe(false);
    expect(inBuiltinIgnoredDir('dist')).toBe(false);
  });

  it('keeps untracked clutter out of every git listing even without a .gitignore', async () => {
    const repo = makeTempRepo(own);
    cleanups.push(repo.cleanup);
    repo.write({ ...clutter, 'src/new.js': 'export const x = 1;\n' });
    const expected = ['package.json', 'src/index.js', 'src/new.js', 'src/pkg/a.py'];
    expect(await listWorkspaceFiles(repo.dir)).toEqual(expected);
    expect(await provenanceFiles(repo.dir, true)).toEqual(expected);
    const base = await resolveBase(repo.dir);
    expect((await changedFiles(repo.dir, base)).map((c) => c.path)).toEqual(['src/new.js']);
    expect((await listIndex(repo.dir))!.others).toEqual(['src/new.js']);
  });

  it('still sees what git tracks in those folders: that was the user’s choice', async () => {
    const repo = makeTempRepo({ ...own, 'vendor/lib/a.go': 'package lib\n' });
    cleanups.push(repo.cleanup);
    repo.write({ 'vendor/lib/a.go': 'package lib // edited\n' });
    const base = await resolveBase(repo.dir);
    expect((await changedFiles(repo.dir, base)).map((c) => c.path)).toEqual(['vendor/lib/a.go']);
  });

  it('outside git, honours the list and the root .gitignore', async () => {
    const dir = makeTempDir({ ...own, ...clutter, '.gitignore': '*.log\n/tmp/\n', 'debug.log': 'x\n', 'tmp/scratch.txt': 'x\n' });
    cleanups.push(dir.cleanup);
    const expected = ['.gitignore', 'package.json', 'src/index.js', 'src/pkg/a.py'];
    expect(await listWorkspaceFiles(dir.dir, false)).toEqual(expected);
    expect(await provenanceFiles(dir.dir, false)).toEqual(expected);
    expect(await expandPaths(dir.dir, ['.'])).toEqual(expected);
  });
});
