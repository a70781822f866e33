import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileFacts } from '../../../src/core/cache/file-facts.js';
import { openCache } from '../../../src/core/cache/store.js';
import { readTextIfExists } from '../../../src/core/workspace/fs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const secret = randomBytes(32);

function workspace() {
  const root = mkdtempSync(path.join(tmpdir(), 'sentinel-facts-'));
  dirs.push(root);
  const reads: string[] = [];
  /** One run: its own facts store over a fresh cache handle, as a new process would have. */
  // Default: a negative racy window, so files written by the test count as settled even within the same millisecond.
  const run = (racyMs = -60_000) => {
    const facts = createFileFacts({
      root,
      read: (relative) => {
        reads.push(relative);
        return readTextIfExists(path.join(root, relative));
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

  it('forget files that left the workspace when the run listed it', () => {
    const { root, run } = workspace();
    writeFileSync(path.join(root, 'a.ts'), 'a');
    writeFileSync(path.join(root, 'b.ts'), 'b');
    const first = run();
    first.fact('a.ts', 'lines', lines);
    first.fact('b.ts', 'lines', lines);
    first.save();
    const second = run();
    second.fact('a.ts', 'lines', lines);
    second.save(new Set(['a.ts']));
    const third = run();
    third.fact('b.ts', 'lines', lines);
    expect(third.counts).toEqual({ reused: 0, computed: 1 });
  });
});
