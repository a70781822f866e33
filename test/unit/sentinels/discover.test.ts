import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectRunner, testFilesFor } from '../../../src/core/sentinels/discover.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function projectWith(packages: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-detect-'));
  dirs.push(dir);
  for (const name of packages) {
    mkdirSync(path.join(dir, 'node_modules', name), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, bin: { [name]: 'bin.js' } }));
  }
  return dir;
}

const s = (f: string) => `.sentinel/tests/sentinels/${f}`;

describe('testFilesFor', () => {
  const files = [
    s('a.test.mjs'),
    s('b.spec.ts'),
    s('helper.mjs'),
    s('test_x.py'),
    s('x_test.py'),
    s('util.py'),
    s('a_test.go'),
    s('a.go'),
    s('test-c.js'),
    s('fixtures/data.json'),
  ];
  it('picks each runner’s own naming convention', () => {
    expect(testFilesFor('pytest', files)).toEqual([s('test_x.py'), s('x_test.py')]);
    expect(testFilesFor('go', files)).toEqual([s('a_test.go')]);
    expect(testFilesFor('vitest', files)).toEqual([s('a.test.mjs'), s('b.spec.ts'), s('test-c.js')]);
    expect(testFilesFor('command', files)).toEqual(files);
  });
  it('leaves helpers and data out', () => {
    expect(testFilesFor('jest', files)).not.toContain(s('helper.mjs'));
    expect(testFilesFor('node', files)).not.toContain(s('fixtures/data.json'));
  });
});

describe('detectRunner (auto)', () => {
  it('keeps an explicit runner', () => {
    expect(detectRunner('jest', projectWith([]), [s('test_x.py')])).toBe('jest');
  });
  it('chooses pytest for Python tests and go for Go tests', () => {
    expect(detectRunner('auto', projectWith(['vitest']), [s('test_x.py')])).toBe('pytest');
    expect(detectRunner('auto', projectWith(['vitest']), [s('x_test.go')])).toBe('go');
  });
  it('prefers vitest, then jest, then node --test for JavaScript', () => {
    expect(detectRunner('auto', projectWith(['jest', 'vitest']), [s('a.test.js')])).toBe('vitest');
    expect(detectRunner('auto', projectWith(['jest']), [s('a.test.js')])).toBe('jest');
    expect(detectRunner('auto', projectWith([]), [s('a.test.js')])).toBe('node');
  });
});
