import { describe, expect, it } from 'vitest';
import { detectPackageManager, detectProject, makeTargets, type TextReader } from '../../../src/core/init/detect.js';

const reader =
  (files: Record<string, string>): TextReader =>
  (rel) =>
    files[rel];

const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'x', scripts, ...extra });

describe('detectPackageManager', () => {
  it.each([
    ['pnpm-lock.yaml', 'pnpm'],
    ['yarn.lock', 'yarn'],
    ['bun.lockb', 'bun'],
    ['bun.lock', 'bun'],
    ['package-lock.json', 'npm'],
  ])('%s → %s', (lockfile, manager) => {
    expect(detectPackageManager(reader({ [lockfile]: '' }))).toBe(manager);
  });

  it('falls back to the packageManager field, then npm', () => {
    expect(detectPackageManager(reader({}), { packageManager: 'yarn@4.1.0' })).toBe('yarn');
    expect(detectPackageManager(reader({}), { packageManager: 'weird@1' })).toBe('npm');
    expect(detectPackageManager(reader({}))).toBe('npm');
  });
});

describe('detectProject', () => {
  it('proposes package.json scripts with the lockfile package manager, in gate order', () => {
    const facts = detectProject(
      reader({ 'package.json': pkg({ test: 'vitest run', build: 'tsdown', lint: 'eslint .', 'type-check': 'tsc' }), 'pnpm-lock.yaml': '' }),
    );
    expect(facts.packageManager).toBe('pnpm');
    expect(facts.commands.map((c) => [c.name, c.run])).toEqual([
      ['lint', 'pnpm run lint'],
      ['typecheck', 'pnpm run type-check'],
      ['build', 'pnpm run build'],
      ['test', 'pnpm run test'],
    ]);
    expect(facts.commands[1]!.source).toBe('package.json scripts.type-check');
  });

  it('ignores the npm placeholder test script', () => {
    const facts = detectProject(reader({ 'package.json': pkg({ test: 'echo "Error: no test specified" && exit 1' }) }));
    expect(facts.commands).toEqual([]);
  });

  it('infers tsc --noEmit only with a tsconfig and a typescript dependency', () => {
    const withTs = detectProject(reader({ 'package.json': pkg({}, { devDependencies: { typescript: '^5' } }), 'tsconfig.json': '{}', 'bun.lock': '' }));
    expect(withTs.commands).toEqual([{ name: 'typecheck', run: 'bunx tsc --noEmit', source: 'tsconfig.json + typescript dependency' }]);
    const noTsconfig = detectProject(reader({ 'package.json': pkg({}, { devDependencies: { typescript: '^5' } }) }));
    expect(noTsconfig.commands).toEqual([]);
  });

  it('reads ruff, mypy and pytest from pyproject (tool tables or dependencies) and uses uv when locked', () => {
    const pyproject = [
      '[project]',
      'name = "svc"',
      'dependencies = ["fastapi"]',
      '[dependency-groups]',
      'dev = ["pytest>=8", "mypy"]',
      '[tool.ruff]',
      'line-length = 100',
    ].join('\n');
    const facts = detectProject(reader({ 'pyproject.toml': pyproject, 'uv.lock': '' }));
    expect(facts.ecosystems).toEqual(['python']);
    expect(facts.commands.map((c) => c.run)).toEqual(['uv run ruff check .', 'uv run mypy .', 'uv run pytest']);
  });

  it('proposes nothing from a pyproject without those tools, and survives broken TOML', () => {
    expect(detectProject(reader({ 'pyproject.toml': '[project]\nname = "a"\ndependencies = ["requests"]\n' })).commands).toEqual([]);
    expect(detectProject(reader({ 'pyproject.toml': '[project\nname=' })).commands).toEqual([]);
  });

  it('proposes go vet/build/test from go.mod', () => {
    const facts = detectProject(reader({ 'go.mod': 'module example.com/x\n\ngo 1.22\n' }));
    expect(facts.commands.map((c) => `${c.name}=${c.run}`)).toEqual(['lint=go vet ./...', 'build=go build ./...', 'test=go test ./...']);
  });

  it('uses Makefile targets and lets them wrap inferred tool commands', () => {
    const makefile = 'GO := go\nCFLAGS = -O2\n.PHONY: test lint\nlint:\n\tgolangci-lint run\ntest: build\n\t$(GO) test ./...\nbuild:\n\t$(GO) build\n';
    const facts = detectProject(reader({ Makefile: makefile, 'go.mod': 'module x\n' }));
    expect(facts.commands.map((c) => `${c.name}=${c.run}`)).toEqual(['lint=make lint', 'build=make build', 'test=make test']);
  });

  it('keeps every check of a polyglot repo by suffixing later sources', () => {
    const facts = detectProject(
      reader({
        'package.json': pkg({ lint: 'eslint .', test: 'vitest' }),
        'pyproject.toml': '[tool.ruff]\n[tool.pytest.ini_options]\n',
        'go.mod': 'module x\n',
      }),
    );
    expect(facts.ecosystems).toEqual(['node', 'python', 'go']);
    expect(Object.fromEntries(facts.commands.map((c) => [c.name, c.run]))).toEqual({
      lint: 'npm run lint',
      test: 'npm run test',
      build: 'go build ./...',
      'lint:py': 'ruff check .',
      'test:py': 'pytest',
      'lint:go': 'go vet ./...',
      'test:go': 'go test ./...',
    });
  });
});

describe('makeTargets', () => {
  it('finds rule targets and skips variable assignments', () => {
    expect(makeTargets('A := 1\nB ?= 2\nC = 3\nall test:: deps\n\techo\n.PHONY: all\n')).toEqual(['all', 'test']);
  });
});
