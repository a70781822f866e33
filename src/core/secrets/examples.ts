/**
 * Values that are published as examples by the vendors themselves, so finding them is never a
 * leak: AWS's documentation keys, Stripe's shared documentation test key, jwt.io's sample token,
 * the Azure storage emulator's well-known key.
 */
const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
]);

/** Filler no real token contains: runs of x, zeros, asterisks or dots (`ghp_xxxx…`, `T00000000`). */
const FILLER = /x{6,}|X{6,}|0{8,}|\*{4,}|\.{3}|…/;

/** A documented example or an obviously filled-in shape, whatever rule matched it. */
export function isExampleValue(secret: string): boolean {
  return DOCUMENTED_EXAMPLES.has(secret) || FILLER.test(secret);
}

const FIXTURE_SEGMENT = /(?:^|\/)(?:tests?|__tests__|spec|specs|fixtures?|__fixtures__|__mocks__|testdata|test-data)\//i;
const FIXTURE_FILE = /(?:\.(?:test|spec)\.[A-Za-z0-9]+|_test\.go|(?:^|\/)test_[^/]*\.py|_spec\.rb)$/i;

/** Test code and fixtures: a key found there is reported as a warning with the allowlist fix. */
export function isTestFixture(file: string): boolean {
  return FIXTURE_SEGMENT.test(file) || FIXTURE_FILE.test(file);
}
