#!/usr/bin/env node
// Benchmark `sentinel check` on a generated workspace: 1,000 capsules, 2,000 contract fixtures and
// 20,000 source files in one git commit (bench/lib/check-workspace.mjs). Prints the median own time per gate
// (durationMs: what the gate alone kept the thread busy, see docs/check.md) and the wall time in total.
//
//   node bench/check.mjs [--runs 3] [--keep] [--workspace <dir>]
//   SENTINEL_BIN=dist-x/sentinel.mjs node bench/check.mjs
//
// --workspace generates into <dir> once and reuses it on later runs (it is never deleted).
//
// The sentinels, commands and mcp gates start external processes, so they are skipped here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCheckWorkspace, SIZES } from './lib/check-workspace.mjs';
import { hasFlag, numberOption, option, sentinelBin } from './lib/cli-args.mjs';

const bin = sentinelBin('check');
const runs = numberOption('--runs', 3);
const workspaceArg = option('--workspace', undefined);
const keep = hasFlag('--keep') || workspaceArg !== undefined;
const SKIPPED_GATES = 'sentinels,commands,mcp';
const SIZE = SIZES.medium;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
};

const root = workspaceArg ? path.resolve(workspaceArg) : mkdtempSync(path.join(tmpdir(), 'sentinel-bench-check-'));
try {
  let started = performance.now();
  if (workspaceArg && existsSync(path.join(root, '.git'))) {
    console.log(`reusing the generated workspace in ${root}`);
  } else {
    mkdirSync(root, { recursive: true });
    generateCheckWorkspace(root, SIZE);
    console.log(
      `generated ${SIZE.capsules} capsules, ${SIZE.contracts * SIZE.fixturesPerContract} fixtures, ${SIZE.sources} source files in ${Math.round(performance.now() - started)}ms (${root})`,
    );
  }
  const perGate = new Map();
  const statuses = new Map();
  const walls = [];
  for (let run = 1; run <= runs; run++) {
    started = performance.now();
    const child = spawnSync(process.execPath, [bin, '--json', 'check', '--skip', SKIPPED_GATES], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const wall = Math.round(performance.now() - started);
    let report;
    try {
      report = JSON.parse(child.stdout);
    } catch {
      console.error(`run ${run}: sentinel check printed no JSON (exit ${child.status})\n${child.stderr.slice(-2000)}`);
      process.exitCode = 1;
      break;
    }
    if (!Array.isArray(report.gates)) {
      console.error(`run ${run}: sentinel check failed to run: ${JSON.stringify(report.error ?? report)}`);
      process.exitCode = 1;
      break;
    }
    walls.push(wall);
    for (const g of report.gates ?? []) {
      perGate.set(g.gate, [...(perGate.get(g.gate) ?? []), g.durationMs]);
      statuses.set(g.gate, `${g.status} (${g.summary})`);
    }
    console.log(`run ${run}/${runs}: ${wall}ms wall, exit ${child.status}, status ${report.status}`);
  }
  if (walls.length) {
    const width = Math.max(...[...perGate.keys()].map((g) => g.length), 5);
    console.log(`\nmedian of ${walls.length} run(s), node ${process.version}, ${bin}`);
    console.log(`${'gate'.padEnd(width)}  ${'median'.padStart(8)}  last status`);
    for (const [gate, times] of perGate) console.log(`${gate.padEnd(width)}  ${`${median(times)}ms`.padStart(8)}  ${statuses.get(gate)}`);
    console.log(`${'total'.padEnd(width)}  ${`${median(walls)}ms`.padStart(8)}  wall time of \`sentinel check --json --skip ${SKIPPED_GATES}\``);
  }
} finally {
  if (keep) console.log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
