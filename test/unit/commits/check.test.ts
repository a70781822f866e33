import { describe, expect, it } from 'vitest';
import type { Capsule } from '../../../src/core/capsule/types.js';
import { checkCommits, outputCovers } from '../../../src/core/commits/check.js';

const capsule = {
  slug: 'orders',
  id: 'orders@0123abcd',
  requiredOutputs: [
    { text: '`src/orders/`', path: 'src/orders/' },
    { text: '`db/*.sql`', path: 'db/*.sql' },
  ],
} as unknown as Capsule;
const commit = (sha: string, files: string[], capsules: string[] = []) => ({ sha, subject: `c ${sha}`, files, capsules, decisions: [] });

describe('commits check', () => {
  it('covers folders, globs and files; not look-alike prefixes', () => {
    expect(outputCovers('src/orders/', 'src/orders/a.ts')).toBe(true);
    expect(outputCovers('/src/orders', 'src/orders-old/a.ts')).toBe(false);
    expect(outputCovers('db/*.sql', 'db/1.sql')).toBe(true);
  });

  it('needs the trailer only on commits touching the outputs; the slug part of the id is what counts', () => {
    const outcome = checkCommits(
      [
        commit('a1', ['src/orders/a.ts'], ['orders@0123abcd']),
        commit('b2', ['README.md']),
        commit('c3', ['db/2.sql'], ['orders']),
        commit('d4', ['src/orders/b.ts'], ['billing@ffff0000']),
      ],
      [capsule],
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.diagnostics.map((d) => [d.code, d.path])).toEqual([['COMMITS_TRAILER_MISSING', 'src/orders/b.ts']]);
    expect(checkCommits([], [capsule]).status).toBe('ok');
  });
});
