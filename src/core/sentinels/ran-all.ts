import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics.js';
import { syntaxFacts } from '../tamper/syntax.js';
import { readTextIfExists } from '../workspace/fs.js';
import type { ResolvedRunner, SentinelTestResult } from './types.js';

/** Results a runner reports one per test the file defines: Go subtests (`TestX/sub`) and package errors aside. */
function countable(runner: ResolvedRunner, results: readonly SentinelTestResult[]): readonly SentinelTestResult[] {
  return runner === 'go' ? results.filter((r) => !r.name.includes('/') && r.file !== undefined) : results;
}

/**
 * Whether a runner's file names the sentinel file: equal, or a tail of its path on a `/` boundary.
 * pytest writes paths relative to its rootdir, which is the sentinels folder when the project has no
 * ini/pyproject/setup.py: `test_x.py` for `.sentinel/tests/sentinels/test_x.py`.
 */
export function namesFile(reported: string, file: string): boolean {
  return reported === file || file.endsWith(`/${reported}`);
}

/** Name each result by the sentinel file its runner meant (`test_x.py` → `.sentinel/tests/sentinels/test_x.py`) when only one fits. */
export function claimFiles(results: SentinelTestResult[], files: readonly string[]): void {
  for (const r of results) {
    const reported = r.file;
    if (reported === undefined || files.includes(reported)) continue;
    const own = files.filter((f) => namesFile(reported, f));
    if (own.length === 1) r.file = own[0]!;
  }
}

/**
 * Tests the files define (read from their syntax) that the run never reported: a test that does
 * not register (`if (false) test(…)`, a file that exits early, a filter in a config) did not pass.
 * Runners whose tests cannot be counted from the files (`command`) are not checked.
 */
export function missingTests(root: string, runner: ResolvedRunner, files: readonly string[], results: readonly SentinelTestResult[]): Diagnostic[] {
  if (runner === 'command') return [];
  const defined = new Map<string, number>();
  for (const file of files) {
    const text = readTextIfExists(path.join(root, ...file.split('/')));
    const facts = text === undefined ? undefined : syntaxFacts(file, text);
    // An unreadable file is not counted; the others still are.
    if (facts === undefined) continue;
    defined.set(file, facts.runnable);
  }
  const reported = countable(runner, results);
  const fix =
    'Every sentinel test must run: remove what stops it registering (an early exit, a constant-false condition, a filter), or record a decision retiring it';
  if (reported.every((r) => r.file !== undefined)) {
    const out: Diagnostic[] = [];
    for (const [file, count] of defined) {
      const ran = reported.filter((r) => namesFile(r.file!, file)).length;
      if (ran < count) out.push(error('SENTINELS_TESTS_NOT_RUN', `${file} defines ${count} test(s) but ${runner} ran ${ran}`, { path: file, fix }));
    }
    return out;
  }
  const total = [...defined.values()].reduce((a, b) => a + b, 0);
  if (reported.length >= total) return [];
  return [
    error('SENTINELS_TESTS_NOT_RUN', `The sentinel files define ${total} test(s) but ${runner} ran ${reported.length}`, {
      path: path.posix.dirname(files[0] ?? '.'),
      fix,
    }),
  ];
}
