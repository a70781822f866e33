import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blobId, createFileFacts, keyOf, shardOf } from '../../../src/core/cache/file-facts.js';
import { openCache } from '../../../src/core/cache/store.js';
import { createTextCache } from '../../../src/core/gates/text-cache.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const secret = randomBytes(32);

function workspace() {
  const root = mkdtempSync(path.join(tmpdir(), 'sentinel-facts-'));
  dirs.push(root);
  const reads: string[] = [];
  /**
   * One run: its own facts store over a fresh cache handle and text reader, as a new process would
   * have. `beforeRead` runs between the store's decision to read and the read itself.
   */
  // Default: a negative racy window, so files written by the test count as settled even within the same millisecond.
  const run = (racyMs = -60_000, beforeRead?: (relative: string) => void) => {
    const text = createTextCache(root, undefined, (relative, bytes, stat) => facts.onRead(relative, bytes, stat));
    const facts = createFileFacts({
      root,
      read: (relative) => {
        reads.push(relative);
        beforeRead?.(relative);
        return text(relative);
      },
      cache: openCache({ dir: path.join(root, '.cache'), version: 't', secret }),
      racyMs,
    });
    return facts;
  };
  return { root, reads, run };
}

const lines = (text: string) => text.split('\n').length;

describe('per-file facts', () => {
  it('are computed once per content: reused while the stat holds, recomputed after an edit', () => {
    const { root, reads, run } = workspace();
    writeFileSync(path.join(root, 'a.ts'), 'one\ntwo');
    const first = run();
    expect(first.fact('a.ts', 'lines', lines)).toBe(2);
    first.save();
    const second = run();
    expect(second.fact('a.ts', 'lines', lines)).toBe(2);
    expect(second.counts).toEqual({ reused: 1, computed: 0 });
    expect(reads).toEqual(['a.ts']);
    appendFileSync(path.join(root, 'a.ts'), '\nthree');
    const third = run();
    expect(third.fact('a.ts', 'lines', lines)).toBe(3);
    expect(third.counts).toEqual({ reused: 0, computed: 1 });
  });

  it('keep the other facts of a file whose stat changed but whose text did not (a touch)', () => {
    const { root, run } = workspace();
    writeFileSync(path.join(root, 'a.ts'), 'x');
    const first = run();
    first.fact('a.ts', 'lines', lines);
    first.fact('a.ts', 'size', (t) => t.length);
    first.save();
    utimesSync(path.join(root, 'a.ts'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const second = run();
    expect(second.fact('a.ts', 'lines', lines)).toBe(1);
    second.save();
    const third = run();
    expect(third.fact('a.ts', 'size', () => -1)).toBe(1);
    expect(third.counts.reused).toBe(1);
  });

  it('keep one variant of a `name:variant` fact: a new contract digest replaces the old verdict', () => {
    const { root, run } = workspace();
    writeFileSync(path.join(root, 'f.json'), '{}');
    const first = run();
    first.fact('f.json', 'verdict:aaa', () => 'ok under aaa');
    first.fact('f.json', 'verdict:bbb', () => 'ok under bbb');
    first.save();
    const second = run();
    expect(second.fact('f.json', 'verdict:aaa', () => 'recomputed')).toBe('recomputed');
    expect(second.fact('f.json', 'verdict:bbb', () => 'recomputed')).toBe('recomputed');
  });

  it('do not record a file modified within the racy window, nor one that is missing', () => {
    const { root, run } = workspace();
    writeFileSync(path.join(root, 'a.ts'), 'new');
    const first = run(60_000);
    expect(first.fact('a.ts', 'lines', lines)).toBe(1);
    expect(first.fact('gone.ts', 'lines', lines)).toBeUndefined();
    first.save();
    const second = run();
    second.fact('a.ts', 'lines', lines);
    expect(second.counts).toEqual({ reused: 0, computed: 1 });
  });

  it('forget files that left the workspace when the run listed it, reading no shard the run did not use', () => {
    const { root, run } = workspace();
    // b.ts shares a.ts's shard; c.ts lies in another.
    const others = Array.from({ length: 64 }, (_, i) => `f${i}.ts`);
    const b = others.find((f) => shardOf(f) === shardOf('a.ts'))!;
    const c = others.find((f) => shardOf(f) !== shardOf('a.ts'))!;
    for (const file of ['a.ts', b, c]) writeFileSync(path.join(root, file), file);
    const first = run();
    for (const file of ['a.ts', b, c]) first.fact(file, 'lines', lines);
    first.save();
    const opened: string[] = [];
    const cache = openCache({ dir: path.join(root, '.cache'), version: 't', secret });
    const watched = createFileFacts({
      root,
      read: () => undefined,
      cache: { dir: cache.dir, namespace: (name, options) => (opened.push(name), cache.namespace(name, options)) },
      racyMs: -60_000,
    });
    watched.fact('a.ts', 'lines', lines);
    watched.save(new Set(['a.ts']));
    expect(opened).toEqual([`files-${shardOf('a.ts').toString(16)}`]);
    const third = run();
    third.fact(b, 'lines', lines);
    third.fact(c, 'lines', lines);
    // b left with the listing of a run that read its shard; c's shard was not read, so c is still known.
    expect(third.counts).toEqual({ reused: 1, computed: 1 });
  });

  it('key facts on the file read, not on the one a symlink named a moment before (switched between stat and read)', () => {
    const { root, run } = workspace();
    writeFileSync(path.join(root, 'one.ts'), 'a\nb');
    writeFileSync(path.join(root, 'other.ts'), 'x');
    const point = (target: string) => {
      unlinkSync(path.join(root, 'link.ts'));
      symlinkSync(target, path.join(root, 'link.ts'));
    };
    symlinkSync('one.ts', path.join(root, 'link.ts'));
    // The link is switched to other.ts just before the read: the facts are other.ts's.
    const first = run(undefined, (relative) => relative === 'link.ts' && point('other.ts'));
    expect(first.fact('link.ts', 'lines', lines)).toBe(1);
    first.save();
    point('one.ts');
    const second = run();
    expect(second.fact('link.ts', 'lines', lines)).toBe(2);
  });

  it('trust git for a file only when its index entry holds the recorded blob id and read stat', () => {
    const { root, reads, run } = workspace();
    writeFileSync(path.join(root, 'a.ts'), 'one\ntwo');
    const first = run();
    expect(first.fact('a.ts', 'lines', lines)).toBe(2);
    first.save();
    const read = keyOf(statSync(path.join(root, 'a.ts')));
    const id = blobId(Buffer.from('one\ntwo'));
    // The index entry git vouches for is the one the facts were read under: no stat, no read.
    const second = run();
    second.useBlobs(new Map([['a.ts', { id, stat: read }]]));
    expect(second.fact('a.ts', 'lines', lines)).toBe(2);
    expect(second.counts).toEqual({ reused: 1, computed: 0 });
    expect(reads).toEqual(['a.ts']);
    // Same blob id beside another stat (an index refreshed under a clean filter): the file is read again.
    writeFileSync(path.join(root, 'a.ts'), 'o\nn\ne');
    const third = run();
    third.useBlobs(new Map([['a.ts', { id, stat: keyOf(statSync(path.join(root, 'a.ts'))) }]]));
    expect(third.fact('a.ts', 'lines', lines)).toBe(3);
    expect(third.counts).toEqual({ reused: 0, computed: 1 });
  });

  it('fall back to its own stat when the index entry is not the one read', () => {
    const { root, run } = workspace();
    writeFileSync(path.join(root, 'a.ts'), 'one\ntwo');
    const first = run();
    first.fact('a.ts', 'lines', lines);
    first.save();
    // Another blob id, or the right one under an older stat (an index not refreshed since): our stat decides.
    for (const blob of [
      { id: blobId(Buffer.from('other')), stat: keyOf(statSync(path.join(root, 'a.ts'))) },
      { id: blobId(Buffer.from('one\ntwo')), stat: '1:2:3:4' },
    ]) {
      const next = run();
      next.useBlobs(new Map([['a.ts', blob]]));
      expect(next.fact('a.ts', 'lines', lines)).toBe(2);
      expect(next.counts).toEqual({ reused: 1, computed: 0 });
    }
  });
});
