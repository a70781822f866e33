import { GENERIC_EXAMPLE, VAGUE_PATTERNS } from './acceptance-lexicon.js';

/**
 * Is an acceptance criterion something a referee can check? Three classes:
 * - `command`: it names a command, a test, an HTTP endpoint or status; a run proves it;
 * - `inspectable`: it names a concrete file, field, table, label, count, message or observable
 *   state; a reviewer (or a test someone writes) checks it — "checked by review";
 * - `vague`: only judgements ("works well", "is fast", "clean", "Legal approves") and nothing
 *   concrete. Only this class is an error.
 * A criterion without judgement words is never vague, even when no pattern recognises what it
 * names: a false alarm blocks real work, while a missed judgement still reaches a reviewer.
 */

export type CriterionClass = 'command' | 'inspectable' | 'vague';

type AcceptanceSignal = 'command' | 'test' | 'file' | 'http' | 'observable' | 'scenario' | 'identifier' | 'state';

/** Signals that mean "run something": the criterion is of class `command`. */
const RUNNABLE: ReadonlySet<AcceptanceSignal> = new Set(['command', 'test', 'http']);

interface AcceptanceVerdict {
  class: CriterionClass;
  /** What makes the item checkable (empty when nothing recognisable does). */
  signals: AcceptanceSignal[];
  /** Vague phrases found, as written. */
  vague: string[];
  /** A concrete rewrite suggestion for the first vague phrase (or a generic one). */
  example: string;
}

const TOOLS =
  'npm|pnpm|yarn|npx|bun|deno|node|tsx|tsc|vitest|jest|mocha|eslint|prettier|pytest|python3?|uv|pip|go|cargo|rustc|make|curl|wget|http|sentinel|docker|kubectl|git|bash|sh|psql|sqlite3|mvn|gradle|dotnet|ruby|rake|bundle|rspec|php|composer|k6|ab|playwright|cypress|terraform|tflint|helm|ansible-playbook|alembic|rails|flyway|liquibase|vale|markdownlint|trivy|shellcheck|promtool|systemctl|hurl|madge|pg_dump|mysql|redis-cli|aws|gcloud|az';
