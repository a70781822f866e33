#!/usr/bin/env node
// Start-up cost of the CLI: `sentinel --version` and `sentinel --help` against a bare `node -e 0`.
// Budget (issue 2): at most 20 ms over `node -e 0`, median of 20 runs.
// Usage: node bench/startup.mjs [--runs N] [--bin path/to/sentinel.mjs] [--json]
import { spawnSync } from 'node:child_process';
import { hasFlag, option, sentinelBin } from './lib/cli-args.mjs';

const BUDGET_MS = 20;
const runs = Number(option('--runs', process.env.BENCH_RUNS ?? '20'));
const bin = sentinelBin('startup');

function timeOnce(argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Interleave the cases so machine noise hits all of them alike; one warm-up run each.
const cases = { 'node -e 0': ['-e', '0'], 'sentinel --version': [bin, '--version'], 'sentinel --help': [bin, '--help'] };
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const argv of Object.values(cases)) timeOnce(argv);
for (let i = 0; i < runs; i++) for (const [name, argv] of Object.entries(cases)) samples[name].push(timeOnce(argv));

const baseline = median(samples['node -e 0']);
const results = Object.keys(cases).map((name) => {
  const med = median(samples[name]);
  return { name, medianMs: +med.toFixed(2), ratio: +(med / baseline).toFixed(2), overBaselineMs: +(med - baseline).toFixed(2) };
});
const checked = results.slice(1).map((r) => ({ ...r, withinBudget: r.overBaselineMs <= BUDGET_MS }));
const ok = checked.every((r) => r.withinBudget);

if (hasFlag('--json')) {
  console.log(JSON.stringify({ bench: 'startup', runs, budgetMs: BUDGET_MS, baselineMs: +baseline.toFixed(2), results: checked, ok }, null, 2));
} else {
  console.log(`startup: median of ${runs} runs (${bin})`);
  console.log(`  ${'node -e 0'.padEnd(20)} ${baseline.toFixed(1).padStart(7)} ms`);
  for (const r of checked) {
    const verdict = r.withinBudget ? 'ok' : 'OVER BUDGET';
    console.log(
      `  ${r.name.padEnd(20)} ${r.medianMs.toFixed(1).padStart(7)} ms  x${r.ratio.toFixed(2)}  +${r.overBaselineMs.toFixed(1)} ms  ${verdict} (≤ ${BUDGET_MS} ms over node -e 0)`,
    );
  }
}
process.exitCode = ok ? 0 : 1;
