#!/usr/bin/env node
// Issue 14's table: the commands an agent waits on, at three generated, seeded sizes
// (small ≈ 100 capsules / 200 fixtures / 2k files, medium 1k / 2k / 20k, large 3k / 6k / 60k).
// Each figure is printed beside its goal and its floor: a bare `node -e 0`, and for whole-workspace
// commands the time to just read the files they read. Results (with machine, Node version, date
// and the load average, since the build machine is shared) go to bench/results/latest.json.
//
//   node bench/loop.mjs [--size small|medium|large|all] [--runs 3] [--json]
//
// Default: small and medium. The large size is measured once (--runs is ignored for it).
// Exit 0 always: these are figures against goals, not budgets that fail the bench run.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCheckWorkspace, SIZES, sourcePath } from './lib/check-workspace.mjs';
import { hasFlag, numberOption, option, REPO, sentinelBin } from './lib/cli-args.mjs';

const bin = sentinelBin('loop');
const sizeArg = option('--size', 'default');
const sizes = sizeArg === 'all' ? ['small', 'medium', 'large'] : sizeArg === 'default' ? ['small', 'medium'] : [sizeArg];
if (sizes.some((s) => !SIZES[s])) {
  console.error(`bench/loop: --size must be small, medium, large or all (got ${sizeArg})`);
  process.exit(2);
}
const json = hasFlag('--json');
const log = (line) => json || console.log(line);
const SKIP = 'sentinels,commands,mcp';

