import { describe, expect, it } from 'vitest';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { DEFAULT_LIMITS, type ContextLimits, type LoadedLimits } from '../../../src/core/context/limits.js';
import { lintContext, lintStatus, type ContextLintInput } from '../../../src/core/context/lint.js';
import { fakeView } from '../capsule/fake-view.js';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

const LIMITS: ContextLimits = {
  ...DEFAULT_LIMITS,
  defaultMaxLines: 50,
  warningThreshold: 0.8,
  forbiddenPaths: ['.env'],
  artifacts: [
    { name: 'capsules', globs: ['specs/*/capsule.md'], maxLines: 300, enforceAllowedContext: true },
    { name: 'source', globs: ['src/**'], maxLines: 10 },
    { name: 'prompts', globs: ['prompts/**'], maxTokens: 5 },
  ],
  overrides: [{ pattern: 'src/big.ts', maxLines: 100, reason: 'table of constants' }],
};

const FILES: Record<string, string> = {
  'src/ok.ts': lines(3),
  'src/near.ts': lines(8),
  'src/over.ts': lines(11),
  'src/big.ts': lines(60),
  'prompts/p.txt': 'one two three four five six seven eight nine ten',
  'notes/todo.txt': lines(2),
  'img/logo.png': 'PNG\u0000\u0001',
};

function capsule(context: string[], file = 'specs/a/capsule.md') {
  const text = ['# Capsule a@0123abcd', '## Allowed Context', ...context.map((c) => `- ${c}`)].join('\n');
  return parseCapsule(text, file);
}

function input(overrides: Partial<ContextLintInput> = {}, limits: Partial<LoadedLimits> = {}): ContextLintInput {
  const files = [...Object.keys(FILES), 'specs/a/capsule.md'];
  return {
    limits: { limits: LIMITS, file: 'limits.json', diagnostics: [], ...limits },
    capsules: [],
    files,
    view: fakeView(files, { forbiddenPaths: LIMITS.forbiddenPaths }),
    focused: false,
    read: (p) => FILES[p] ?? (p === 'specs/a/capsule.md' ? lines(3) : undefined),
    tokenCounter: async () => (text: string) => text.split(/\s+/).filter(Boolean).length,
    ...overrides,
  };
}

const codesOf = (result: Awaited<ReturnType<typeof lintContext>>) => result.diagnostics.map((d) => [d.code, d.path]);

describe('lintContext budgets', () => {
  it('measures every file matching an artifact glob, with override > artifact > default', async () => {
    const result = await lintContext(input());
    expect(result.files.map((f) => [f.path, f.lines, f.maxLines, f.level])).toEqual([
      ['prompts/p.txt', 1, 50, 'over'],
      ['specs/a/capsule.md', 3, 300, 'ok'],
      ['src/big.ts', 60, 100, 'ok'],
      ['src/near.ts', 8, 10, 'warning'],
      ['src/ok.ts', 3, 10, 'ok'],
      ['src/over.ts', 11, 10, 'over'],
    ]);
    expect(codesOf(result)).toEqual([
      ['CONTEXT_OVER_TOKENS', 'prompts/p.txt'],
      ['CONTEXT_NEAR_BUDGET', 'src/near.ts'],
      ['CONTEXT_OVER_BUDGET', 'src/over.ts'],
    ]);
    const over = result.diagnostics.find((d) => d.code === 'CONTEXT_OVER_BUDGET')!;
    expect(over).toMatchObject({ severity: 'error', line: 11 });
    expect(over.message).toContain('artifact "source"');
    expect(lintStatus(result, false)).toBe('fail');
  });

  it('counts tokens only when a budget sets maxTokens, loading the tokenizer lazily', async () => {
    let loads = 0;
    const counting = async () => {
      loads++;
      return (text: string) => text.length;
    };
    await lintContext(input({ tokenCounter: counting, files: ['src/ok.ts'] }));
    expect(loads).toBe(0);
    const result = await lintContext(input({ tokenCounter: counting, files: ['prompts/p.txt'] }));
    expect(loads).toBe(1);
    expect(result.files[0]).toMatchObject({ tokens: 48, maxTokens: 5 });
  });

  it('passes when everything is within budget; --strict fails on warnings', async () => {
    const clean = await lintContext(input({ files: ['src/ok.ts', 'src/big.ts'] }));
    expect(clean.diagnostics).toEqual([]);
    expect(lintStatus(clean, true)).toBe('ok');
    const near = await lintContext(input({ files: ['src/near.ts'] }));
    expect(lintStatus(near, false)).toBe('ok');
    expect(lintStatus(near, true)).toBe('fail');
  });

  it('keeps the budget of a text file with one NUL byte planted in it (only real binaries go without)', async () => {
    const sneaky = `${lines(11)}// \u0000\n`;
    const result = await lintContext({ ...input({ files: ['src/sneaky.ts'] }), read: (p: string) => (p === 'src/sneaky.ts' ? sneaky : undefined) });
    expect(codesOf(result)).toEqual([['CONTEXT_OVER_BUDGET', 'src/sneaky.ts']]);
  });

  it('is pending when there is nothing to check', async () => {
    expect(lintStatus(await lintContext(input({ files: ['notes/todo.txt'] })), false)).toBe('pending');
  });
});

