import { afterEach, describe, expect, it } from 'vitest';
import { expandContext, fileBlock, packWithinBudget, type PackFile } from '../../../src/core/prompt/pack.js';
import { loadTokenCounter } from '../../../src/core/tokens/count.js';
import { makeTempDir } from '../../helpers/cli.js';

const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('expandContext', () => {
  it('expands files, folders and globs in capsule order, sorted within each, once each', async () => {
    const dir = makeTempDir({ 'src/b.ts': 'b', 'src/a.ts': 'a', 'src/sub/c.ts': 'c', 'docs/x.md': 'x', 'README.md': 'r' });
    dirs.push(dir);
    const files = await expandContext(dir.dir, ['README.md', 'src/', 'src/a.ts', 'docs/*.md']);
    expect(files.map((f) => f.path)).toEqual(['README.md', 'src/a.ts', 'src/b.ts', 'src/sub/c.ts', 'docs/x.md']);
    expect(files.every((f) => f.text !== undefined)).toBe(true);
  });

  it('marks missing, binary, forbidden and escaping entries instead of reading them', async () => {
    const dir = makeTempDir({ 'img.bin': '\u0000\u0001', '.env': 'SECRET=1', 'secrets/key.pem': 'k', 'ok.ts': 'ok' });
    dirs.push(dir);
    const files = await expandContext(dir.dir, ['new/file.ts', 'img.bin', '.env', 'secrets/', '../up.ts', 'ok.ts'], ['.env', 'secrets']);
    expect(files.map((f) => [f.path, f.reason])).toEqual([
      ['new/file.ts', 'missing'],
      ['img.bin', 'binary'],
      ['.env', 'forbidden'],
      ['secrets/key.pem', 'forbidden'],
      ['../up.ts', 'outside workspace'],
      ['ok.ts', undefined],
    ]);
  });
});

describe('fileBlock', () => {
  it('fences with more backticks than the file holds', () => {
    const block = fileBlock('a.md', 'text\n````\ninner\n````\n');
    expect(block.split('\n')[2]).toBe('`````md');
    expect(block.trimEnd().endsWith('`````')).toBe(true);
  });
});

describe('packWithinBudget', () => {
  const render = (blocks: string, omitted: readonly { path: string }[]) => `HEADER\n${blocks}\nOMITTED ${omitted.map((o) => o.path).join(',')}`;

  it('packs whole files greedily, lists what did not fit, and keeps the whole prompt within budget', async () => {
    const count = await loadTokenCounter();
    const big = 'word '.repeat(400);
    const files: PackFile[] = [
      { path: 'small1.ts', text: 'const a = 1;\n' },
      { path: 'big.ts', text: big },
      { path: 'small2.ts', text: 'const b = 2;\n' },
      { path: 'gone.ts', reason: 'missing' },
    ];
    const budget = 120;
    const result = packWithinBudget(files, budget, render, count);
    expect(result.packed.map((p) => p.path)).toEqual(['small1.ts', 'small2.ts']);
    expect(result.omitted.map((o) => [o.path, o.reason])).toEqual([
      ['big.ts', 'over budget'],
      ['gone.ts', 'missing'],
    ]);
    expect(result.omitted[0]!.tokens).toBe(count(fileBlock('big.ts', big)));
    expect(result.tokens).toBe(count(result.prompt));
    expect(result.tokens).toBeLessThanOrEqual(budget);
    // Never a partial file: a packed file appears whole, an omitted one not at all.
    expect(result.prompt).toContain('const a = 1;');
    expect(result.prompt).not.toContain('word word');
  });

  it('packs everything when the budget allows it', async () => {
    const count = await loadTokenCounter();
    const files: PackFile[] = [{ path: 'big.ts', text: 'word '.repeat(400) }];
    const result = packWithinBudget(files, 10_000, render, count);
    expect(result.packed.map((p) => p.path)).toEqual(['big.ts']);
    expect(result.prompt).toContain('word '.repeat(400).trimEnd());
  });

  it('omits every file when the bare prompt already exceeds the budget', async () => {
    const count = await loadTokenCounter();
    const result = packWithinBudget([{ path: 'a.ts', text: 'x' }], 1, render, count);
    expect(result.packed).toEqual([]);
    expect(result.omitted.map((o) => o.reason)).toEqual(['over budget']);
  });
});

describe('loadTokenCounter', () => {
  it('counts text that mentions special tokens instead of throwing', async () => {
    const count = await loadTokenCounter();
    expect(count('a <|endoftext|> b')).toBeGreaterThan(3);
  });
});
