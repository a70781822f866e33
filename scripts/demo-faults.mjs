// `npm run demo:faults`: plant one realistic fault per gate in a copy of examples/orders-service,
// run `sentinel check --json` once, and show which gate caught each fault, with its code and fix.
// Exit 0 only if every planted fault was caught by the gate it belongs to.
//   --skip-slow   leave out the faults that need the example's own lint/typecheck/tests
//                 (the commands gate, ~40 s), and skip that gate
import { ACTIVE_CAPSULE, FAULTS, matchFaults, plantFaults } from './faults.mjs';
import { makeExampleCopy, parseJson, run, sentinel } from './example-copy.mjs';

const skipSlow = process.argv.includes('--skip-slow');
const started = performance.now();
const say = (text = '') => process.stdout.write(`${text}\n`);
const clip = (text, width) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

async function main() {
  const { root, cleanup } = makeExampleCopy('sentinel-faults-');
  try {
    say(`Copied examples/orders-service to ${root} and committed it as the diff base.`);
    const logs = await run('npm', ['run', '--silent', 'logs:produce'], { cwd: root, timeoutMs: 120_000 });
    if (logs.code !== 0) throw new Error(`npm run logs:produce failed:\n${logs.stdout}${logs.stderr}`);
    say('Produced real logs (npm run logs:produce), then planted these faults, as if made while working on');
    say(`capsule ${ACTIVE_CAPSULE} (SENTINEL_CAPSULE):\n`);
    const planted = plantFaults(root, { skipSlow });
    planted.forEach((fault, i) => say(`  ${String(i + 1).padStart(2)}. ${fault.title}\n      ${fault.file}`));

    const args = ['check', '--json', ...(skipSlow ? ['--skip', 'commands'] : [])];
    say(`\nRunning: SENTINEL_CAPSULE=${ACTIVE_CAPSULE} sentinel ${args.join(' ')} …`);
    const check = await sentinel(root, args, { env: { SENTINEL_CAPSULE: ACTIVE_CAPSULE } });
    const report = parseJson(check, 'sentinel check');
    say(`exit ${check.code}: ${report.counts.gates.fail} gate(s) failed, ${report.counts.gates.ok} ok, in ${(report.durationMs / 1000).toFixed(1)}s\n`);

    const results = matchFaults(report, planted);
    const rows = results.map(({ fault, diagnostic, caught }) => [
      caught ? 'caught' : 'MISSED',
      fault.id,
      fault.gate,
      diagnostic?.code ?? `(no ${fault.code})`,
      diagnostic ? `${diagnostic.path ?? ''}${diagnostic.line ? `:${diagnostic.line}` : ''}` : '',
    ]);
    const header = ['', 'FAULT', 'GATE', 'CODE', 'REPORTED AT'];
    const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
    const line = (row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    say(line(header));
    rows.forEach((row, i) => {
      say(line(row));
      const fix = results[i].diagnostic?.fix;
      if (fix) say(`${' '.repeat(widths[0] + 2)}fix: ${fix.replace(/\s+/g, ' ')}`);
    });

    say('\nEvery gate (a gate may report more than its own fault: scope also lists the other planted');
    say(`files, since none of them belongs to ${ACTIVE_CAPSULE}):`);
    for (const gate of report.gates) say(`  ${gate.gate.padEnd(11)} ${gate.status.padEnd(8)} ${clip(gate.summary, 100)}`);

    const missed = results.filter((r) => !r.caught);
    const untargeted = FAULTS.filter((f) => !planted.includes(f)).map((f) => f.gate);
    say(`\n${results.length - missed.length}/${results.length} faults caught by the expected gate in ${((performance.now() - started) / 1000).toFixed(1)}s.`);
    if (untargeted.length) say(`Not planted (--skip-slow): faults for ${untargeted.join(', ')}.`);
    say("The mcp gate checks Sentinel's own MCP server, not the workspace, so no workspace fault targets it.");
    if (missed.length) {
      say(`MISSED: ${missed.map((r) => `${r.fault.id} (expected ${r.fault.code} from ${r.fault.gate}, gate was ${r.gateStatus})`).join('; ')}`);
      return 1;
    }
    return 0;
  } finally {
    if (process.env.SENTINEL_KEEP_COPY) say(`(kept ${root})`);
    else cleanup();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    say(`\nFAILED: ${error?.stack ?? String(error)}`);
    process.exitCode = 1;
  },
);
