import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changedFiles, commitExists, isGitRepo, resolveBase, setGitAnswers, showFile } from '../../../src/core/git/git.js';
import { listIndex } from '../../../src/core/git/index-listing.js';
import { answerKind, enableWarmGit } from '../../../src/core/workspace/warm-git.js';
import { walkWorkspace } from '../../../src/core/workspace/ignore.js';
import { filesOfIndex, listWorkspaceFiles } from '../../../src/core/workspace/listing.js';
import { enableWarmState, withCallStamps } from '../../../src/core/workspace/warm.js';

/**
 * Git's answers kept warm (warm-git.ts) must equal git's own after every kind of change. The clock
 * is set far ahead, so every stat is settled and only the stamps can tell a change; each step then
 * gives every path it changed (files, folders, git's own files; objects aside) a time no earlier
 * step used, so a same-size edit within one clock tick cannot keep its stat, and a path the stamp
 * forgets to stat shows as a stale answer.
 */
let root: string;
let tick = 1_000_000_000;
/** Every spawn of git, through a wrapper first on PATH (counts what the warm answers saved). */
let spawnLog: string;
let savedPath: string | undefined;

const run = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'pipe' }).toString();

/** Every path under the root (git's objects aside) with its full stat. */
function snapshot(dir = root, out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const absolute = path.join(dir, entry.name);
    if (absolute === path.join(root, '.git', 'objects')) continue;
    const s = lstatSync(absolute, { bigint: true });
    out.set(absolute, `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`);
    if (entry.isDirectory()) snapshot(absolute, out);
  }
  return out;
}
/** Run a change, then give each path it touched (and the root, when its entries changed) a time of its own. */
function change(fn: () => void): void {
  const before = snapshot();
  const rootBefore = statSync(root).mtimeMs;
  fn();
  for (const [absolute, stat] of snapshot()) {
    if (before.get(absolute) === stat) continue;
    tick += 10;
    utimesSync(absolute, tick, tick);
  }
  if (statSync(root).mtimeMs !== rootBefore) utimesSync(root, (tick += 10), tick);
}
const write = (relative: string, text: string) =>
  change(() => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  });
const git = (...args: string[]) => change(() => run(root, ...args));

/** What the gates ask git, warm (kept answers allowed) and fresh (every command spawned). */
async function answers(at = root, file = 'src/a.ts') {
  const ask = async (warm: boolean) => {
    const base = await resolveBase(at);
    const listing = await listIndex(at);
    return {
      repo: await isGitRepo(at),
      base,
      exists: await commitExists(at, base),
      // Its failure is an answer too (no work tree: a folder git takes as a bare repository).
      changed: await changedFiles(at, base).catch((error: Error) => error.message),
      listing,
      // With the blob ids git vouches for, and which files it converts (CONVERTED_ARGS).
      vouched: await listIndex(at, { blobs: true }),
      // The workspace listing (warm.ts), kept by its own stamp over git's inputs (git-inputs.ts); a walk outside a work tree.
      files: warm ? await listWorkspaceFiles(at) : listing ? filesOfIndex(listing) : await walkWorkspace(at),
      atBase: await showFile(at, base, file),
    };
  };
  const warm = await withCallStamps(() => ask(true));
  setGitAnswers(undefined);
  try {
    return { warm, fresh: await ask(false) };
  } finally {
    enableWarmGit();
  }
}
const spawns = () => readFileSync(spawnLog, 'utf8').split('\n').filter(Boolean).length;

beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-warm-git-')));
  const bin = path.join(root, '..', `${path.basename(root)}-bin`);
  mkdirSync(bin);
  spawnLog = path.join(bin, 'log');
  writeFileSync(spawnLog, '');
  const real = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
  // A file 'kill' beside it makes the next rev-parse --is-inside-work-tree die by a signal (OOM killer, a crash).
  const kill = `case "$*" in *--is-inside-work-tree*) if [ -e '${bin}/kill' ]; then rm '${bin}/kill'; kill -9 $$; fi;; esac\n`;
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho x >> '${spawnLog}'\n${kill}exec '${real}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  savedPath = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
  run(root, 'init', '-q', '-b', 'main');
  write('src/a.ts', 'a1\n');
  write('src/b.ts', 'b1\n');
  write('.gitignore', 'ignored/\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'one');
  vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2100, 0, 1));
  enableWarmState(true);
  enableWarmGit();
});
afterEach(() => {
  vi.restoreAllMocks();
  enableWarmGit(false);
  enableWarmState(false);
  process.env.PATH = savedPath;
  rmSync(root, { recursive: true, force: true });
  rmSync(`${root}-bin`, { recursive: true, force: true });
});

describe('warm git answers', () => {
  it('are kept for commands that only read (and not for the rest)', () => {
    expect(answerKind(['rev-parse', '--verify', 'HEAD'])).toBe('repo');
    expect(answerKind(['-c', 'core.fsmonitor=false', 'diff', '--name-status', 'abc', '--'])).toBe('worktree');
    expect(answerKind(['diff', '--name-status', 'abc', 'def', '--'])).toBe('repo');
    expect(answerKind(['diff', '--cached', 'abc', '--'])).toBeUndefined();
    expect(answerKind(['ls-files', '-z', '--others'])).toBe('worktree');
    for (const write of [['add', '-A'], ['commit', '-m', 'x'], ['hash-object', '--stdin-paths'], ['write-tree'], ['config', 'x']])
      expect(answerKind(write)).toBeUndefined();
  });

  it('ask git nothing again while nothing changed', async () => {
    await answers();
    const before = spawns();
    const { warm, fresh } = await answers();
    expect(warm).toEqual(fresh);
    // Only the fresh half spawned git.
    expect(spawns() - before).toBe(9);
  });

  it('ask git again when a reftable repository updates a ref (git 2.45+: only reftable/tables.list changes)', async () => {
    // This git may keep its refs in files; what a reftable update touches is written here by hand.
    const tables = path.join(root, '.git', 'reftable', 'tables.list');
    for (const text of ['0x000000000001-0x000000000001-aaaaaaaa.ref\n', '0x000000000001-0x000000000002-bbbbbbbb.ref\n']) {
      await answers();
      change(() => (mkdirSync(path.dirname(tables), { recursive: true }), writeFileSync(tables, text)));
      const before = spawns();
      await answers();
      // More than the fresh half's 9: the warm half asked git again.
      expect(spawns() - before, text).toBeGreaterThan(9);
    }
  });

  it('equal git after each kind of change', async () => {
    const steps: [string, () => void][] = [
      ['nothing', () => {}],
      ['same-size edit of a tracked file', () => write('src/a.ts', 'a2\n')],
      ['edit back', () => write('src/a.ts', 'a1\n')],
      ['staged change', () => git('add', 'src/a.ts')],
      ['new untracked file', () => write('src/c.ts', 'c\n')],
      ['ignored file', () => write('ignored/x.ts', 'x\n')],
      ['untracked file in a new folder', () => write('docs/new/n.md', 'n\n')],
      ['edit of .gitignore', () => write('.gitignore', 'ignored/\ndocs/\n')],
      ['attributes', () => write('.gitattributes', '*.ts text eol=crlf\n')],
      ['commit', () => (git('add', '-A'), git('commit', '-q', '-m', 'two'))],
      ['edit after commit', () => write('src/b.ts', 'b2\n')],
      ['deleted tracked file', () => change(() => rmSync(path.join(root, 'src/b.ts')))],
      ['branch switch', () => (git('checkout', '-q', '-f', '-b', 'side', 'HEAD~1'), git('commit', '-q', '--allow-empty', '-m', 'side'))],
      ['back to main, new commit there', () => (git('checkout', '-q', '-f', 'main'), write('src/a.ts', 'a3\n'), git('commit', '-q', '-am', 'three'))],
      ['a default branch the base is derived from', () => git('branch', '-f', 'master', 'HEAD~1')],
      ['assume-unchanged edit', () => (git('update-index', '--assume-unchanged', 'src/a.ts'), write('src/a.ts', 'a4\n'))],
      ['packed refs', () => git('pack-refs', '--all')],
      [
        'tracked files in vendor/ (a folder the listing does not walk)',
        () => (write('vendor/lib/v.js', 'v1\n'), git('add', '-f', 'vendor'), git('commit', '-q', '-m', 'v')),
      ],
      ['attributes added in vendor/', () => write('vendor/.gitattributes', 'v.js filter=hide\n')],
      ['attributes edited in vendor/', () => write('vendor/.gitattributes', 'nothing filter=hide\n')],
      ['attributes added in vendor/lib/', () => write('vendor/lib/.gitattributes', '*.js text eol=crlf\n')],
    ];
    for (const [name, step] of steps) {
      step();
      const { warm, fresh } = await answers();
      expect(warm, name).toEqual(fresh);
    }
  });

  it('see a same-size edit made within the same second, its mtime put back (real clock)', async () => {
    vi.restoreAllMocks();
    const file = path.join(root, 'src/a.ts');
    const before = await answers();
    expect(before.warm).toEqual(before.fresh);
    const { mtime, atime, ctimeMs } = statSync(file);
    // git built without USE_NSEC compares whole seconds: an edit in the second its index recorded
    // (the setup's, on a fast run) keeps mtime and ctime for git, which then misses it too. So the
    // edit is made again until its ctime is in a later second (polled on the file, not the clock).
    do {
      if (Math.floor(statSync(file).ctimeMs / 1000) <= Math.floor(ctimeMs / 1000)) await new Promise((done) => setTimeout(done, 20));
      writeFileSync(file, 'a9\n');
      utimesSync(file, atime, mtime);
    } while (Math.floor(statSync(file).ctimeMs / 1000) <= Math.floor(ctimeMs / 1000));
    const after = await answers();
    expect(after.warm).toEqual(after.fresh);
    expect(after.warm.changed).toContainEqual(expect.objectContaining({ path: 'src/a.ts' }));
  });

  it('in a subfolder root: a repository made between it and the top is seen, and its commits', async () => {
    const deep = path.join(root, 'src', 'deep');
    write('src/deep/d.ts', 'd1\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'deep');
    const steps: [string, () => void][] = [
      ['nothing', () => {}],
      ['git init in src', () => change(() => run(path.join(root, 'src'), 'init', '-q', '-b', 'main'))],
      ['add in the new repository', () => change(() => run(path.join(root, 'src'), 'add', '-A'))],
      ['commit there', () => change(() => run(path.join(root, 'src'), 'commit', '-q', '-m', 'nested'))],
      ['edit', () => write('src/deep/d.ts', 'd2\n')],
    ];
    for (const [name, step] of steps) {
      step();
      const { warm, fresh } = await answers(deep, 'd.ts');
      expect(warm, name).toEqual(fresh);
    }
  });

  it('in a subfolder root: a .git folder (or the folder itself) becoming a repository to git or ceasing to be one (HEAD, objects, refs) is seen', async () => {
    const deep = path.join(root, 'src', 'deep');
    write('src/deep/d.ts', 'd1\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'deep');
    const fake = (relative: string, text: string) => write(`src/deep/.git/${relative}`, text);
    const steps: [string, () => void][] = [
      ['nothing', () => {}],
      ['a hand-made .git with a config and a HEAD', () => (fake('config', '[core]\n\tbare = false\n'), fake('HEAD', 'ref: refs/heads/main\n'))],
      ['staged edit in the real repository', () => (write('src/deep/d.ts', 'd2\n'), git('add', '-A'))],
      ['commit in the real repository', () => git('commit', '-q', '-m', 'two')],
      [
        'git init there and a commit: now a repository',
        () => change(() => (run(deep, 'init', '-q', '-b', 'main'), run(deep, 'add', '-A'), run(deep, 'commit', '-q', '-m', 'nested'))),
      ],
      ['its HEAD made no ref: no repository again', () => fake('HEAD', 'nothing\n')],
      ['edit and commit in the real repository', () => (write('src/deep/d.ts', 'd3\n'), git('add', '-A'), git('commit', '-q', '-m', 'three'))],
      ['a HEAD again: a repository again', () => fake('HEAD', 'ref: refs/heads/main\n')],
      ['its objects folder gone: none again', () => change(() => rmSync(path.join(deep, '.git', 'objects'), { recursive: true, force: true }))],
      ['branch moved in the real repository', () => git('branch', '-f', 'master', 'HEAD~1')],
      ['ref moved in the real repository', () => git('reset', '-q', '--soft', 'HEAD~1')],
      ['the fake .git removed', () => change(() => rmSync(path.join(deep, '.git'), { recursive: true, force: true }))],
      [
        'the folder itself made a bare repository to git (HEAD, objects, refs)',
        () => (write('src/deep/objects/o', ''), write('src/deep/refs/r', ''), write('src/deep/HEAD', 'ref: refs/heads/main\n')),
      ],
      ['its HEAD gone: none again', () => change(() => rmSync(path.join(deep, 'HEAD')))],
      ['commit in the real repository', () => (write('src/deep/d.ts', 'd4\n'), git('commit', '-q', '-am', 'four'))],
      ['a hand-made .git in a folder between the root and the top', () => write('src/.git/HEAD', 'ref: refs/heads/main\n')],
      ['made whole there (objects, refs)', () => (write('src/.git/objects/o', ''), write('src/.git/refs/r', ''))],
      ['its refs folder gone', () => change(() => rmSync(path.join(root, 'src', '.git', 'refs'), { recursive: true, force: true }))],
      ['edit and commit in the real repository again', () => (write('src/deep/d.ts', 'd5\n'), git('commit', '-q', '-am', 'five'))],
    ];
    for (const [name, step] of steps) {
      step();
      const { warm, fresh } = await answers(deep, 'd.ts');
      expect(warm, name).toEqual(fresh);
    }
  });

  it('see an edit of a config file the repository includes (include.path), and of files it names', async () => {
    write('src/c.ts', 'c\n');
    // Outside the work tree, so no folder the listing stamps changes with them.
    const outside = `${root}-bin`;
    const edit = (file: string, text: string) => {
      writeFileSync(path.join(outside, file), text);
      utimesSync(path.join(outside, file), (tick += 10), tick);
    };
    const steps: [string, () => void][] = [
      ['include of a file not there yet', () => git('config', 'include.path', path.join(outside, 'inc.cfg'))],
      [
        'the included file sets core.excludesFile',
        () => (edit('hide', 'src/c.ts\n'), edit('inc.cfg', `[core]\n\texcludesFile = ${path.join(outside, 'hide')}\n`)),
      ],
      ['the excludes file it names is edited', () => edit('hide', 'nothing\n')],
      ['a nested include (relative to the including file)', () => edit('inc.cfg', '[include]\n\tpath = nested.cfg\n')],
      [
        'the nested file sets core.excludesFile',
        () => (edit('hide', 'src/c.ts\n'), edit('nested.cfg', `[core]\n\texcludesFile = ${path.join(outside, 'hide')}\n`)),
      ],
    ];
    for (const [name, step] of steps) {
      step();
      const { warm, fresh } = await answers();
      expect(warm, name).toEqual(fresh);
    }
  });

  it('keep no answer of a git that did not exit on its own (killed by a signal)', async () => {
    writeFileSync(path.join(`${root}-bin`, 'kill'), '');
    expect(await withCallStamps(() => isGitRepo(root))).toBe(false);
    expect(await withCallStamps(() => isGitRepo(root))).toBe(true);
  });

  it('outside a repository: git init is seen', async () => {
    const plain = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-warm-plain-')));
    try {
      expect(await withCallStamps(() => isGitRepo(plain))).toBe(false);
      run(plain, 'init', '-q');
      expect(await withCallStamps(() => isGitRepo(plain))).toBe(true);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
