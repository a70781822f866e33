import { caseCount, type FileFacts, type WeakeningKind } from './facts.js';
import type { TamperFinding, TamperKind } from './detect.js';

const KIND: Record<WeakeningKind, TamperKind> = {
  skip: 'marker-added',
  unreachable: 'unreachable-assertion',
  swallowed: 'swallowed-assertion',
  inverted: 'inverted-assertion',
  tautology: 'tautology',
  'process-exit': 'process-exit',
  'assert-reassigned': 'assert-reassigned',
  'module-mocked': 'module-mocked',
};

/**
 * What got weaker between a test file's base version and now: weakenings that are new (a same
 * weakening already at base, however reformatted or moved, is not), fewer tests, and fewer
 * assertions in a test that still exists.
 */
export function compareFacts(file: string, before: FileFacts | undefined, after: FileFacts): TamperFinding[] {
  const findings: TamperFinding[] = [];
  const atBase = new Map<string, number>();
  for (const w of before?.weakenings ?? []) atBase.set(`${w.kind}\u0000${w.text}`, (atBase.get(`${w.kind}\u0000${w.text}`) ?? 0) + 1);
  for (const w of after.weakenings) {
    const key = `${w.kind}\u0000${w.text}`;
    const left = atBase.get(key) ?? 0;
    if (left > 0) atBase.set(key, left - 1);
    else findings.push({ kind: KIND[w.kind], path: file, line: w.line, message: w.detail });
  }
  if (!before) return findings;
  const now = new Map(after.tests.map((t) => [t.key, t]));
  const missing = before.tests.filter((t) => !now.has(t.key));
  const [casesWere, casesAre] = [caseCount(before.tests), caseCount(after.tests)];
  if (casesAre < casesWere) {
    const names = missing.slice(0, 5).map((t) => `"${t.key}"`);
    findings.push({
      kind: 'tests-removed',
      path: file,
      message: `sentinel test cases removed: ${casesWere} at base, ${casesAre} now${names.length ? ` (gone: ${names.join(', ')})` : ''}`,
      before: casesWere,
      after: casesAre,
    });
  }
  const sure = (t: { assertions: number; conditional?: number }) => t.assertions - (t.conditional ?? 0);
  for (const was of before.tests) {
    const is = now.get(was.key);
    if (is && is.assertions >= was.assertions && sure(is) < sure(was)) {
      findings.push({
        kind: 'assertion-conditional',
        path: file,
        line: is.line,
        message: `assertions of sentinel test "${was.key}" now run only under a condition: ${sure(was)} always ran at base, ${sure(is)} now`,
        before: sure(was),
        after: sure(is),
      });
    }
    // `toBe(3)` turned into `toBeDefined()`: as many checks, fewer that look at the value.
    const precise = (t: { assertions: number; vague?: number }) => t.assertions - (t.vague ?? 0);
    if (is && is.assertions >= was.assertions && sure(is) >= sure(was) && precise(is) < precise(was)) {
      findings.push({
        kind: 'assertion-vague',
        path: file,
        line: is.line,
        message: `checks of sentinel test "${was.key}" loosened to ones almost any value passes (toBeDefined, toBeTruthy, is not None…): ${precise(was)} compared the value at base, ${precise(is)} now`,
        before: precise(was),
        after: precise(is),
      });
    }
    if (is && is.assertions < was.assertions) {
      findings.push({
        kind: 'assertions-removed',
        path: file,
        line: is.line,
        message: `assertions removed from sentinel test "${was.key}": ${was.assertions} at base, ${is.assertions} now`,
        before: was.assertions,
        after: is.assertions,
      });
    }
  }
  // Assertions outside every test (top-level, an uncalled helper in a shared module) have no test to
  // be removed from: the file's count of them is the floor.
  // Moving them into a test is no loss: the file's total must drop too.
  const total = (f: FileFacts) => (f.loose ?? 0) + f.tests.reduce((n, t) => n + t.assertions, 0);
  const looseDropped =
    before.loose !== undefined &&
    after.loose !== undefined &&
    after.loose < before.loose &&
    total(after) < total(before) &&
    !findings.some((f) => f.kind === 'assertions-removed');
  if (looseDropped) {
    findings.push({
      kind: 'assertions-removed',
      path: file,
      message: `assertions outside any test removed from a sentinel file: ${before.loose} at base, ${after.loose} now`,
      before: before.loose!,
      after: after.loose!,
    });
  }
  // Go: each helper no code in the file calls keeps its own floor (a file total lets a spare helper refill it).
  for (const name of looseDropped ? [] : (before.helpers?.uncalled ?? [])) {
    const was = before.helpers!.totals.get(name) ?? 0;
    const is = after.helpers?.totals.get(name) ?? 0;
    if (is < was) {
      findings.push({
        kind: 'assertions-removed',
        path: file,
        message: `assertions removed from helper ${name}() outside any test of a sentinel file: ${was} at base, ${is} now`,
        before: was,
        after: is,
      });
    }
  }
  // Renamed tests: compare what the unmatched ones assert, taken together (each run of a table's test).
  if (casesAre >= casesWere) {
    const old = new Set(before.tests.map((t) => t.key));
    const checks = (n: number, t: (typeof before.tests)[number]) => n + t.assertions * (t.runs ?? 1);
    const was = missing.reduce(checks, 0);
    const is = after.tests.filter((t) => !old.has(t.key)).reduce(checks, 0);
    if (is < was) {
      findings.push({
        kind: 'assertions-removed',
        path: file,
        message: `assertions removed from renamed sentinel tests: ${was} at base, ${is} now`,
        before: was,
        after: is,
      });
    }
  }
  return findings;
}
