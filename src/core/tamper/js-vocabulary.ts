/** What test frameworks and assertion libraries are called: the names the tamper walk looks for. */

export const TEST_NAMES = new Set(['it', 'test', 'specify']);
export const SUITE_NAMES = new Set(['describe', 'suite', 'context']);
export const PREFIXED: Record<string, 'test' | 'suite'> = {
  xit: 'test',
  xtest: 'test',
  xspecify: 'test',
  fit: 'test',
  ftest: 'test',
  xdescribe: 'suite',
  xcontext: 'suite',
  xsuite: 'suite',
  fdescribe: 'suite',
  fcontext: 'suite',
};
/** Members that stop a test from running as written (`it.skip`, `test.only`, `it.skipIf(x)`). */
export const MODIFIERS = new Set(['skip', 'only', 'todo', 'fixme', 'skipIf', 'runIf', 'fails', 'failing']);
/** Hooks that run around tests: a skip inside one skips every test it runs for. */
export const HOOKS = new Set(['beforeEach', 'beforeAll', 'before', 'afterEach', 'afterAll', 'after']);
export const NEUTRAL = new Set(['concurrent', 'sequential', 'each', 'serial', 'parallel', 'for', 'extend', 'scoped', 'describe']);
/** Test options that skip, focus or invert (node:test, vitest). */
export const OPTION_MARKERS = new Set(['skip', 'todo', 'only', 'fails']);
/** Modules whose exports are the real assertions: importing `assert`/`expect` from anywhere else replaces them. */
export const ASSERTION_MODULE =
  /^(?:node:)?assert(?:\/strict)?$|^(?:chai|vitest|@jest\/globals|expect|should|power-assert|uvu\/assert|@playwright\/test|bun:test|node:test|tap|earl|unexpected)$/;
export const PURE_ASSERTION_MODULE = /^(?:node:)?assert(?:\/strict)?$|^(?:chai|expect|should|power-assert|uvu\/assert|earl|unexpected)$/;
export const ASSERTION_EXPORTS = new Set(['expect', 'assert', 'expectTypeOf', 'should']);

/** Assertions that check truth or equality: constant arguments make them pass whatever the code does. */
export const TRUTHY = new Set(['assert', 'ok', 'isOk', 'isTrue', 'true', 'truthy', 'ifError']);
export const EQUALITY =
  /^(?:equal|strictEqual|deepEqual|deepStrictEqual|notEqual|notStrictEqual|notDeepEqual|notDeepStrictEqual|equals|eql|is|same|deepEquals|isEqual)$/;
export const GLOBALS = new Set(['globalThis', 'global', 'window', 'self']);
export const SPY_CALLS =
  /^(?:vi|jest|sinon|mock|td)\.(?:spyOn|stub|replace|method|stubGlobal)$|^Object\.(?:assign|defineProperty|defineProperties|setPrototypeOf)$|^Reflect\.(?:set|defineProperty)$/;
export const MODULE_MOCKS = /^(?:vi|jest)\.(?:mock|doMock|unstable_mockModule)$|^(?:mock|t\.mock|context\.mock)\.module$|^td\.replace(?:Esm)?$/;
