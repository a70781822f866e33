/** What a weakening looks like in a test file, whatever the language. */
export type WeakeningKind = 'skip' | 'unreachable' | 'swallowed' | 'inverted' | 'tautology' | 'process-exit' | 'assert-reassigned' | 'module-mocked';

export interface Weakening {
  kind: WeakeningKind;
  line: number;
  /** The code as written, whitespace removed: identifies the weakening when comparing base and now. */
  text: string;
  /** What it is, for the message: `{ skip: true } on test "adds"`, `assert.ok(true)`. */
  detail: string;
}

/** One test case (it/test, `def test_*`, `func Test*`, `t.Run`). */
export interface TestFacts {
  /** Suite names and test name, ` > `-joined, with `#n` for repeats: matches a test across versions. */
  key: string;
  line: number;
  /** Assertions written in the test, plus those of local helpers it calls. */
  assertions: number;
  /** Of those, the ones under a non-constant condition (JS): they may never run. */
  conditional?: number;
  /** Of those, the ones almost any value passes (`toBeDefined()`, `assert x is not None`). */
  vague?: number;
  /** No test nested inside (what a runner reports as one result). */
  leaf: boolean;
  /** How many cases it runs as: one per row of a literal table it is written for (`it.each`, a loop, `parametrize`); 1 when absent. */
  runs?: number;
}

/**
 * Whether a name is written exactly twice in (comment- and string-blanked) code, never after a dot:
 * once where a table is assigned to it and once where it is looped over. A table held in a name is
 * counted only then; anything else may change it on the way.
 */
export const writtenTwice = (code: string, name: string): boolean => (code.match(new RegExp(`(?<![\\w.])${name}\\b`, 'g'))?.length ?? 0) === 2;

/** Test cases a runner runs: each test once per row of its table. */
export const caseCount = (tests: readonly TestFacts[]): number => tests.reduce((n, t) => n + (t.runs ?? 1), 0);

/** The syntax-level facts of one test file. */
export interface FileFacts {
  tests: TestFacts[];
  weakenings: Weakening[];
  /** Tests a runner reports one result for: leaf tests (JS, pytest), top-level `func Test*` (Go). */
  runnable: number;
  /**
   * Assertions outside every test (JS): top-level ones and those of helpers no code in the file
   * calls (a shared helper module). The per-test comparison cannot see these.
   */
  loose?: number;
  /**
   * Go: the assertions of each helper of the file (with the helpers it calls), and which of them no
   * code in the file calls. A helper outside every test keeps its own floor: emptying it is no less a
   * removal because another uncalled helper gained an assertion.
   */
  helpers?: { totals: Map<string, number>; uncalled: Set<string> };
}

/** Whitespace-free code text, so reformatting a line does not make its weakening look new. */
export const signature = (code: string): string => code.replace(/\s+/g, '');

/** Give repeated keys a `#n` suffix so two tests of the same name stay apart. */
export function uniqueKeys(tests: TestFacts[]): TestFacts[] {
  const seen = new Map<string, number>();
  for (const t of tests) {
    const n = (seen.get(t.key) ?? 0) + 1;
    seen.set(t.key, n);
    if (n > 1) t.key = `${t.key}#${n}`;
  }
  return tests;
}

/**
 * A helper's assertions with those of the helpers it calls: each helper counted once (cached), and
 * one reached again while it is being counted (recursion) adds nothing.
 */
export function countOnce<K>(key: K, cache: Map<K, number>, seen: Set<K>, count: () => number): number {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  if (seen.has(key)) return 0;
  seen.add(key);
  const n = count();
  cache.set(key, n);
  return n;
}

/**
 * `a == b` (or `!=`) on operands as written, whitespace removed: fixed when both are literals, or
 * the same pure operand (the same call on both sides may give two values); else undefined.
 */
export function comparisonTruth(a: string, b: string, equal: boolean, literal: (x: string) => boolean, pure: (x: string) => boolean): boolean | undefined {
  const same = a === b && pure(a);
  return same || (literal(a) && literal(b)) ? equal === same : undefined;
}
