// One realistic fault per gate, planted into a copy of examples/orders-service. Shared by
// `npm run demo:faults` (scripts/demo-faults.mjs) and test/e2e/demo-faults.test.ts, so the demo and
// its test can never disagree about what is planted and which gate must catch it.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The capsule the faults are "made in": its scope decides what counts as out of scope. */
export const ACTIVE_CAPSULE = 'payment-provider-client';

function edit(root, file, from, to) {
  const full = path.join(root, file);
  const text = readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`cannot plant fault: ${file} no longer contains ${JSON.stringify(from)}`);
  writeFileSync(full, text.replace(from, to));
}

const write = (root, file, text) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};

/**
 * Commit one file on a work branch with plain `git commit` (no hook, so no Sentinel trailers).
 * A branch, because on the default branch itself the diff base would be the commit just made.
 */
function commitWithoutHook(root, file, message) {
  const git = (args) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Sentinel demo', '-c', 'user.email=demo@sentinel.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  if (execFileSync('git', ['branch', '--show-current'], { cwd: root, encoding: 'utf8' }).trim() === 'main') git(['switch', '-q', '-c', 'demo/faults']);
  git(['commit', '-q', '-m', message, '--', file]);
}

const logLine = (fields) => `${JSON.stringify({ ts: '2026-11-27T08:00:00.000Z', level: 'info', service: 'orders-service', ...fields })}\n`;
// Assembled at run time so this repository never holds a string that looks like a live key.
const fakeStripeKey = () => ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

/**
 * Each fault: what an agent did (`title`), where (`file`), the gate that must catch it, the
 * diagnostic code it must raise there, and `plant(root)` which makes the change in the copy.
 * The diagnostic names `file` unless `reportedAt` says where it points instead (a failing sentinel
 * test, the config holding a failing command); `mentions` must then appear in its message.
 * `needsLogs`: the fault edits logs/service.jsonl, which the caller produces first.
 */
