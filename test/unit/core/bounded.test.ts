import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_DEPTH, loadYamlBounded, nestsDeeperThan } from '../../../src/core/schema/bounded.js';

describe('bounded documents', () => {
  it('nestsDeeperThan counts arrays and objects, iteratively', () => {
    const nest = (n: number): unknown => (n === 0 ? 1 : { a: [nest(n - 1)] });
    expect(nestsDeeperThan(nest(3), 6)).toBe(false);
    expect(nestsDeeperThan(nest(3), 5)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`))).toBe(true);
    expect(nestsDeeperThan('text')).toBe(false);
  });

  it('loadYamlBounded: plain data, syntax errors, alias bombs and deep documents', () => {
    expect(loadYamlBounded('a: &x [1]\nb: *x\n')).toMatchObject({ ok: true, value: { a: [1], b: [1] } });
    expect(loadYamlBounded('a: [1\n')).toMatchObject({ ok: false, problem: 'syntax' });
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++)
      bomb += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    expect(loadYamlBounded(bomb)).toMatchObject({ ok: false, problem: 'aliases' });
    expect(loadYamlBounded(`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)).toMatchObject({ ok: false, problem: 'depth' });
    const justOver = `a: ${'['.repeat(MAX_DOCUMENT_DEPTH + 1)}${']'.repeat(MAX_DOCUMENT_DEPTH + 1)}\n`;
    expect(loadYamlBounded(justOver)).toMatchObject({ ok: false, problem: 'depth' });
  });

  it('loadYamlBounded: an alias without its anchor is a syntax error, not an alias bomb', () => {
    const typo = loadYamlBounded('properties:\n  a: *str\n');
    expect(typo).toMatchObject({ ok: false, problem: 'syntax' });
    expect(typo.ok === false && typo.problem === 'syntax' ? typo.errors[0]!.message : '').toMatch(/alias/i);
  });
});
