import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimFiles, missingTests } from '../../../src/core/sentinels/ran-all.js';
import type { SentinelTestResult } from '../../../src/core/sentinels/types.js';

const root = mkdtempSync(path.join(tmpdir(), 'sentinel-ran-all-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
const passed = (name: string, file?: string): SentinelTestResult => ({ name, status: 'passed', durationMs: 1, ...(file ? { file } : {}) });

describe('missingTests', () => {
  write('s/a.test.mjs', "import test from 'node:test';\ntest('one', () => {});\nif (process.env.X) test('two', () => {});\n");
  write('s/b_test.go', 'package b\n\nfunc TestOne(t *testing.T) {\n\tt.Run("x", func(t *testing.T) {})\n}\n\nfunc TestTwo(t *testing.T) {}\n');
  it('names the file that ran fewer tests than it defines', () => {
    expect(missingTests(root, 'node', ['s/a.test.mjs'], [passed('one', 's/a.test.mjs')])).toMatchObject([
      { code: 'SENTINELS_TESTS_NOT_RUN', path: 's/a.test.mjs', message: 's/a.test.mjs defines 2 test(s) but node ran 1' },
    ]);
    expect(missingTests(root, 'node', ['s/a.test.mjs'], [passed('one', 's/a.test.mjs'), passed('two', 's/a.test.mjs')])).toEqual([]);
  });
  it('a file no parser reads is left out; the others are still counted', () => {
    write('s/c.test.mjs', "test('x', () => { ];\n");
    expect(missingTests(root, 'node', ['s/c.test.mjs', 's/a.test.mjs'], [passed('one', 's/a.test.mjs')])).toMatchObject([
      { code: 'SENTINELS_TESTS_NOT_RUN', path: 's/a.test.mjs' },
    ]);
  });
  it("a file named relative to the runner's rootdir (pytest without an ini) still counts", () => {
    write('.sentinel/tests/sentinels/test_x.py', 'def test_a():\n    assert f()\n\ndef test_b():\n    assert g()\n');
    const file = '.sentinel/tests/sentinels/test_x.py';
    expect(missingTests(root, 'pytest', [file], [passed('test_a', 'test_x.py'), passed('test_b', 'test_x.py')])).toEqual([]);
    expect(missingTests(root, 'pytest', [file], [passed('test_a', 'sentinels/test_x.py')])).toMatchObject([
      { message: `${file} defines 2 test(s) but pytest ran 1` },
    ]);
    expect(missingTests(root, 'pytest', [file], [passed('test_a', 'st_x.py'), passed('test_b', 'st_x.py')])).toMatchObject([
      { code: 'SENTINELS_TESTS_NOT_RUN' },
    ]);
  });
  it('a result named by a path tail takes the sentinel file it names, when only one fits', () => {
    const results = [passed('a', 'test_x.py'), passed('b', 'test_y.py'), passed('c', 'other/test_z.py'), passed('d', 's/test_x.py')];
    claimFiles(results, ['.sentinel/tests/s/test_x.py', 'p/test_y.py', 'q/test_y.py', 's/test_x.py']);
    expect(results.map((r) => r.file)).toEqual(['test_x.py', 'test_y.py', 'other/test_z.py', 's/test_x.py']);
    const one = [passed('a', 'test_x.py')];
    claimFiles(one, ['.sentinel/tests/sentinels/test_x.py']);
    expect(one[0]!.file).toBe('.sentinel/tests/sentinels/test_x.py');
  });
  it('compares totals when the runner names no files, and never checks a custom command', () => {
    expect(missingTests(root, 'vitest', ['s/a.test.mjs'], [passed('one')])).toMatchObject([
      { message: 'The sentinel files define 2 test(s) but vitest ran 1' },
    ]);
    expect(missingTests(root, 'command', ['s/a.test.mjs'], [])).toEqual([]);
  });
  it('Go counts top-level tests only: subtests neither add nor hide', () => {
    const results = [passed('TestOne', 's/b_test.go'), passed('TestOne/x', 's/b_test.go')];
    expect(missingTests(root, 'go', ['s/b_test.go'], results)).toMatchObject([{ message: 's/b_test.go defines 2 test(s) but go ran 1' }]);
    expect(missingTests(root, 'go', ['s/b_test.go'], [...results, passed('TestTwo', 's/b_test.go')])).toEqual([]);
  });
});
