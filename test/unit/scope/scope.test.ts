import { describe, expect, it } from 'vitest';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { alwaysAllowedPaths, checkScope, grantsFor, touchedPaths } from '../../../src/core/scope/check.js';
import { entryMatcher, scopeMatcher } from '../../../src/core/scope/match.js';

describe('scope entries', () => {
  it('a plain path covers itself and, as a folder, its contents', () => {
    const test = scopeMatcher(['src/orders', 'README.md']);
    expect(test('src/orders/api.ts')).toBe(true);
    expect(test('src/orders')).toBe(true);
    expect(test('README.md')).toBe(true);
    expect(test('src/orders-old/api.ts')).toBe(false);
    expect(test('docs/README.md')).toBe(false);
  });
  it('trailing slashes and ./ are normalised', () => {
    expect(scopeMatcher(['./src/orders/'])('src/orders/a.ts')).toBe(true);
  });
  it('globs match files, and folders they match cover their contents', () => {
    const test = scopeMatcher(['src/**/*.test.ts', 'packages/*']);
    expect(test('src/a/b.test.ts')).toBe(true);
    expect(test('src/a/b.ts')).toBe(false);
    expect(test('packages/core/src/index.ts')).toBe(true);
    expect(test('.github/workflows/ci.yml')).toBe(false);
  });
  it('globs match dotfiles', () => {
    expect(scopeMatcher(['.github/**'])('.github/workflows/ci.yml')).toBe(true);
  });
  it('entries that escape the root cover nothing', () => {
    expect(entryMatcher('../outside')).toBeUndefined();
    expect(entryMatcher('/etc/passwd')).toBeUndefined();
    expect(entryMatcher('../**')).toBeUndefined();
    expect(scopeMatcher(['../x'])('x')).toBe(false);
  });
});

const capsule = (slug: string, outputs: string[], context: string[]) =>
  parseCapsule(
    [
      `# Capsule ${slug}@0123abcd`,
      '## Goal',
      'Do it.',
      '## Required Outputs',
      ...outputs.map((o) => `- \`${o}\``),
      '## Acceptance Criteria',
      '- `npm test` passes',
      '## Allowed Context',
      ...context.map((c) => `- ${c}`),
      '## Router Notes',
      '- Lead: backender',
      '',
    ].join('\n'),
    `.specify/specs/${slug}/capsule.md`,
  );

describe('checkScope', () => {
  const orders = capsule('orders', ['src/orders/**'], ['src/shared/db.ts', 'test/orders']);
  const billing = capsule('billing', ['src/billing/'], []);
  const alwaysAllowed = alwaysAllowedPaths({
    statePath: '.sentinel/state/orders.json',
    ledger: '.sentinel/DECISIONS.md',
    routerLogDir: '.sentinel/router_log',
    evidenceDir: '.sentinel/evidence',
    extra: ['package-lock.json'],
  });

  it('passes when every change is an output, context or always allowed', () => {
    const report = checkScope({
      capsule: orders,
      allCapsules: [orders, billing],
      alwaysAllowed,
      changed: [
        { path: 'src/orders/api.ts', status: 'modified' },
        { path: 'test/orders/api.test.ts', status: 'untracked' },
        { path: '.sentinel/state/orders.json', status: 'modified' },
        { path: '.sentinel/DECISIONS.md', status: 'modified' },
        { path: '.sentinel/router_log/2026-01.jsonl', status: 'added' },
        { path: '.sentinel/evidence/orders/lint.txt', status: 'added' },
        { path: 'package-lock.json', status: 'modified' },
      ],
    });
    expect(report.outOfScope).toEqual([]);
    expect(report.checked).toBe(7);
  });

  it('lists out-of-scope files with the capsule that would grant them', () => {
    const report = checkScope({
      capsule: orders,
      allCapsules: [orders, billing],
      alwaysAllowed,
      changed: [
        { path: 'src/billing/pay.ts', status: 'modified' },
        { path: 'infra/x.tf', status: 'added' },
      ],
    });
    expect(report.outOfScope.map((f) => f.path)).toEqual(['src/billing/pay.ts', 'infra/x.tf']);
    expect(report.outOfScope[0]!.grantedBy).toEqual([
      { capsule: 'billing@0123abcd', file: '.specify/specs/billing/capsule.md', section: 'Required Outputs', entry: 'src/billing/', line: 5 },
    ]);
    expect(report.diagnostics[0]!.message).toContain('granted by: billing@0123abcd');
    expect(report.diagnostics[1]!.message).toContain('granted by: none');
    expect(report.diagnostics[1]!.fix).toContain('Allowed Context');
    expect(report.diagnostics[1]!.fix).toContain('new capsule');
  });

  it("another capsule's state file is not always allowed", () => {
    const report = checkScope({
      capsule: orders,
      allCapsules: [orders],
      alwaysAllowed,
      changed: [{ path: '.sentinel/state/billing.json', status: 'modified' }],
    });
    expect(report.outOfScope).toHaveLength(1);
  });

  it('a rename needs both its old and its new path in scope', () => {
    const out = checkScope({
      capsule: orders,
      allCapsules: [orders],
      alwaysAllowed,
      changed: [{ path: 'src/orders/new.ts', oldPath: 'src/legacy/old.ts', status: 'renamed' }],
    });
    expect(out.outOfScope).toMatchObject([{ path: 'src/legacy/old.ts', renamedTo: 'src/orders/new.ts' }]);
    const inside = checkScope({
      capsule: orders,
      allCapsules: [orders],
      alwaysAllowed,
      changed: [{ path: 'src/orders/new.ts', oldPath: 'src/orders/old.ts', status: 'renamed' }],
    });
    expect(inside.outOfScope).toEqual([]);
    expect(inside.checked).toBe(2);
  });

  it('a copy only touches its new path', () => {
    expect(touchedPaths({ path: 'src/orders/b.ts', oldPath: 'src/other/a.ts', status: 'copied' })).toEqual([{ path: 'src/orders/b.ts' }]);
  });

  it('grantsFor skips the capsule itself', () => {
    expect(grantsFor('src/orders/a.ts', [orders, billing], orders)).toEqual([]);
  });
});