export const FAULTS = [
  {
    id: 'out-of-scope-edit',
    title: 'The Integrator also rewrote a line of the README (not in its capsule)',
    file: 'README.md',
    gate: 'scope',
    code: 'SCOPE_OUT_OF_SCOPE',
    plant: (root) => edit(root, 'README.md', 'A small but real TypeScript backend', 'A small, production-grade TypeScript backend'),
  },
  {
    id: 'weakened-contract',
    title: 'orders.v1 loosened in place: total_cents may now be a float (no orders.v2)',
    file: '.sentinel/contracts/orders.v1.json',
    gate: 'contracts',
    code: 'CONTRACT_CHANGED_IN_PLACE',
    plant: (root) =>
      edit(
        root,
        '.sentinel/contracts/orders.v1.json',
        '"total_cents": { "type": "integer", "minimum": 0 }',
        '"total_cents": { "type": "number", "minimum": 0 }',
      ),
  },
  {
    id: 'skipped-sentinel',
    title: 'The expiry-job sentinel test was switched off with test.skip',
    file: '.sentinel/tests/sentinels/expiry-job-idempotent.test.mjs',
    gate: 'tamper',
    code: 'TAMPER_TEST_SKIPPED',
    plant: (root) => edit(root, '.sentinel/tests/sentinels/expiry-job-idempotent.test.mjs', "\ntest('old pending orders", "\ntest.skip('old pending orders"),
  },
  {
    id: 'regression',
    title: 'The safe-integer guard on order totals was deleted (a pinned bug is back)',
    file: 'server/src/services/order-rules.ts',
    gate: 'sentinels',
    code: 'SENTINEL_TEST_FAILED',
    reportedAt: '.sentinel/tests/sentinels/money-in-cents.test.mjs',
    plant: (root) =>
      edit(
        root,
        'server/src/services/order-rules.ts',
        "  if (!Number.isSafeInteger(total)) throw new DomainError('total_too_large', 422, 'order total exceeds the supported amount');\n",
        '',
      ),
  },
  {
    id: 'lint-error',
    title: 'A leftover debug variable in server/src/app.ts breaks `npm run lint`',
    file: 'server/src/app.ts',
    gate: 'commands',
    code: 'COMMAND_FAILED',
    reportedAt: '.sentinel/config.json',
    mentions: 'npm run lint',
    slow: true,
    plant: (root) => edit(root, 'server/src/app.ts', 'export function buildApp(', 'const debugRequests = true;\n\nexport function buildApp('),
  },
  {
    id: 'edited-migration',
    title: 'An applied migration (0002) was edited instead of adding 0005',
    file: 'db/migrations/0002_order_items.sql',
    gate: 'migrations',
    code: 'MIGRATION_MODIFIED',
    plant: (root) =>
      edit(root, 'db/migrations/0002_order_items.sql', 'sku              TEXT NOT NULL,', 'sku              TEXT NOT NULL CHECK (length(sku) <= 32),'),
  },
  {
    id: 'secret-in-log',
    title: 'A provider error logged with the live API key in its message',
    file: 'logs/service.jsonl',
    gate: 'secrets',
    code: 'SECRET_STRIPE_KEY',
    needsLogs: true,
    plant: (root) =>
      appendFileSync(
        path.join(root, 'logs/service.jsonl'),
        logLine({ level: 'error', request_id: 'demo-pay-9', event: 'request_failed', msg: `provider refused key ${fakeStripeKey()}` }),
      ),
  },
  {
    id: 'bad-log-line',
    title: 'A cache warm-up line logged without request_id',
    file: 'logs/service.jsonl',
    gate: 'logs',
    code: 'LOGS_SCHEMA_VIOLATION',
    needsLogs: true,
    plant: (root) => appendFileSync(path.join(root, 'logs/service.jsonl'), logLine({ event: 'cache_warmed', msg: 'cache warmed' })),
  },
  {
    id: 'undocumented-env',
    title: 'server/src/config.ts reads PAYMENT_PROVIDER_URL; the runbook does not list it',
    file: 'server/src/config.ts',
    gate: 'runbook',
    code: 'RUNBOOK_ENV_UNDOCUMENTED',
    plant: (root) =>
      edit(
        root,
        'server/src/config.ts',
        'export class ConfigError',
        "/** Base URL of the payment provider (the Integrator's client reads it). */\nexport const PAYMENT_PROVIDER_URL = process.env.PAYMENT_PROVIDER_URL ?? 'http://127.0.0.1:4010';\n\nexport class ConfigError",
      ),
  },
  {
    id: 'unstamped-file',
    title: 'The new payment client was written without a provenance header',
    file: 'server/src/clients/payment-provider.ts',
    gate: 'provenance',
    code: 'PROVENANCE_MISSING',
    plant: (root) =>
      write(
        root,
        'server/src/clients/payment-provider.ts',
        [
          '// Authorises a charge with the payment provider.',
          'export async function authorise(baseUrl: string, idempotencyKey: string, amountCents: number): Promise<boolean> {',
          "  const response = await fetch(`${baseUrl}/charges`, { method: 'POST', headers: { 'idempotency-key': idempotencyKey }, body: JSON.stringify({ amount: amountCents }) });",
          '  return response.ok;',
          '}',
          '',
        ].join('\n'),
      ),
  },
  {
    id: 'raw-fetch-in-route',
    title: "The pay route calls the payment provider with a raw fetch instead of the Integrator's client",
    file: 'server/src/routes/orders.ts',
    gate: 'boundaries',
    code: 'BOUNDARY_NETWORK_CALL',
    plant: (root) =>
      edit(
        root,
        'server/src/routes/orders.ts',
        '    async (request, reply) => {\n      const { order, replayed } = payOrder(deps, {',
        "    async (request, reply) => {\n      await fetch('http://127.0.0.1:4010/charges', { method: 'POST', body: JSON.stringify({ order_id: request.params.id }) });\n      const { order, replayed } = payOrder(deps, {",
      ),
  },
  {
    id: 'fetch-returns-500',
    title: 'GET /orders/:id takes the expiry from a new ?ttl= parameter; without it the date is NaN and the fetch request gets a 500',
    file: 'requests/orders.http',
    gate: 'requests',
    code: 'REQUESTS_STATUS_MISMATCH',
    plant: (root) =>
      edit(
        root,
        'server/src/routes/orders.ts',
        "app.get<ById>('/orders/:id', { schema: byId }, async (request) => present(getOrder(deps, request.params.id)));",
        "app.get<ById>('/orders/:id', { schema: byId }, async (request) => withExpiry(getOrder(deps, request.params.id), Number((request.query as { ttl?: string }).ttl)));",
      ),
  },
  {
    id: 'commit-without-trailers',
    title: 'A runbook query committed with plain `git commit` (no hook): no Sentinel-Capsule: orders-api trailer',
    file: 'ops/backend/runbook.md',
    gate: 'commits',
    code: 'COMMITS_TRAILER_MISSING',
    plant: (root) => {
      edit(
        root,
        'ops/backend/runbook.md',
        '-- Applied migrations\n',
        "-- Orders stuck in pending for more than a day\nSELECT id, created_at FROM orders WHERE status = 'pending' AND created_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day');\n\n-- Applied migrations\n",
      );
      commitWithoutHook(root, 'ops/backend/runbook.md', 'runbook: query for stuck orders');
    },
  },
  {
    id: 'capsule-over-budget',
    title: 'A whole CI log pasted into the orders-sentinels capsule (over 300 lines)',
    file: '.specify/specs/orders-sentinels/capsule.md',
    gate: 'context',
    code: 'CONTEXT_OVER_BUDGET',
    plant: (root) =>
      appendFileSync(
        path.join(root, '.specify/specs/orders-sentinels/capsule.md'),
        `\n## Non-Goals\n\n${Array.from({ length: 300 }, (_, i) => `- CI log line ${i + 1}: ok ${i + 1} - sentinel test passed`).join('\n')}\n`,
      ),
  },
  {
    id: 'vague-acceptance',
    title: 'An acceptance criterion nobody can check: "The pipeline works well"',
    file: '.specify/specs/orders-ci/capsule.md',
    gate: 'capsules',
    code: 'CAPSULE_ACCEPTANCE_VAGUE',
    plant: (root) => edit(root, '.specify/specs/orders-ci/capsule.md', '## Acceptance Criteria\n\n', '## Acceptance Criteria\n\n- The pipeline works well\n'),
  },
  {
    id: 'broken-supersedes',
    title: 'A hand-written ledger entry supersedes D-0042, which does not exist',
    file: '.sentinel/DECISIONS.md',
    gate: 'ledger',
    code: 'LEDGER_SUPERSEDES_UNKNOWN',
    plant: (root) => {
      edit(root, '.sentinel/DECISIONS.md', '## NEXT_ID\nD-0013', '## NEXT_ID\nD-0014');
      appendFileSync(
        path.join(root, '.sentinel/DECISIONS.md'),
        [
          '',
          'ID: D-0013',
          'Date: 2026-11-27',
          'Author: integrator',
          'Scope: payment provider client (capsule payment-provider-client)',
          'Decision: Retry charges up to 5 times instead of 3',
          'Rationale: the sandbox provider is flaky',
          'Outputs: server/src/clients/payment-provider.ts',
          'Supersedes: D-0042',
          '',
        ].join('\n'),
      );
    },
  },
];

/** Plant the selected faults (all but the `slow` ones when `skipSlow`); returns those planted. */
export function plantFaults(root, { skipSlow = false } = {}) {
  const planted = FAULTS.filter((fault) => !(skipSlow && fault.slow));
  for (const fault of planted) fault.plant(root);
  return planted;
}

/**
 * Match each planted fault to the `sentinel check --json` report: caught means its gate failed
 * with a diagnostic of the expected code about the faulty file (or naming it in the message).
 */
export function matchFaults(report, faults) {
  return faults.map((fault) => {
    const gate = report.gates.find((g) => g.gate === fault.gate);
    const hit = gate?.diagnostics.find(
      (d) =>
        d.code === fault.code &&
        (d.path === (fault.reportedAt ?? fault.file) || d.message.includes(fault.file)) &&
        (!fault.mentions || d.message.includes(fault.mentions)),
    );
    return { fault, gateStatus: gate?.status ?? 'missing', diagnostic: hit, caught: Boolean(hit) && gate?.status === 'fail' };
  });
}
