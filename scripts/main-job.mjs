// `npm start`: Sentinel referees examples/orders-service end to end. Every step runs the built CLI
// against a throwaway copy of the example (see example-copy.mjs), so the router log, state files and
// logs it writes never dirty this repository. Exit 0 only when every gate of `sentinel check` is ok.
import { EXAMPLE_DIR, git, makeExampleCopy, parseJson, REPO_ROOT, run, sentinel } from './example-copy.mjs';

/** The capsule the tour routes and prompts: the Integrator's, still waiting for its lead. */
const ROUTED_CAPSULE = 'payment-provider-client';
/** The capsule whose diff the handoff step reads: the Backender's orders API. */
const HANDOFF_CAPSULE = 'orders-api';
const STEPS = 7;

const started = performance.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const say = (text = '') => process.stdout.write(`${text}\n`);
let step = 0;
const heading = (title) => say(`\n[${++step}/${STEPS}] ${title}`);
const table = (rows) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row) => `  ${row.map((cell, i) => String(cell).padEnd(widths[i])).join('  ')}`.trimEnd()).join('\n');
};

class StepFailed extends Error {}
function expectOk(result, what) {
  if (result.code !== 0)
    throw new StepFailed(`${what} exited with ${result.code}\n${(result.stdout + result.stderr).trim().split('\n').slice(-25).join('\n')}`);
  return result;
}

/** What differs from HEAD in the example (other work in this repository is not ours to judge). */
const repoStatus = () => git(REPO_ROOT, ['status', '--porcelain', '--untracked-files=all', '--', EXAMPLE_DIR]);

/**
 * The copy's history gets one extra commit in front: the workspace as it was before the
 * Backender's capsule produced its Required Outputs, so `handoff --suggest` reads that capsule's real diff.
 */
async function commitBeforeState(root, outputs) {
  const identity = ['-c', 'user.name=Sentinel demo', '-c', 'user.email=demo@sentinel.invalid', '-c', 'commit.gpgsign=false'];
  git(root, ['rm', '-r', '-q', '--cached', '--', ...outputs]);
  git(root, [...identity, 'commit', '-q', '-m', `workspace before ${HANDOFF_CAPSULE}`]);
  const before = git(root, ['rev-parse', 'HEAD']).trim();
  git(root, ['add', '-A']);
  git(root, [...identity, 'commit', '-q', '-m', `${HANDOFF_CAPSULE}: its Required Outputs`]);
  return before;
}