describe('lintContext Allowed Context', () => {
  it('reports unclassified and binary files named in Allowed Context, never skipping them silently', async () => {
    const result = await lintContext(
      input({ capsules: [capsule(['notes/todo.txt', 'img/logo.png'])], files: ['notes/todo.txt', 'img/logo.png', 'specs/a/capsule.md'] }),
    );
    expect(codesOf(result)).toEqual([
      ['CONTEXT_BINARY', 'img/logo.png'],
      ['CONTEXT_UNCLASSIFIED', 'notes/todo.txt'],
    ]);
    expect(result.files.find((f) => f.path === 'notes/todo.txt')).toMatchObject({ maxLines: 50, budget: 'default', reason: 'allowed-context' });
  });

  it('expands folders and globs of Allowed Context into the files they name', async () => {
    const result = await lintContext(input({ capsules: [capsule(['src/', 'prompts/*.txt'])], focused: true }));
    expect(result.files.map((f) => f.path)).toEqual(['prompts/p.txt', 'specs/a/capsule.md', 'src/big.ts', 'src/near.ts', 'src/ok.ts', 'src/over.ts']);
  });

  it('reports escaping, forbidden, missing and duplicated entries (errors when enforced)', async () => {
    const result = await lintContext(input({ capsules: [capsule(['../up.txt', '.env', 'src/gone.ts', 'src/ok.ts', 'src/ok.ts'])], focused: true }));
    expect(result.diagnostics.filter((d) => d.code.startsWith('CONTEXT_ALLOWED')).map((d) => [d.code, d.severity, d.line])).toEqual([
      ['CONTEXT_ALLOWED_OUTSIDE_ROOT', 'error', 3],
      ['CONTEXT_ALLOWED_FORBIDDEN', 'error', 4],
      ['CONTEXT_ALLOWED_MISSING', 'error', 5],
      ['CONTEXT_ALLOWED_DUPLICATE', 'error', 7],
    ]);
  });

  it('downgrades missing and duplicate entries to warnings when the artifact does not enforce Allowed Context', async () => {
    const result = await lintContext(input({ capsules: [capsule(['.env', 'src/gone.ts', 'src/ok.ts', 'src/ok.ts'], 'other/capsule.md')], focused: true }));
    expect(result.diagnostics.filter((d) => d.code.startsWith('CONTEXT_ALLOWED')).map((d) => [d.code, d.severity])).toEqual([
      ['CONTEXT_ALLOWED_FORBIDDEN', 'error'],
      ['CONTEXT_ALLOWED_MISSING', 'warning'],
      ['CONTEXT_ALLOWED_DUPLICATE', 'warning'],
    ]);
  });

  it('carries the limits file diagnostics', async () => {
    const broken = { code: 'CONTEXT_LIMITS_SCHEMA', severity: 'error' as const, message: 'bad', path: 'limits.json', line: 2 };
    const result = await lintContext(input({ files: [] }, { diagnostics: [broken] }));
    expect(lintStatus(result, false)).toBe('fail');
  });
});
