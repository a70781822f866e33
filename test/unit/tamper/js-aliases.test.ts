import { describe, expect, it } from 'vitest';
import { jsFacts } from '../../../src/core/tamper/js-facts.js';

const kinds = (src: string) => jsFacts('a.test.ts', src)?.weakenings.map((w) => w.kind);
const body = "('a', () => { expect(f()).toBe(1); });\n";

describe('JS/TS: tests, suites and hooks declared through an alias', () => {
  it('a skip, only or todo given another name is still one', () => {
    expect(kinds(`const it = test.skip;\nit${body}`)).toEqual(['skip']);
    expect(kinds(`const xit = it.only;\nxit${body}`)).toEqual(['skip']);
    expect(kinds(`const { skip: check } = it;\ncheck${body}`)).toEqual(['skip']);
    expect(kinds(`let it = test;\nit = test.todo;\nit${body}`)).toEqual(['skip']);
    expect(kinds(`const maybe = process.env.CI ? it.skip : it;\nmaybe${body}`)).toEqual(['skip']);
    expect(kinds(`const group = describe.skip;\ngroup('s', () => { it${body} });\n`)).toEqual(['skip']);
  });
  it('a hook or a context skip under another name skips too', () => {
    expect(kinds(`const setup = beforeEach;\nsetup((ctx) => ctx.skip());\nit${body}`)).toEqual(['skip']);
    expect(kinds("import test from 'node:test';\ntest('a', (t) => { const s = t.skip; s(); assert.equal(f(), 1); });\n")).toEqual(['skip']);
  });
  it('a plain alias keeps its tests, markers and names (no skip, no test lost)', () => {
    const facts = jsFacts('a.test.ts', `const xit = it;\nconst setup = beforeEach;\nsetup(() => reset());\nxit${body}`)!;
    expect(facts.weakenings).toEqual([]);
    expect(facts.tests.map((t) => [t.key, t.assertions])).toEqual([['a', 1]]);
    expect(kinds(`describe('s', () => { const it = test.only; });\nit${body}`)).toEqual([]);
  });
  it('an alias of something else leaves the name as it reads (a test stays a test)', () => {
    const facts = jsFacts('a.test.ts', `const { it, beforeEach } = globalThis;\nbeforeEach((ctx) => ctx.skip());\nit${body}`)!;
    expect(facts.tests.map((t) => [t.key, t.assertions])).toEqual([['a', 1]]);
    expect(facts.weakenings.map((w) => w.kind)).toEqual(['skip']);
  });
});