async function main() {
  const repoBefore = repoStatus();
  say('Sentinel referees examples/orders-service: capsules → route → prompt → real logs → every gate → handoffs');
  const { root, cleanup } = makeExampleCopy();
  say(`workspace: ${root}  (a copy with its own git history; ${EXAMPLE_DIR} itself is never written)`);
  const summary = {};
  try {
    heading('Capsules and their status  (sentinel status)');
    const status = parseJson(expectOk(await sentinel(root, ['status', '--json']), 'sentinel status'), 'sentinel status');
    say(
      table([
        ['CAPSULE', 'STATUS', 'LEAD', 'PHASE', 'GATES'],
        ...status.capsules.map((c) => {
          const gates = Object.values(c.gates ?? {});
          return [c.id ?? c.slug, c.status, c.lead ?? '-', c.phase ?? '-', gates.length ? `${gates.filter((g) => g === 'ok').length}/${gates.length} ok` : '-'];
        }),
      ]),
    );
    const byStatus = {};
    for (const c of status.capsules) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    summary.capsules = `${status.capsules.length} (${Object.entries(byStatus)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ')})`;

    heading(`Route ${ROUTED_CAPSULE}  (sentinel route: deterministic scores, logged to .sentinel/router_log)`);
    const routed = parseJson(expectOk(await sentinel(root, ['route', ROUTED_CAPSULE, '--json']), 'sentinel route'), 'sentinel route');
    const [first, second] = routed.explanation.candidates;
    say(
      `  ${routed.capsule.id} → ${routed.decision.leadAgent}  (score ${first.score}; runner-up ${second.id} ${second.score}; minimum ${routed.explanation.minScore})`,
    );
    const bySection = new Map();
    const short = { goal: 'goal', requiredOutputs: 'outputs', acceptanceCriteria: 'acceptance', allowedContext: 'context', routerNotes: 'notes' };
    for (const hit of first.keywords) bySection.set(hit.keyword, [...(bySection.get(hit.keyword) ?? []), short[hit.section] ?? hit.section]);
    say(`  words: ${[...bySection].map(([word, sections]) => `${word} [${sections.join(', ')}]`).join('; ')}`);
    for (const hit of first.paths) say(`  path:  ${hit.output} is owned by ${first.id} (${hit.glob}, +${hit.points})`);
    say(`  logged: ${routed.log?.file ?? '.sentinel/router_log'}; state: ${routed.state?.status ?? 'routed'}`);
    summary.route = `${ROUTED_CAPSULE} → ${routed.decision.leadAgent} (${first.score} vs ${second.score})`;

    heading(`The lead's prompt  (sentinel prompt ${ROUTED_CAPSULE})`);
    const prompt = parseJson(expectOk(await sentinel(root, ['prompt', ROUTED_CAPSULE, '--json']), 'sentinel prompt'), 'sentinel prompt');
    const sections = prompt.prompt
      .split('\n')
      .filter((line) => line.startsWith('## '))
      .map((line) => line.slice(3));
    say(
      `  agent ${prompt.agent} (from ${prompt.agentSource}), ${prompt.tokens} tokens, ${prompt.prompt.split('\n').length} lines, template ${prompt.template}`,
    );
    say(`  sections: ${sections.join(' · ')}`);
    summary.prompt = `${prompt.agent}, ${prompt.tokens} tokens, ${sections.length} sections`;

    heading('Start the service briefly for real logs  (npm run logs:produce)');
    const logs = expectOk(await run('npm', ['run', '--silent', 'logs:produce'], { cwd: root, timeoutMs: 120_000 }), 'npm run logs:produce');
    say(
      logs.stdout
        .trimEnd()
        .split('\n')
        .map((line) => `  ${line.trim()}`)
        .join('\n'),
    );
    summary.logs = logs.stdout.match(/wrote (\d+) log lines/)?.[1] ?? '?';

    heading(`SENTINEL_CAPSULE=${ROUTED_CAPSULE} sentinel check: every gate, the example's own lint, typecheck and tests included`);
    // The routed capsule is the one being worked on, so scope judges the tree against it; the
    // environment variable (unlike --capsule) keeps the capsules and context gates on every capsule.
    const check = await sentinel(root, ['check', '--json'], { env: { SENTINEL_CAPSULE: ROUTED_CAPSULE } });
    const report = parseJson(check, 'sentinel check');
    say(table([['GATE', 'STATUS', 'TIME', 'SUMMARY'], ...report.gates.map((g) => [g.gate, g.status, seconds(g.durationMs), g.summary])]));
    for (const gate of report.gates.filter((g) => g.status !== 'ok')) {
      for (const d of gate.diagnostics.filter((d) => d.severity !== 'info' || gate.status !== 'ok')) {
        say(`  ${gate.gate}: ${d.path ? `${d.path}${d.line ? `:${d.line}` : ''}  ` : ''}${d.severity} ${d.code}  ${d.message.split('\n')[0]}`);
        if (d.fix) say(`      fix: ${d.fix}`);
      }
    }
    const requestsGate = report.gates.find((g) => g.gate === 'requests');
    const sent = requestsGate?.data?.requests ?? [];
    if (sent.length) {
      say(`  requests (requests/orders.http through the running service, named by orders-api's acceptance criteria):`);
      say(
        table([
          ['', 'REQUEST', 'STATUS', 'EXPECTED', 'TIME', 'CONTRACT'],
          ...sent.map((r) => [
            r.ok ? 'ok' : 'FAIL',
            `${r.method} ${new URL(r.url).pathname}`,
            r.status ?? '-',
            r.expectedStatus ?? '-',
            `${r.durationMs} ms`,
            r.contract ?? '-',
          ]),
        ]),
      );
    }
    summary.requests = `${sent.filter((r) => r.ok).length}/${sent.length} as expected`;
    const notOk = report.gates.filter((g) => g.status !== 'ok');
    summary.check = `${report.gates.length - notOk.length}/${report.gates.length} gates ok in ${seconds(report.durationMs)}`;

    heading(`Handoff suggestions for ${HANDOFF_CAPSULE}  (sentinel handoff --suggest, over the capsule's own diff)`);
    const explain = parseJson(expectOk(await sentinel(root, ['route', HANDOFF_CAPSULE, '--explain', '--json']), 'sentinel route --explain'), 'route --explain');
    const outputs = explain.decision.requiredOutputs.map((o) => o.replace(/`/g, '').replace(/\/$/, ''));
    const before = await commitBeforeState(root, outputs);
    const handoff = parseJson(
      expectOk(await sentinel(root, ['handoff', HANDOFF_CAPSULE, '--suggest', '--base', before, '--json']), 'sentinel handoff --suggest'),
      'handoff --suggest',
    );
    say(`  ${handoff.lead}'s HANDOFF phase names: ${handoff.named.join(', ')}; diff base: the workspace before ${HANDOFF_CAPSULE} (${before.slice(0, 12)})`);
    for (const s of handoff.suggestions) {
      const shown = s.evidence.slice(0, 2).map((e) => `${e.path}${e.line ? `:${e.line}` : ''} (${e.detail})`);
      say(`  → ${s.to.padEnd(10)} ${s.reason}`);
      say(`    ${' '.repeat(10)} because ${shown.join('; ')}${s.evidence.length > 2 ? `; +${s.evidence.length - 2} more` : ''}`);
    }
    const unsuggested = handoff.named.filter((id) => !handoff.suggestions.some((s) => s.to === id));
    if (unsuggested.length) say(`  not suggested (nothing in the diff for them): ${unsuggested.join(', ')}`);
    summary.handoffs = handoff.suggestions.map((s) => s.to).join(', ') || 'none';

    const leftover = repoStatus() !== repoBefore;
    heading('Summary');
    const rows = [
      ['capsules', summary.capsules],
      ['routed', summary.route],
      ['prompt', summary.prompt],
      ['real logs', `${summary.logs} lines from the running service, checked by the logs and secrets gates`],
      ['check', summary.check],
      ['requests', `${summary.requests} (create, fetch, a 404; the service's log checked by the logs gate)`],
      ['handoffs', `${summary.handoffs} (from ${HANDOFF_CAPSULE}'s diff)`],
      ['work tree', leftover ? 'CHANGED by this run (a bug in scripts/main-job.mjs)' : 'untouched (every write went to the temporary copy)'],
      ['time', seconds(performance.now() - started)],
    ];
    say(table(rows));
    if (notOk.length) return fail(`gate(s) not ok: ${notOk.map((g) => `${g.gate} (${g.status}: ${g.summary})`).join(', ')}`);
    if (leftover) return fail('the repository work tree changed during the run');
    say('\nAll good: every gate passed on the example. Next: `npm run demo:faults` plants one fault per gate and shows each caught.');
    return 0;
  } finally {
    if (process.env.SENTINEL_KEEP_COPY) say(`(kept ${root})`);
    else cleanup();
  }
}

function fail(reason) {
  say(`\nFAILED: ${reason}`);
  return 1;
}

/** The last line, pass or fail: the live board of the example (read-only; Ctrl-C stops it). */
const BOARD_COMMAND = 'node dist/sentinel.mjs ui --root examples/orders-service --open';
const showBoard = () => say(`\nSee it on a live board: ${BOARD_COMMAND}`);

main().then(
  (code) => {
    showBoard();
    process.exitCode = code;
  },
  (error) => {
    say(`\nFAILED: ${error instanceof StepFailed ? error.message : (error?.stack ?? String(error))}`);
    showBoard();
    process.exitCode = 1;
  },
);
