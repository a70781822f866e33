/**
 * The words that make an acceptance criterion a judgement rather than a check: qualities nobody
 * can run ("fast", "clean", "robust"), comparisons without a baseline ("better", "simpler"), and
 * sign-offs by people outside the referee's reach ("Legal approves", "the team is happy"). Each
 * group carries a rewrite that shows the same intent as something a referee can check.
 */

interface VaguePattern {
  pattern: RegExp;
  example: string;
}

const PARTY =
  '(?:team|owner|owners|stakeholders?|legal|marketing|product|design|designers?|security|ops|qa|dba|partners?|vendors?|customers?|clients?|users?|manager|lead|department|guild|writers?|support|finance|leadership|management|everyone)';

export const VAGUE_PATTERNS: readonly VaguePattern[] = [
  {
    pattern: /\b(?:is |are |be |runs? |feels? )?(?:fast|quick(?:ly)?|speedy|snappy|performant|efficient(?:ly)?|responsive|lightweight)\b(?: enough)?/i,
    example: '`GET /orders` responds in under 200 ms at p95 in `npm run bench`',
  },
  { pattern: /\bscal(?:able|es well)\b|\bhandles? (?:the )?load\b/i, example: '`k6 run bench/load.js` sustains 500 req/s with p95 < 300 ms' },
  {
    pattern:
      /\b(?:clean(?:er)?|readable|maintainable|elegant|idiomatic|tidy|simpler|modular)\b|\bcode quality\b|\bhigh[- ]quality\b|\bbest practices?\b|\b(?:SOLID|DRY|KISS) principles?\b|\bseparation of concerns\b|\btech(?:nical)? debt\b|\bwell[- ](?:structured|organi[sz]ed|normali[sz]ed|designed|written|tested|documented)\b/i,
    example: '`npm run lint` and `npm run typecheck` exit with 0',
  },
  {
    pattern:
      /\buser[- ]?friendly\b|\bintuitive\b|\beasy to (?:use|follow|read|understand)\b|\beasier\b|\bnice(?:ly)?\b|\blooks? (?:good|great|nice|right|fine|correct)\b|\bpolished\b|\bseamless(?:ly)?\b|\bsmooth(?:ly)?\b|\bconsistent(?:ly)?\b|\blook and feel\b|\bclear and\b|\b(?:is|are) clear\b|\bcomprehensive\b|\breads well\b/i,
    example: 'submitting the empty form shows "Email is required" (covered by `e2e/signup.spec.ts`)',
  },
  {
    pattern: /\bsecure(?:ly)?\b|\bsafe(?:ly)?\b|\bsecurity is\b/i,
    example: '`npm audit --audit-level=high` exits with 0 and `GET /admin` without a token returns 401',
  },
  {
    pattern: /\breliabl[ey]\b|\brobust(?:ly)?\b|\bresilient\b|\bstable\b|\bgraceful(?:ly)?\b|\bintegrity is\b|\bminimal downtime\b/i,
    example: '`test/orders.retry.test.ts` passes: a timed-out upstream call is retried 3 times, then returns 503',
  },
  {
    pattern: new RegExp(
      `\\b${PARTY}\\b[^.;]*\\b(?:approves?|approved|signs? off|signed off|sign-?off|confirms?|agrees?|accepts?|(?:is|are) (?:happy|satisfied|pleased|comfortable|aligned|ok)|will (?:love|like)|reviewed|has reviewed|have reviewed)\\b|\\b(?:sign-?off|approval)\\b|\\b(?:approved|reviewed|confirmed) by\\b|\\b(?:happy|satisfied|comfortable) with\\b`,
      'i',
    ),
    example: 'the copy in `design/consent.md` matches the text in `web/src/Consent.tsx` (checked by review)',
  },
  {
    pattern:
      /\bworks?(?: well| fine| correctly| properly| as intended| for)?\b|\bas (?:expected|before)\b|\bproperly\b|\bcorrectly\b|\bappropriate(?:ly)?\b|\breasonabl[ey]\b|\bacceptable\b|\bgood\b|\bbetter\b|\bimproved?\b|\breduced?\b|\bbug[- ]?free\b|\bno (?:bugs|regressions?)\b|\boptimal(?:ly)?\b|\bhandles? (?:errors|edge cases|failures)\b|\bhandled\b|\bfine\b|\bin place\b|\bup[- ]to[- ]date\b|\b(?:production[- ]ready|ready for production)\b|\bmeets? (?:the |all )?(?:requirements|expectations)\b|\bas needed\b|\betc\.?/i,
    example: '`npm test` passes, including `test/orders.test.ts` › "rejects an empty cart with 400"',
  },
];

export const GENERIC_EXAMPLE = '`npm test` passes and `POST /orders` with an empty body returns 400';
