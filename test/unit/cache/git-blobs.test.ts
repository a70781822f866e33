// File facts keyed on git's blob ids (IndexListing.blobs): a tracked file git found unchanged is
// neither stat'ed nor read, so every way of making git not look at a file must leave it out of
// the blob ids. Each case edits a committed file behind git's back and requires the fact of the
// new text, not the recorded one.
import { randomBytes } from 'node:crypto';
import { chmodSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blobId, createFileFacts, keyOf } from '../../../src/core/cache/file-facts.js';
import { openCache } from '../../../src/core/cache/store.js';
import { createTextCache } from '../../../src/core/gates/text-cache.js';
import { changedFiles } from '../../../src/core/git/git.js';
import { readIndexListing } from '../../../src/core/git/index-listing.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const secret = randomBytes(32);
const lines = (text: string) => text.split('\n').length;
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function repo(): TempRepo {
  const made = makeTempRepo({ 'a.ts': 'one\ntwo\n', 'b.ts': 'b\n' });
  cleanups.push(made.cleanup);
  return made;
}

/** One check's facts over git's listing, as createGateInputs wires them; `stats` counts the stats of its own. */
async function run(root: string, racyMs = -60_000) {
  const listing = (await readIndexListing(root, { blobs: true }))!;
  const text = createTextCache(root, undefined, (relative, bytes, stat) => facts.onRead(relative, bytes, stat));
  const stats: string[] = [];
  const statFile = (absolute: string) => {
    stats.push(path.relative(root, absolute));
    return statSync(absolute, { throwIfNoEntry: false });
  };
  const cache = openCache({ dir: path.join(root, '.cache'), version: 't', secret });
  const facts = createFileFacts({ root, read: text, cache, racyMs, statFile });
  facts.useBlobs(listing.blobs!);
  return { facts, blobs: listing.blobs!, stats };
}

/**
 * Records a.ts's facts, lets `hide` edit it behind git's back, and returns the next run's answer.
 * `racyMs`: the facts are recorded under a.ts's stat only once that stat is this old; git compares
 * timestamps to the second, so a stat younger than a second can be an edit's stat too.
 */
async function afterHiddenEdit(r: TempRepo, hide: (file: string) => void, racyMs?: number) {
  const first = await run(r.dir, racyMs);
  expect(first.facts.fact('a.ts', 'lines', lines)).toBe(3);
  first.facts.save();
  hide(path.join(r.dir, 'a.ts'));
  const second = await run(r.dir);
  return { blobs: second.blobs, lines: second.facts.fact('a.ts', 'lines', lines) };
}