/** Wall ms and peak RSS (KiB, from GNU time when present) of one run. */
function timeOnce(args, cwd, input) {
  const timeBin = '/usr/bin/time';
  const useTime = (() => {
    try {
      execFileSync(timeBin, ['-f', '%M', 'true'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const started = performance.now();
  const child = useTime
    ? spawnSync(timeBin, ['-f', '%M', process.execPath, ...args], {
        cwd,
        input: input ?? '',
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', SENTINEL_CAPSULE: '' },
      })
    : spawnSync(process.execPath, args, {
        cwd,
        input: input ?? '',
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', SENTINEL_CAPSULE: '' },
      });
  const ms = performance.now() - started;
  const rss = useTime ? Number(child.stderr.trim().split('\n').pop()) : undefined;
  return { ms, rssKiB: Number.isFinite(rss) ? rss : undefined, status: child.status, stdout: child.stdout };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function measure(args, cwd, runs, input) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(timeOnce(args, cwd, input));
  return {
    ms: Math.round(median(samples.map((s) => s.ms))),
    rssMiB: Math.round(Math.max(...samples.map((s) => s.rssKiB ?? 0)) / 1024) || undefined,
    status: samples.at(-1).status,
    stdout: samples.at(-1).stdout,
  };
}

/** Time to read every tracked file once (the floor of a gate that reads them all), in-process. */
function readFloor(root) {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
  const started = performance.now();
  let bytes = 0;
  for (const f of files) bytes += readFileSync(path.join(root, f)).length;
  return { ms: Math.round(performance.now() - started), files: files.length, bytes };
}

const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()}`,
  loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
};
const results = {
  date: new Date().toISOString(),
  node: process.version,
  machine,
  note: 'shared build machine: other jobs ran alongside (see loadAverage)',
  sizes: {},
};
const nodeFloor = measure(['-e', '0'], REPO, 5).ms;
log(
  `node ${process.version} on ${machine.cpus} × ${machine.cpu}; load average ${machine.loadAverage.join(' ')} (shared machine: figures include other jobs' load)`,
);
log(`floor: node -e 0 = ${nodeFloor} ms`);

for (const size of sizes) {
  const spec = SIZES[size];
  const runs = size === 'large' ? 1 : numberOption('--runs', 3);
  const root = mkdtempSync(path.join(os.tmpdir(), `sentinel-bench-loop-${size}-`));
  try {
    const genStarted = performance.now();
    generateCheckWorkspace(root, spec);
    const files = spec.capsules + spec.contracts * (spec.fixturesPerContract + 1) + spec.sources + 4;
    log(
      `\n== ${size}: ${spec.capsules} capsules, ${spec.contracts * spec.fixturesPerContract} fixtures, ${spec.sources} source files (generated in ${Math.round(performance.now() - genStarted)} ms; median of ${runs})`,
    );
    const floor = readFloor(root);
    const S = (...args) => [bin, ...args];
    const capsuleFile = '.specify/specs/0000-capsule/capsule.md';
    const edit = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(root, sourcePath(0)) } });
    const rows = [];
    const row = (what, result, goalMs, goalNote, extra = {}) => {
      rows.push({ what, ms: result.ms, overNodeMs: result.ms - nodeFloor, rssMiB: result.rssMiB, goalMs, goal: goalNote, ...extra });
    };
    row('hook pre-edit, one edit', measure(S('hook', 'pre-edit'), root, runs, edit), nodeFloor + 40, 'node + 40 ms');
    row('capsule validate, one capsule', measure(S('capsule', 'validate', capsuleFile), root, runs), nodeFloor + 60, 'node + 60 ms');
    row('status', measure(S('status'), root, runs), nodeFloor + 60, 'node + 60 ms');
    measure(S('hook', 'stop'), root, 1, '{}');
    row('hook stop, nothing changed since the last check', measure(S('hook', 'stop'), root, runs, '{}'), nodeFloor + 150, 'node + 150 ms');
    row('context lint', measure(S('context', 'lint'), root, runs), 300, '≤ 0.3 s', { floorReadMs: floor.ms });
    row('contracts validate', measure(S('contracts', 'validate'), root, runs), 300, '≤ 0.3 s');
    const check = measure(S('--json', 'check', '--skip', SKIP), root, runs);
    const checkGoal = size === 'large' ? 3500 : 1500;
    row('check (no project commands)', check, checkGoal, size === 'large' ? '≤ 3.5 s, ≤ 150 MiB' : '≤ 1.5 s', {
      floorReadMs: floor.ms,
      msPer1000Files: Math.round((check.ms / files) * 1000),
    });
    try {
      const report = JSON.parse(check.stdout);
      rows.at(-1).gates = Object.fromEntries(report.gates.map((g) => [g.gate, { ownMs: g.durationMs, waitMs: g.waitMs }]));
      rows.at(-1).sharedMs = report.sharedMs;
    } catch {
      /* figures without the per-gate split */
    }
    appendFileSync(path.join(root, sourcePath(1)), '// one change\n');
    row('check again after one file changed', measure(S('--json', 'check', '--skip', SKIP), root, 1), 400, '≤ 0.4 s');
    results.sizes[size] = {
      date: results.date,
      loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
      capsules: spec.capsules,
      fixtures: spec.contracts * spec.fixturesPerContract,
      sourceFiles: spec.sources,
      files,
      runs,
      nodeFloorMs: nodeFloor,
      readAllFilesMs: floor.ms,
      rows,
    };
    const width = Math.max(...rows.map((r) => r.what.length));
    log(`floor: reading all ${floor.files} files once = ${floor.ms} ms`);
    for (const r of rows) {
      const met = r.ms <= r.goalMs && (size !== 'large' || !r.rssMiB || !r.what.startsWith('check (') || r.rssMiB <= 150);
      const extra = [
        r.rssMiB ? `${r.rssMiB} MiB peak` : '',
        r.msPer1000Files ? `${r.msPer1000Files} ms/1k files` : '',
        r.floorReadMs !== undefined ? `read floor ${r.floorReadMs} ms` : '',
      ]
        .filter(Boolean)
        .join(', ');
      log(
        `  ${r.what.padEnd(width)}  ${String(r.ms).padStart(6)} ms (node +${r.overNodeMs})  goal ${r.goal.padEnd(18)} ${met ? 'met' : 'NOT MET'}${extra ? `  [${extra}]` : ''}`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  }
}

const out = path.join(REPO, 'bench', 'results', 'latest.json');
mkdirSync(path.dirname(out), { recursive: true });
// Keep sizes measured earlier (e.g. the large size, measured once) unless measured again now.
let previous = {};
try {
  previous = JSON.parse(readFileSync(out, 'utf8')).sizes ?? {};
} catch {
  previous = {};
}
writeFileSync(out, `${JSON.stringify({ ...results, sizes: { ...previous, ...results.sizes } }, null, 2)}\n`);
if (json) console.log(JSON.stringify(results, null, 2));
else console.log(`\nwrote ${path.relative(REPO, out)}`);
