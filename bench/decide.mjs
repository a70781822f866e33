#!/usr/bin/env node
// Benchmark `sentinel decide`: latency of 30 sequential runs (p50/p95) and the wall time of
// 20 concurrent runs on one ledger. Every run spawns the built binary, as an agent would.
//
//   node bench/decide.mjs [--runs 30] [--concurrency 20]
//   SENTINEL_BIN=dist-x/sentinel.mjs node bench/decide.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { numberOption, sentinelBin } from './lib/cli-args.mjs';

const bin = sentinelBin('decide');
const runs = numberOption('--runs', 30);
const concurrency = numberOption('--concurrency', 20);

function decide(dir, i) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [bin, 'decide', '--author', 'backender', '--scope', `bench ${i}`, '--decision', `decision ${i}`, '--rationale', 'bench', '--outputs', `src/f${i}.ts`],
      {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`decide exited ${code}: ${stderr}`))));
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (v) => `${v.toFixed(0)} ms`;

const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-bench-decide-'));
try {
  execFileSync('git', ['init', '-q'], { cwd: dir });
  const latencies = [];
  for (let i = 0; i < runs; i++) latencies.push(await decide(dir, i));
  latencies.sort((a, b) => a - b);
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, i) => decide(dir, runs + i)));
  const wall = performance.now() - started;
  const ledger = readFileSync(path.join(dir, '.sentinel', 'DECISIONS.md'), 'utf8');
  const ids = new Set(ledger.match(/^ID: D-\d{4,}$/gm));
  console.log(`sentinel decide (${bin})`);
  console.log(`  sequential, ${runs} runs:  p50 ${ms(percentile(latencies, 50))}  p95 ${ms(percentile(latencies, 95))}  max ${ms(latencies.at(-1))}`);
  console.log(`  concurrent, ${concurrency} at once: wall ${ms(wall)}  (${ms(wall / concurrency)} per decision)`);
  console.log(`  ledger: ${ids.size} distinct ids for ${runs + concurrency} decisions`);
  if (ids.size !== runs + concurrency) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