describe('file facts from git blob ids', () => {
  it("take a clean tracked file's identity from git: its blob id, no read", async () => {
    const r = repo();
    const first = await run(r.dir);
    expect(first.blobs.get('a.ts')?.id).toBe(blobId(Buffer.from('one\ntwo\n')));
    expect(first.blobs.get('a.ts')?.id).toBe(r.git('hash-object', 'a.ts').trim());
    first.facts.fact('a.ts', 'lines', lines);
    first.facts.save();
    // A touch: git compares the content and still vouches for it.
    utimesSync(path.join(r.dir, 'a.ts'), new Date(2021, 0, 1), new Date(2021, 0, 1));
    const second = await run(r.dir);
    expect(second.facts.fact('a.ts', 'lines', lines)).toBe(3);
    expect(second.facts.counts).toEqual({ reused: 1, computed: 0 });
  });

  it('answer an unchanged file from its index entry, without a stat of its own', async () => {
    const r = repo();
    const first = await run(r.dir);
    first.facts.fact('a.ts', 'lines', lines);
    first.facts.save();
    // The index entry's stat (git ls-files --debug) is the stat the facts were read under.
    expect(first.blobs.get('a.ts')?.stat).toBe(keyOf(statSync(path.join(r.dir, 'a.ts'))));
    const second = await run(r.dir);
    expect(second.facts.fact('a.ts', 'lines', lines)).toBe(3);
    expect(second.facts.counts).toEqual({ reused: 1, computed: 0 });
    expect(second.stats).toEqual([]);
  });

  // The index pairs an edited file's stat with the old blob id while a clean filter hides the edit.
  for (const refresh of [true, false]) {
    it(`see an edit a clean filter hid from git${refresh ? ' while git status refreshed the index' : ''}`, async () => {
      const r = repo();
      // As in a real run (RACY_MS): a.ts's stat is recorded only once settled, here past a second.
      sleepSync(1_100);
      const seen = await afterHiddenEdit(
        r,
        (file) => {
          writeFileSync(path.join(r.dir, '.git', 'info', 'attributes'), 'a.ts filter=hide\n');
          r.git('config', 'filter.hide.clean', 'git show HEAD:%f');
          // Same size, more lines.
          writeFileSync(file, 'o\nn\ne\nt\n');
          if (!refresh) return;
          // Past the second of the edit, so git takes the refreshed stat as settled.
          sleepSync(1_100);
          r.git('status');
          r.git('config', '--unset', 'filter.hide.clean');
          rmSync(path.join(r.dir, '.git', 'info', 'attributes'));
        },
        1_000,
      );
      // git itself, asked plainly, is fooled.
      expect(r.git('ls-files', '--modified')).toBe('');
      expect(seen.lines).toBe(5);
    });
  }

  // git takes a CRLF working file for its LF blob (it converts before comparing): equal, though the bytes are not.
  for (const [name, convert] of [
    ['core.autocrlf', (r: TempRepo) => r.git('config', 'core.autocrlf', 'true')],
    ['an eol attribute', (r: TempRepo) => writeFileSync(path.join(r.dir, '.git', 'info', 'attributes'), 'a.ts text eol=crlf\n')],
  ] as const) {
    it(`take the facts of CRLF bytes whose blob is LF under ${name}`, async () => {
      const r = repo();
      const crlf = (text: string) => text.includes('\r');
      const first = await run(r.dir);
      expect(first.facts.fact('a.ts', 'crlf', crlf)).toBe(false);
      first.facts.save();
      convert(r);
      writeFileSync(path.join(r.dir, 'a.ts'), 'one\r\ntwo\r\n');
      // As a checkout under the setting leaves it: the LF blob beside the CRLF file's stat.
      r.git('add', 'a.ts');
      expect(r.git('ls-files', '-s', 'a.ts')).toContain(blobId(Buffer.from('one\ntwo\n')));
      expect(r.git('ls-files', '--modified')).toBe('');
      const second = await run(r.dir);
      expect(second.facts.fact('a.ts', 'crlf', crlf)).toBe(true);
      second.facts.save();
      // Recorded for the CRLF bytes: reused next time, by the file's own stat.
      const third = await run(r.dir);
      expect(third.facts.fact('a.ts', 'crlf', crlf)).toBe(true);
      expect(third.facts.counts).toEqual({ reused: 1, computed: 0 });
    });
  }

  it('leave out modified, deleted, untracked and symlinked files', async () => {
    const r = repo();
    r.write({ 'c.ts': 'c\n' });
    symlinkSync('b.ts', path.join(r.dir, 'link.ts'));
    r.commit('more');
    writeFileSync(path.join(r.dir, 'a.ts'), 'changed\n');
    rmSync(path.join(r.dir, 'c.ts'));
    r.write({ 'new.ts': 'n\n' });
    const { blobs } = await run(r.dir);
    expect([...blobs.keys()]).toEqual(['b.ts']);
  });

  it('see an edit to a file flagged assume-unchanged', async () => {
    const r = repo();
    const seen = await afterHiddenEdit(r, (file) => {
      r.git('update-index', '--assume-unchanged', 'a.ts');
      writeFileSync(file, 'one\n');
    });
    expect(seen.blobs.has('a.ts')).toBe(false);
    expect(seen.lines).toBe(2);
  });

  it('see an edit to a file flagged skip-worktree', async () => {
    const r = repo();
    const seen = await afterHiddenEdit(r, (file) => {
      r.git('update-index', '--skip-worktree', 'a.ts');
      writeFileSync(file, 'one\n');
    });
    expect(seen.blobs.has('a.ts')).toBe(false);
    expect(seen.lines).toBe(2);
  });

  it('see an edit that a fsmonitor hook in the repository config reports as nothing', async () => {
    const r = repo();
    const hook = path.join(r.dir, '.git', 'lying-fsmonitor');
    // Protocol 2: a token, then no changed paths.
    writeFileSync(hook, "#!/bin/sh\nprintf 'token\\0'\n");
    chmodSync(hook, 0o755);
    r.git('config', 'core.fsmonitor', hook);
    r.git('update-index', '--fsmonitor');
    // A plain status writes the hook's "unchanged" into the index.
    r.git('status');
    const seen = await afterHiddenEdit(r, (file) => writeFileSync(file, 'one\nTWO\n'));
    // git itself, asked plainly, is fooled.
    expect(r.git('ls-files', '--modified')).toBe('');
    expect(seen.blobs.has('a.ts')).toBe(false);
    expect(seen.lines).toBe(3);
    const changed = await changedFiles(r.dir, r.git('rev-parse', 'HEAD').trim());
    expect(changed.map((c) => c.path)).toContain('a.ts');
  });

  it('see a same-size edit whose mtime was set back, under checkStat=minimal and trustctime=false', async () => {
    const r = repo();
    r.git('config', 'core.checkStat', 'minimal');
    r.git('config', 'core.trustctime', 'false');
    // An old mtime in the index (written now), so git's racy-entry check does not compare the content.
    const old = new Date(2020, 0, 1);
    utimesSync(path.join(r.dir, 'a.ts'), old, old);
    r.git('update-index', '--refresh');
    // git keeps ctime to the second: an edit in the second of the refresh would pass even git's
    // default checks (docs/cache.md says so); the settings are what this case is about.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const seen = await afterHiddenEdit(r, (file) => {
      writeFileSync(file, 'one\nTWO\n');
      utimesSync(file, old, old);
    });
    expect(r.git('ls-files', '--modified')).toBe('');
    expect(seen.blobs.has('a.ts')).toBe(false);
    expect(seen.lines).toBe(3);
  });
});
