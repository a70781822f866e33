/**
 * Is an acceptance criterion something a referee can check? A criterion is verifiable when it
 * names a command, a test, a file, an HTTP status or endpoint, or an observable result; vague
 * wording ("works well", "is fast") is flagged with a rewrite that shows what checkable looks like.
 */

export type AcceptanceSignal = 'command' | 'test' | 'file' | 'http' | 'observable' | 'scenario';

export interface AcceptanceVerdict {
  /** What makes the item checkable (empty when nothing does). */
  signals: AcceptanceSignal[];
  /** Vague phrases found, as written. */
  vague: string[];
  /** A concrete rewrite suggestion for the first vague phrase (or a generic one). */
  example: string;
}

const TOOLS =
  'npm|pnpm|yarn|npx|bun|deno|node|tsx|tsc|vitest|jest|mocha|eslint|prettier|pytest|python3?|uv|pip|go|cargo|rustc|make|curl|wget|http|sentinel|docker|kubectl|git|bash|sh|psql|sqlite3|mvn|gradle|dotnet|ruby|rake|bundle|rspec|php|composer|k6|ab|playwright|cypress';
const COMMAND = new RegExp(`(?:^|[\\s(\`'"])(?:${TOOLS})\\s+[\\w@./:=-]`, 'i');
const TEST_FILE = /[\w./-]*(?:\.(?:test|spec|e2e)\.[cm]?[jt]sx?|_test\.(?:go|py|rb)|\btest_[\w-]+\.py|Test\.(?:java|kt|cs))\b/i;
const TEST_NAME = /\btests?\s+(?:named\s+|called\s+)?["“'`][^"”'`]{3,}["”'`]/i;
const EXTENSIONS =
  'ts|tsx|js|jsx|mjs|cjs|json|jsonl|ya?ml|md|py|go|rs|sql|toml|sh|html|css|scss|txt|lock|xml|csv|env|ini|cfg|conf|proto|graphql|java|kt|rb|php|cs|c|h|cpp|hpp|swift|vue|svelte|lua|tf';
const FILE_NAME = new RegExp(`(?:^|[\\s(\`'"])[\\w.-]*[\\w-]\\.(?:${EXTENSIONS})(?=$|[\\s),;:\`'"]|\\.(?:\\s|$))`, 'i');
/** `a/b/c`, `./x`, `dir/`, `a/b.ext`: slashes alone ("and/or") are not enough. */
const SLASH_PATH = /(?:^|[\s(`'"])(?:\.{1,2}\/[\w.*-]+|[\w.*-]+\/[\w.*-]+\/[\w./*-]*|[\w.-]+\/(?=[\s`'",;)]|$)|[\w.-]+\/[\w*-]+\.[\w]{1,6}\b)/;
const HTTP_ENDPOINT = /\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\/[\w/{}:.-]*/;
const HTTP_STATUS = /\b(?:HTTP(?:\/\d(?:\.\d)?)?\s*|status(?:\s+code)?\s*(?:of\s+)?|code\s+|with\s+(?:a\s+)?|returns?\s+(?:an?\s+)?|responds?\s+(?:with\s+)?(?:an?\s+)?)[1-5]\d\d\b|\b[1-5]\d\d\s+(?:OK|Created|Accepted|No Content|Bad Request|Unauthorized|Forbidden|Not Found|Conflict|Unprocessable|Too Many Requests|Internal Server Error)\b/i;
const URL_PATH = /(?:^|\s)\/(?:api|v\d+|health|healthz|ready|metrics|[a-z]+\/)[\w/{}:.-]*/i;
const OBSERVABLE_VERB =
  /\b(?:returns?|responds?|replies|exits?(?:\s+with)?|exit\s+code|logs?|prints?|outputs?|emits?|contains?|equals?|matches|writes?|creates?|rejects?|fails?\s+with|throws?|raises?|shows?|displays?|renders?|redirects?|reports?|lists?|stores?|persists?|increments?|decrements?|sets?|has|have|is|are|becomes?|reads?)\b/i;
const CONCRETE_OBJECT =
  /\d|["“'`][^"”'`]+["”'`]|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(?:true|false|null|empty|zero|none|nothing|non-zero|nonzero)\b|\b[A-Z][A-Za-z]+(?:Error|Exception)\b/;
const MEASURE =
  /(?:[<>≤≥]=?|\b(?:at least|at most|under|below|above|over|less than|more than|fewer than|no more than|within|exactly|maximum|minimum|p\d\d)\b)\s*\d|\d+(?:\.\d+)?\s*(?:%|ms|s|sec|seconds?|minutes?|min|hours?|h|kb|mb|gb|req\/s|rps|lines?|tokens?|items?|records?|users?|requests?)\b/i;
const SCENARIO = /\bgiven\b[\s\S]*\bwhen\b[\s\S]*\bthen\b\s*\S/i;

/** Vague phrases and a rewrite that shows the same intent as a check someone can run. */
const VAGUE: Array<{ pattern: RegExp; example: string }> = [
  { pattern: /\b(?:is |are |be |runs? )?(?:fast|quick|speedy|snappy|performant|efficient|responsive)\b(?: enough)?/i, example: '`GET /orders` responds in under 200 ms at p95 in `npm run bench`' },
  { pattern: /\bscal(?:able|es well)\b/i, example: '`k6 run bench/load.js` sustains 500 req/s with p95 < 300 ms' },
  { pattern: /\b(?:clean|readable|maintainable|elegant|idiomatic|tidy)\s*(?:code)?\b|\bcode quality\b|\bhigh[- ]quality\b/i, example: '`npm run lint` and `npm run typecheck` exit with 0' },
  { pattern: /\buser[- ]?friendly\b|\bintuitive\b|\beasy to use\b|\bnice(?:ly)?\b|\blooks? good\b|\bpolished\b|\bseamless(?:ly)?\b/i, example: 'submitting the empty form shows "Email is required" (covered by `e2e/signup.spec.ts`)' },
  { pattern: /\bsecure(?:ly)?\b|\bsafe(?:ly)?\b/i, example: '`npm audit --audit-level=high` exits with 0 and `GET /admin` without a token returns 401' },
  { pattern: /\breliabl[ey]\b|\brobust(?:ly)?\b|\bresilient\b|\bstable\b/i, example: '`test/orders.retry.test.ts` passes: a timed-out upstream call is retried 3 times, then returns 503' },
  {
    pattern: /\bworks?(?: well| fine| correctly| properly| as intended)?\b|\bas expected\b|\bproperly\b|\bcorrectly\b|\bappropriate(?:ly)?\b|\breasonabl[ey]\b|\bgood\b|\bbetter\b|\bimproved?\b|\bbug[- ]?free\b|\bno bugs\b|\boptimal(?:ly)?\b|\bhandles? (?:errors|edge cases)\b|\betc\.?/i,
    example: '`npm test` passes, including `test/orders.test.ts` › "rejects an empty cart with 400"',
  },
];

const GENERIC_EXAMPLE = '`npm test` passes and `POST /orders` with an empty body returns 400';

/** Strip list checkbox and emphasis so `- [ ] **Given** …` reads as plain text. */
export function criterionText(text: string): string {
  return text
    .replace(/^\[[ xX]\]\s*/, '')
    .replace(/\*\*|__/g, '')
    .trim();
}

export function classifyCriterion(raw: string): AcceptanceVerdict {
  const text = criterionText(raw);
  const signals: AcceptanceSignal[] = [];
  const backticked = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim()).filter((s) => s.length > 1);
  if (COMMAND.test(text) || backticked.some((s) => /\s/.test(s) || COMMAND.test(` ${s}`))) signals.push('command');
  if (TEST_FILE.test(text) || TEST_NAME.test(text)) signals.push('test');
  if (FILE_NAME.test(text) || SLASH_PATH.test(text) || backticked.some((s) => /[/.]/.test(s) && !/\s/.test(s))) signals.push('file');
  if (HTTP_ENDPOINT.test(text) || HTTP_STATUS.test(text) || URL_PATH.test(text)) signals.push('http');
  if (MEASURE.test(text) || (OBSERVABLE_VERB.test(text) && CONCRETE_OBJECT.test(text.replace(/`[^`]*`/g, '`x`')))) signals.push('observable');
  if (SCENARIO.test(text)) signals.push('scenario');

  const vague: string[] = [];
  let example: string | undefined;
  // Vague words inside backticks or quotes are names, not claims (`test "works offline"`).
  const prose = text.replace(/`[^`]*`/g, ' ').replace(/["“][^"”]*["”]/g, ' ');
  for (const { pattern, example: suggestion } of VAGUE) {
    const match = pattern.exec(prose);
    if (match) {
      vague.push(match[0].trim());
      example ??= suggestion;
    }
  }
  return { signals: [...new Set(signals)], vague, example: example ?? GENERIC_EXAMPLE };
}
