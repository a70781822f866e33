import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { assignRunners, importsOf, projectRunner, runnerFromImports, unresolvedImports } from '../../../src/core/sentinels/file-runner.js';
import { makeTempDir } from '../../helpers/cli.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
const DIR = '.sentinel/tests/sentinels';

function project(files: Record<string, string>) {
  const tmp = makeTempDir(files);
  dirs.push(tmp);
  const read = (rel: string) => {
    try {
      return readFileSync(path.join(tmp.dir, rel), 'utf8');
    } catch {
      return undefined;
    }
  };
  const list = (rel: string) => {
    try {
      return readdirSync(path.join(tmp.dir, rel));
    } catch {
      return [];
    }
  };
  return { root: tmp.dir, read, list };
}

describe('importsOf', () => {
  it('finds static, dynamic and require imports, not type-only ones or comments', () => {
    const text = [
      'import { describe, it } from "vitest";',
      "import path from 'node:path';",
      "import './setup.mjs';",
      "export { x } from '../lib/x.js';",
      "const y = await import('./y.mjs');",
      "const z = require('zod');",
      "import type { T } from './types.js';",
      "// import gone from 'gone';",
      "/* import also from 'also-gone'; */",
    ].join('\n');
    expect(importsOf(text).sort()).toEqual(['../lib/x.js', './setup.mjs', './y.mjs', 'node:path', 'vitest', 'zod'].sort());
  });

  it('finds every module named in an import line (property)', () => {
    const spec = fc.stringMatching(/^[a-z@./][a-z0-9./_-]{0,20}$/);
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 5 }), fc.constantFrom("'", '"'), (specs, q) => {
        const text = specs.map((s, i) => `import v${i} from ${q}${s}${q};`).join('\n');
        expect(importsOf(text).sort()).toEqual([...new Set(specs)].sort());
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => void importsOf(text)),
      { numRuns: 300 },
    );
  });
});

describe('runnerFromImports', () => {
  it('maps the runner a file imports', () => {
    expect(runnerFromImports(['vitest'])).toBe('vitest');
    expect(runnerFromImports(['@jest/globals'])).toBe('jest');
    expect(runnerFromImports(['node:test', 'node:assert'])).toBe('node');
    expect(runnerFromImports(['./helper.mjs'])).toBeUndefined();
  });
});

describe('projectRunner', () => {
  it('reads config files and package scripts from the sentinel folder up to the root', () => {
    const p = project({ '.sentinel/vitest.config.ts': 'export default {}', [`${DIR}/a.test.mjs`]: '' });
    expect(projectRunner(p.root, DIR, p.list, p.read)).toEqual({ runner: 'vitest', because: '.sentinel/vitest.config.ts' });
    const q = project({ 'package.json': JSON.stringify({ scripts: { 'test:sentinels': 'jest --ci' } }), [`${DIR}/a.test.mjs`]: '' });
    expect(projectRunner(q.root, DIR, q.list, q.read)).toEqual({ runner: 'jest', because: 'the "test:sentinels" script of package.json' });
    const r = project({ [`${DIR}/a.test.mjs`]: '' });
    expect(projectRunner(r.root, DIR, r.list, r.read).runner).toBe('node');
  });
});

describe('assignRunners', () => {
  it('gives each file the runner it imports and reports what cannot load, instead of running it', () => {
    const p = project({
      [`${DIR}/a.test.mjs`]: "import { test } from 'vitest';\n",
      [`${DIR}/b.test.mjs`]: "import test from 'node:test';\nimport { gone } from '../../scripts/gone.mjs';\n",
      [`${DIR}/c.test.mjs`]: "import test from 'node:test';\nimport 'left-pad';\n",
      [`${DIR}/d.test.mjs`]: "import test from 'node:test';\nimport assert from 'node:assert';\n",
      [`${DIR}/helper.mjs`]: 'export {}\n',
      [`${DIR}/test_x.py`]: 'def test_x(): pass\n',
    });
    const files = [`${DIR}/a.test.mjs`, `${DIR}/b.test.mjs`, `${DIR}/c.test.mjs`, `${DIR}/d.test.mjs`, `${DIR}/helper.mjs`, `${DIR}/test_x.py`];
    const got = assignRunners(p.root, 'auto', files, () => ({ runner: 'node', because: 'default' }), p.read);
    expect(got.map((a) => [path.posix.basename(a.file), a.runner, a.problem?.code ?? null])).toEqual([
      ['a.test.mjs', 'vitest', 'SENTINELS_RUNNER_MISSING'],
      ['b.test.mjs', 'node', 'SENTINELS_TEST_UNLOADABLE'],
      ['c.test.mjs', 'node', 'SENTINELS_TEST_UNLOADABLE'],
      ['d.test.mjs', 'node', null],
      ['test_x.py', 'pytest', null],
    ]);
    expect(got[1]!.problem!.message).toContain('"../../scripts/gone.mjs", which does not exist');
    expect(got[2]!.problem!.message).toContain('"left-pad", which is not installed');
    for (const a of got) if (a.problem) expect(a.problem.fix).toContain('not a regression');
  });

  it('flags a file written for another runner than the configured one', () => {
    const p = project({ [`${DIR}/a.test.mjs`]: "import { test } from 'vitest';\n" });
    const [a] = assignRunners(p.root, 'node', [`${DIR}/a.test.mjs`], () => ({ runner: 'node', because: 'x' }), p.read);
    expect(a!.problem).toMatchObject({ code: 'SENTINELS_WRONG_RUNNER' });
    expect(a!.problem!.message).toContain('sentinels.runner is "node"');
  });

  it('never drops a TypeScript test silently', () => {
    const p = project({ [`${DIR}/a.test.ts`]: "import test from 'node:test';\n" });
    const [a] = assignRunners(p.root, 'auto', [`${DIR}/a.test.ts`], () => ({ runner: 'node', because: 'x' }), p.read);
    expect(a!.file).toBe(`${DIR}/a.test.ts`);
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major < 23 || (major === 23 && minor < 6)) expect(a!.problem?.code).toBe('SENTINELS_TS_UNSUPPORTED');
    else expect(a!.problem).toBeUndefined();
  });

  it('resolves packages from node_modules between the file and the root', () => {
    const p = project({ 'node_modules/zod/package.json': '{"name":"zod"}', [`${DIR}/a.test.mjs`]: '' });
    expect(unresolvedImports(p.root, `${DIR}/a.test.mjs`, ['zod', 'zod/mini', 'node:fs', 'fs', 'nope', '@scope/nope/x'])).toEqual(['nope', '@scope/nope/x']);
  });
});
