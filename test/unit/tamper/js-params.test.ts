import { describe, expect, it } from 'vitest';
import { jsFacts } from '../../../src/core/tamper/js-facts.js';
import { helperSources } from '../../../src/core/tamper/neighbours.js';

const counts = (src: string) => jsFacts('a.test.ts', src)!.tests.map((t) => t.assertions);

describe('JS/TS: parameters that shadow a helper or an assertion', () => {
  it("an arrow's expression body resolves names to its own parameters first", () => {
    const helper = 'function check(x) { expect(x).toBe(1); }\n';
    expect(counts(`${helper}it('a', () => { const run = (check) => check(f()); run(() => {}); });\n`)).toEqual([0]);
    expect(counts(`${helper}const each = (xs, check = () => {}) => xs.forEach((x) => check(x));\nit('a', () => { each([f()]); });\n`)).toEqual([0]);
    expect(counts(`${helper}const run = (x) => check(x);\nit('a', () => { run(f()); });\n`)).toEqual([1]);
  });
  it('a parameter named like an assertion checks only when its caller hands in the real one', () => {
    const helper = 'const expectTotal = (expect, v) => expect(total(v)).toBe(3);\n';
    expect(counts(`${helper}it('a', () => { expectTotal(() => ({ toBe() {} }), f()); });\n`)).toEqual([0]);
    expect(counts(`${helper}it('a', () => { expectTotal(expect, f()); });\n`)).toEqual([1]);
    expect(counts("import { equal } from 'node:assert';\nit('a', () => { [1].forEach((equal) => equal(total(), 3)); });\n")).toEqual([0]);
    expect(
      counts("import assert from 'node:assert';\nfunction check(assert, v) { assert.equal(v, 1); }\nit('a', () => { check(assert.strict, f()); });\n"),
    ).toEqual([1]);
    const passOn = 'const inner = (expect, v) => expect(v).toBe(1);\nconst outer = (expect, v) => inner(expect, v);\n';
    expect(counts(`${passOn}it('a', () => { outer(expect, f()); outer(() => ({ toBe() {} }), f()); });\n`)).toEqual([1]);
  });
  it("a test's or hook's own parameters are the runner's (vitest's context expect)", () => {
    expect(counts("test('a', ({ expect }) => { expect(f()).toBe(1); });\n")).toEqual([1]);
    expect(counts("async function body({ expect }) { expect(f()).toBe(1); }\ntest('a', body);\n")).toEqual([1]);
    expect(counts("function check({ expect }, v) { expect(v).toBe(1); }\ntest('a', (ctx) => { check(ctx, f()); });\n")).toEqual([1]);
    expect(counts("import test from 'node:test';\nfunction check(t, v) { t.assert.equal(v, 1); }\ntest('a', (t) => { check(t, f()); });\n")).toEqual([1]);
  });
  it('an imported helper with such a parameter counts as the caller hands it: the real assertion or a stand-in', () => {
    const files = new Map([['t/helpers.mjs', 'export function checkTotal(assert, xs, want) { assert.equal(total(xs), want); }\n']]);
    const imported = helperSources('t/a.test.mjs', files).js;
    const test = (arg: string) =>
      jsFacts(
        't/a.test.mjs',
        `import assert from 'node:assert';\nimport { checkTotal } from './helpers.mjs';\nit('a', () => { checkTotal(${arg}, [1], 1); });\n`,
        imported,
      )!.tests.map((t) => t.assertions);
    expect([test('assert'), test('{ equal() {} }')]).toEqual([[1], [0]]);
  });
});
