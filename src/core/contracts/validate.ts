import { error, type Diagnostic } from '../diagnostics.js';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from '../schema/bounded.js';
import { lineOfPointer, parseJsonText } from '../schema/json-text.js';
import { normalizeText } from '../workspace/fs.js';
import { fixHint, toFixtureErrors, type ValidatorCache } from './compile.js';
import { nextVersionFix } from './names.js';
import type { ContractDefinition, FixtureResult } from './types.js';

/** Errors reported per fixture before the rest are summarised. */
const MAX_ERRORS_PER_FIXTURE = 10;

type Verdict = { parsed: true; valid: boolean; result: Omit<FixtureResult, 'expected' | 'ok'> } | { parsed: false; diagnostic: Diagnostic };

/** Run one fixture's JSON text through a compiled contract (undefined when the schema does not compile). */
export function judgeFixture(contract: ContractDefinition, cache: ValidatorCache, fixture: string, rawText: string): Verdict | undefined {
  const validate = cache.get(contract).validate;
  if (!validate) return undefined;
  const parsed = parseJsonText(normalizeText(rawText));
  if (!parsed.ok) {
    return {
      parsed: false,
      diagnostic: error('CONTRACT_FIXTURE_PARSE', `Fixture is not valid JSON: ${parsed.error.message}`, {
        path: fixture,
        line: parsed.error.line,
        column: parsed.error.column,
        fix: 'Fix the JSON syntax; a fixture that cannot be read proves nothing',
      }),
    };
  }
  // ajv's validators recurse once per level: a payload past the limit would overflow the stack.
  if (nestsDeeperThan(parsed.value)) {
    return {
      parsed: false,
      diagnostic: error('CONTRACT_FIXTURE_TOO_DEEP', `Fixture nests deeper than ${MAX_DOCUMENT_DEPTH} levels`, {
        path: fixture,
        line: 1,
        fix: `Use a fixture that nests at most ${MAX_DOCUMENT_DEPTH} levels: a real payload of this contract, not a generated one`,
      }),
    };
  }
  const valid = validate(parsed.value) === true;
  return { parsed: true, valid, result: { contract: contract.id, fixture, valid, errors: valid ? [] : toFixtureErrors(contract, validate.errors) } };
}

/** Validate one fixture against its expectation; diagnostics for a good one that fails or a bad one that passes. */
export function checkFixture(
  contract: ContractDefinition,
  cache: ValidatorCache,
  fixture: string,
  rawText: string,
  expected: 'pass' | 'fail',
): { result?: FixtureResult; diagnostics: Diagnostic[] } {
  const verdict = judgeFixture(contract, cache, fixture, rawText);
  if (!verdict) return { diagnostics: [] };
  if (!verdict.parsed) return { diagnostics: [verdict.diagnostic] };
  const ok = verdict.valid === (expected === 'pass');
  const result: FixtureResult = { ...verdict.result, expected, ok };
  if (ok) return { result, diagnostics: [] };
  if (expected === 'fail') {
    return {
      result,
      diagnostics: [
        error('CONTRACT_BAD_FIXTURE_PASSES', `${contract.id}: bad fixture validates: the contract got weaker`, {
          path: fixture,
          line: 1,
          fix: `Make ${contract.id} reject this payload (if its schema was loosened, restore it and ${nextVersionFix(contract)})`,
        }),
      ],
    };
  }
  const text = normalizeText(rawText);
  const diagnostics = result.errors.slice(0, MAX_ERRORS_PER_FIXTURE).map((err) =>
    error('CONTRACT_FIXTURE_INVALID', `${contract.id}: ${err.pointer || '(root)'} ${err.message} (schema ${err.schemaPath})`, {
      path: fixture,
      line: lineOfPointer(text, err.pointer) ?? 1,
      fix: fixHint(err),
    }),
  );
  if (result.errors.length > MAX_ERRORS_PER_FIXTURE) {
    diagnostics.push(
      error('CONTRACT_FIXTURE_INVALID', `${contract.id}: ${result.errors.length - MAX_ERRORS_PER_FIXTURE} more error(s) in this fixture`, {
        path: fixture,
        line: 1,
        fix: 'Fix the errors above and run again',
      }),
    );
  }
  return { result, diagnostics };
}
