import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listWorkspaceFiles } from '../../../src/core/workspace/listing.js';
import { makeTempDir, makeTempRepo } from '../../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A `git` first on PATH that logs each command line to a file, then runs the real git. */
function loggingGit(): { log: string; restore(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-git-log-'));
  const log = path.join(dir, 'calls.log');
  writeFileSync(log, '');
  const real = process.env.PATH ?? '';
  writeFileSync(path.join(dir, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nPATH='${real}' exec git "$@"\n`);
  chmodSync(path.join(dir, 'git'), 0o755);
  process.env.PATH = `${dir}${path.delimiter}${real}`;
  return {
    log,
    restore() {
      process.env.PATH = real;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('listWorkspaceFiles', () => {
  it('lists a git work tree (tracked and untracked, not ignored, not deleted) with one git process', async () => {
    const repo = makeTempRepo({ '.gitignore': 'secret.env\n', 'a.ts': 'a\n', 'gone.ts': 'g\n', 'src/b.ts': 'b\n' });
    cleanups.push(repo.cleanup);
    repo.write({ 'new.ts': 'n\n', 'secret.env': 'X=1\n' });
    rmSync(path.join(repo.dir, 'gone.ts'));
    const git = loggingGit();
    cleanups.push(git.restore);
    expect(await listWorkspaceFiles(repo.dir)).toEqual(['.gitignore', 'a.ts', 'new.ts', 'src/b.ts']);
    expect(readFileSync(git.log, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('walks a folder that is not a git work tree', async () => {
    const folder = makeTempDir({ 'a.ts': 'a\n', 'node_modules/x/index.js': 'x\n' });
    cleanups.push(folder.cleanup);
    expect(await listWorkspaceFiles(folder.dir)).toEqual(['a.ts']);
  });
});
