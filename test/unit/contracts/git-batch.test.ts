import { afterEach, describe, expect, it } from 'vitest';
import { readFilesAt } from '../../../src/core/contracts/git-batch.js';
import { EMPTY_TREE } from '../../../src/core/git/git.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('readFilesAt', () => {
  it('reads many files at a ref in one go, skipping missing ones, keeping multi-byte text intact', async () => {
    repo = makeTempRepo({ 'a.json': '{"name":"Zoë ✓"}\n', 'dir/b.yaml': 'x: 1\n', 'empty.txt': '' });
    const head = repo.git('rev-parse', 'HEAD').trim();
    repo.write({ 'a.json': 'changed\n' });
    const files = await readFilesAt(repo.dir, head, ['a.json', 'missing.json', 'dir/b.yaml', 'empty.txt']);
    expect([...files.entries()]).toEqual([
      ['a.json', '{"name":"Zoë ✓"}\n'],
      ['dir/b.yaml', 'x: 1\n'],
      ['empty.txt', ''],
    ]);
  });
  it('reads nothing at the empty tree', async () => {
    repo = makeTempRepo({ 'a.json': '{}' });
    expect((await readFilesAt(repo.dir, EMPTY_TREE, ['a.json'])).size).toBe(0);
  });
});

describe('readFilesAt in a workspace below the repository root', () => {
  it('reads paths relative to the workspace folder', async () => {
    repo = makeTempRepo({ 'svc/a.json': 'inner\n', 'a.json': 'outer\n' });
    const files = await readFilesAt(`${repo.dir}/svc`, 'HEAD', ['a.json']);
    expect(files.get('a.json')).toBe('inner\n');
  });
});