// "one node", "the make": a tool name after a determiner is a noun, not a command.
const COMMAND = new RegExp(
  `(?:^|(?<!\\b(?:a|an|the|one|each|every|per|this|that|its|no)\\s)(?<=[\\s(\`'"]))(?:${TOOLS})\\s+(?!(?:to|into|back|live|down|up|away)\\b)[\\w@./:=-]`,
  'i',
);
/** Backticked text that reads as an invocation: a known tool, a flag, or a script path. */
const INVOCATION = new RegExp(`^(?:(?:${TOOLS})\\s|\\.{0,2}/[\\w./-]+(?:\\s|$)|[\\w.-]+\\s+(?:[\\w:.-]+\\s+)*--?[a-z])`, 'i');
const TEST_FILE = /[\w./-]*(?:\.(?:test|spec|e2e)\.[cm]?[jt]sx?|_test\.(?:go|py|rb)|\btest_[\w-]+\.py|Test\.(?:java|kt|cs))\b/i;
const TEST_NAME = /\btests?\s+(?:named\s+|called\s+)?["“'`][^"”'`]{3,}["”'`]/i;
const EXTENSIONS =
  'ts|tsx|js|jsx|mjs|cjs|json|jsonl|ya?ml|md|py|go|rs|sql|toml|sh|html|css|scss|txt|lock|xml|csv|env|ini|cfg|conf|proto|graphql|java|kt|rb|php|cs|c|h|cpp|hpp|swift|vue|svelte|lua|tf';
const FILE_NAME = new RegExp(`(?:^|[\\s(\`'"])[\\w.-]*[\\w-]\\.(?:${EXTENSIONS})(?=$|[\\s),;:\`'"]|\\.(?:\\s|$))`, 'i');
/** `a/b/c`, `./x`, `dir/`, `a/b.ext`: slashes alone ("and/or") are not enough. */
const SLASH_PATH = /(?:^|[\s(`'"])(?:\.{1,2}\/[\w.*-]+|[\w.*-]+\/[\w.*-]+\/[\w./*-]*|[\w.-]+\/(?=[\s`'",;)]|$)|[\w.-]+\/[\w*-]+\.[\w]{1,6}\b)/;
const HTTP_ENDPOINT = /\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\/[\w/{}:.-]*/;
const HTTP_STATUS =
  /\b(?:HTTP(?:\/\d(?:\.\d)?)?\s*|status(?:\s+code)?\s*(?:of\s+)?|code\s+|with\s+(?:a\s+)?|returns?\s+(?:an?\s+)?|responds?\s+(?:with\s+)?(?:an?\s+)?|answers?\s+|gets?\s+|yields?\s+|gives?\s+|receives?\s+|\ban?\s+)[1-5]\d\d\b(?![.,]\d|\s*(?:ms|s|sec|seconds?|minutes?|%|[kmg]b|rows?|items?|requests?|lines?)\b)|\b[1-5]\d\d\s+(?:OK|Created|Accepted|No Content|Bad Request|Unauthorized|Forbidden|Not Found|Conflict|Unprocessable|Too Many Requests|Internal Server Error|Gone|Locked|Payload Too Large|Service Unavailable|Bad Gateway|Gateway Timeout|Not Modified|Found|Moved Permanently)\b/i;
const URL_PATH = /(?:^|\s)\/(?:api|v\d+|health|healthz|ready|metrics|[a-z]+\/)[\w/{}:.-]*/i;
const OBSERVABLE_VERB =
  /\b(?:returns?|responds?|replies|exits?(?:\s+with)?|exit\s+code|logs?|prints?|outputs?|emits?|contains?|equals?|matches|writes?|creates?|rejects?|fails?\s+with|throws?|raises?|shows?|displays?|renders?|redirects?|reports?|lists?|stores?|persists?|increments?|decrements?|sets?|has|have|is|are|becomes?|reads?)\b/i;
const CONCRETE_OBJECT =
  /\d|["“'`][^"”'`]+["”'`]|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(?:true|false|null|empty|zero|none|nothing|non-zero|nonzero)\b|\b[A-Z][A-Za-z]+(?:Error|Exception)\b/;
const MEASURE =
  /(?:[<>≤≥]=?|\b(?:at least|at most|under|below|above|over|less than|more than|fewer than|no more than|within|exactly|maximum|minimum|p\d\d)\b)\s*\d|\d+(?:\.\d+)?\s*(?:%|ms|s|sec|seconds?|minutes?|min|hours?|h|kb|mb|gb|req\/s|rps|lines?|tokens?|items?|records?|users?|requests?)\b/i;
const SCENARIO = /\bgiven\b[\s\S]*\bwhen\b[\s\S]*\bthen\b\s*\S/i;
/**
 * Names as code writes them: `orders.currency`, `product_id`, `HttpOnly`, `X-Request-Id`,
 * `SameSite=Lax`, `SIGTERM`, `ON DELETE CASCADE`, a counted noun ("five steps", "3 retries").
 */
const IDENTIFIER =
  /\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z][a-z0-9]*\.[a-z_][\w]*\b|\b[A-Z]?[a-z]+(?:[A-Z][a-z0-9]+)+\b|\b[A-Z][a-z]*(?:-[A-Z][a-z]*)+\b|\b\w+=\w+|\b[A-Z]{3,}(?:\s+[A-Z]{3,}){1,3}\b|\bSIG[A-Z]{3,}\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|once|twice)\s+(?:times\b|\w+s\b)/;
/** An observable end state someone can look at: something appears, stays, is refused, never happens. */
const STATE =
  /\b(?:still|stays?|remains?|no longer|never|appears?|disappears?|(?:is|are) (?:shown|hidden|disabled|enabled|greyed out|announced|rejected|refused|skipped|retried|removed|deleted|created|written|logged|sent|stored|restored|unchanged|untouched|listed)|shows?|hides?|announces?|opens?|closes?|fails? with|exits?|commits?|creates? no|changes? nothing|writes? (?:no|one|a)|(?:is|are) processed once)\b/i;

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
  if (COMMAND.test(text) || backticked.some((s) => INVOCATION.test(s))) signals.push('command');
  if (TEST_FILE.test(text) || TEST_NAME.test(text)) signals.push('test');
  if (FILE_NAME.test(text) || SLASH_PATH.test(text) || backticked.some((s) => /[/.]/.test(s) && !/\s/.test(s))) signals.push('file');
  if (HTTP_ENDPOINT.test(text) || HTTP_STATUS.test(text) || URL_PATH.test(text)) signals.push('http');
  if (MEASURE.test(text) || (OBSERVABLE_VERB.test(text) && CONCRETE_OBJECT.test(text.replace(/`[^`]*`/g, '`x`')))) signals.push('observable');
  if (SCENARIO.test(text)) signals.push('scenario');
  if (IDENTIFIER.test(text)) signals.push('identifier');
  if (STATE.test(text)) signals.push('state');

  const vague: string[] = [];
  let example: string | undefined;
  // Vague words inside backticks or quotes are names, not claims (`test "works offline"`).
  const prose = text.replace(/`[^`]*`/g, ' ').replace(/["“][^"”]*["”]/g, ' ');
  for (const { pattern, example: suggestion } of VAGUE_PATTERNS) {
    const match = pattern.exec(prose);
    if (match) {
      vague.push(match[0].trim());
      example ??= suggestion;
    }
  }
  const unique = [...new Set(signals)];
  const cls: CriterionClass = unique.some((s) => RUNNABLE.has(s)) ? 'command' : unique.length === 0 && vague.length > 0 ? 'vague' : 'inspectable';
  return { class: cls, signals: unique, vague, example: example ?? GENERIC_EXAMPLE };
}
