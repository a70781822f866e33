import { describe, expect, it } from 'vitest';
import { helperSources, withReexports } from '../../../src/core/tamper/neighbours.js';

const checks =
  "import assert from 'node:assert';\nexport function checkTotal(x, want) { assert.equal(x, want); }\nexport default function main(x) { assert.ok(x); }\n";

describe('JS/TS: helpers reached through re-exports', () => {
  it('`export { f } from`, `export { f as g } from` and `export * from` lead to the module that defines the helper', () => {
    const files = new Map([
      ['t/helpers/checks.mjs', checks],
      ['t/helpers/named.mjs', "export { checkTotal, checkTotal as expectTotal, default as main } from './checks.mjs';\n"],
      ['t/helpers/index.mjs', "export * from './named.mjs';\nexport * from './checks.mjs';\n"],
    ]);
    const sources = helperSources('t/a.test.mjs', files);
    const js = (from: string, name: string) => sources.js(from, name, () => false);
    expect([js('./helpers/named.mjs', 'checkTotal'), js('./helpers/named.mjs', 'expectTotal'), js('./helpers/named.mjs', 'main')]).toEqual([1, 1, 1]);
    expect([js('./helpers/index.mjs', 'checkTotal'), js('./helpers/index.mjs', 'expectTotal')]).toEqual([1, 1]);
    // `export *` never re-exports a default; a name no module defines is unknown.
    expect([js('./helpers/index.mjs', 'default'), js('./helpers/index.mjs', 'nothing')]).toEqual([undefined, undefined]);
  });
  it('an import exported again and a whole module exported under a name lead to the helper too', () => {
    const files = new Map([
      ['t/helpers/checks.mjs', checks],
      ['t/helpers/again.mjs', "import { checkTotal as ct } from './checks.mjs';\nimport * as all from './checks.mjs';\nexport { ct as checkTotal, all };\n"],
      ['t/helpers/index.mjs', "export * as checks from './checks.mjs';\n"],
    ]);
    const js = (from: string, name: string) => helperSources('t/a.test.mjs', files).js(from, name, () => false);
    expect([js('./helpers/again.mjs', 'checkTotal'), js('./helpers/again.mjs', 'all.checkTotal'), js('./helpers/index.mjs', 'checks.checkTotal')]).toEqual([
      1, 1, 1,
    ]);
    expect(js('./helpers/index.mjs', 'checks.nothing')).toBeUndefined();
  });
  it('the files to read include a module whose import is exported again, not one only imported', async () => {
    const texts = new Map([
      ['t/helpers/index.mjs', "import { f } from './f.mjs';\nimport { g } from './g.mjs';\nexport { f as check };\nexport const h = g;\n"],
    ]);
    const all = await withReexports(
      ['t/helpers/index.mjs'],
      async () => undefined,
      (p) => texts.get(p),
    );
    expect(all).toContain('t/helpers/f.mjs');
    expect(all.some((p) => p.includes('/g.'))).toBe(false);
  });
  it('a re-export cycle ends', () => {
    const files = new Map([
      ['t/a.mjs', "export * from './b.mjs';\n"],
      ['t/b.mjs', "export * from './a.mjs';\n"],
    ]);
    expect(helperSources('t/x.test.mjs', files).js('./a.mjs', 'check', () => false)).toBeUndefined();
  });
  it('the files to read: the imports and what they re-export, a few hops deep, one read per hop', async () => {
    const texts = new Map([
      ['t/helpers/index.mjs', "export * from './checks.mjs';\nimport { x } from './not-followed.mjs';\n"],
      ['t/helpers/checks.mjs', "export { f } from './deep.mjs';\n"],
    ]);
    const reads: string[][] = [];
    const all = await withReexports(
      ['t/helpers/index.mjs'],
      async (ps) => void reads.push(ps),
      (p) => texts.get(p),
    );
    expect(all).toEqual(expect.arrayContaining(['t/helpers/index.mjs', 't/helpers/checks.mjs', 't/helpers/deep.mjs']));
    expect(all.some((p) => p.includes('not-followed'))).toBe(false);
    // `./checks.mjs` may be `checks.mjs` or `checks.mts`: both are read.
    expect(reads.map((r) => r.length)).toEqual([1, 2, 2]);
  });
});
