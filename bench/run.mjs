#!/usr/bin/env node
// Runs every bench/*.mjs except this file, one after another, and fails if any of them fails.
// Extra arguments are passed to each benchmark (e.g. `node bench/run.mjs --json`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f !== self)
  .filter((f) => !only || only.includes(path.basename(f, '.mjs')))
  .sort();

const failed = [];
for (const file of benches) {
  if (!process.argv.includes('--json')) console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, [path.join(dir, file), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(`${file} (exit ${result.status})`);
}
if (!process.argv.includes('--json'))
  console.log(`\n${benches.length - failed.length}/${benches.length} benchmarks within budget${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exitCode = failed.length ? 1 : 0;
