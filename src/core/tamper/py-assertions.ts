import { callArgs, constantTruth, type Stmt, topLevelParts } from './py-syntax.js';

// The assertions of a pytest/unittest statement, and whether each passes whatever the code does.

const UNITTEST_TRUE = /^(?:assertTrue|assert_|failUnless|assertIsNotNone)$/;
const UNITTEST_FALSE = /^(?:assertFalse|failIf|assertIsNone)$/;
const UNITTEST_EQUAL =
  /^(?:assertEqual|assertEquals|assertIs|assertListEqual|assertDictEqual|assertTupleEqual|assertSetEqual|assertSequenceEqual|assertCountEqual|assertAlmostEqual|assertMultiLineEqual|assert_equal|assert_array_equal)$/;
const ASSERT_CALL = /\b(?:self\.(assert\w*|fail\w*)|(?:\w+\.)*(assert_\w+)|pytest\.(raises|warns|fail))\s*\(/g;

/** Every assertion in a statement: `{ what, tautology }` (`what` blanked, truth judged on the code as written). */
export function assertionsIn({ text: stmtText, raw }: Stmt): { what: string; tautology: boolean; vague?: boolean }[] {
  const found: { what: string; tautology: boolean; vague?: boolean }[] = [];
  if (/^assert\b/.test(stmtText)) {
    const parts = topLevelParts(raw.slice('assert'.length));
    // `assert (x, "msg")` asserts a non-empty tuple: always true.
    const tautology = parts[0] !== undefined && constantTruth(parts[0]) === true;
    // `assert x is not None`: almost any value passes.
    found.push({ what: stmtText, tautology, vague: /\bis\s+not\s+None\s*$/.test(topLevelParts(stmtText.slice('assert'.length))[0] ?? '') });
  }
  for (const m of stmtText.matchAll(ASSERT_CALL)) {
    const name = m[1] ?? m[2] ?? m[3] ?? '';
    const args = callArgs(raw, m.index + m[0].length - 1, stmtText);
    let tautology = false;
    if (UNITTEST_TRUE.test(name) && args[0] !== undefined) tautology = constantTruth(args[0]) === true;
    else if (UNITTEST_FALSE.test(name) && args[0] !== undefined) tautology = constantTruth(args[0]) === false;
    else if (UNITTEST_EQUAL.test(name) && args.length >= 2) tautology = constantTruth(`${args[0]} == ${args[1]}`) === true;
    found.push({ what: `${m[0]}${callArgs(stmtText, m.index + m[0].length - 1, stmtText).join(',')})`, tautology, vague: /^assertIsNotNone$/.test(name) });
  }
  return found;
}
