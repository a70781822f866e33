#!/usr/bin/env node
// Issue 14's table: the commands an agent waits on, at three generated, seeded sizes
// (small ≈ 100 capsules / 200 fixtures / 2k files, medium 1k / 2k / 20k, large 3k / 6k / 60k).
// Each figure is printed beside its goal and its floor: a bare `node -e 0`, and for whole-workspace
// commands the time to just read the files they read. Results (with machine, Node version, date
// and the load average, since the build machine is shared) go to bench/results/latest.json.
//
//   node bench/loop.mjs [--size small|medium|large|all] [--runs 3] [--calls 50] [--json]
//
// Default: small and medium. The large size is measured once (--runs is ignored for it).
// `check` is measured three ways: cold (SENTINEL_NO_CACHE=1), warm with nothing changed, and right
// after a one-file edit (each run edits another file); the cache's key lives in a temp folder.
// The MCP row is a warm `sentinel mcp` server answering a read-only `tools/call` (p50/p99).
// Exit 0 always: these are figures against goals, not budgets that fail the bench run.
import { execFileSync, spawnSync } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
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
// The cache's signing key (docs/cache.md) in a folder of the bench's own, not the user's.
const keyDir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-bench-key-'));
const ENV = { ...process.env, NO_COLOR: '1', SENTINEL_CAPSULE: '', SENTINEL_CACHE_KEY_DIR: keyDir };
const useTime = (() => {
  try {
    execFileSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Wall ms, CPU ms (user + sys) and peak RSS (KiB) of one run, the last two from GNU time when present. */
function timeOnce(args, cwd, input, env = ENV) {
  const options = { cwd, input: input ?? '', encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env };
  const started = performance.now();
  const child = useTime ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, ...args], options) : spawnSync(process.execPath, args, options);
  const ms = performance.now() - started;
  const [rss, user, sys] = useTime ? child.stderr.trim().split('\n').pop().split(' ').map(Number) : [];
  return {
    ms,
    cpuMs: Number.isFinite(user + sys) ? (user + sys) * 1000 : undefined,
    rssKiB: Number.isFinite(rss) ? rss : undefined,
    status: child.status,
    stdout: child.stdout,
  };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** A warm `sentinel mcp` over stdio: `calls` timed tools/call of one read-only tool after a warm-up call. */
async function mcpCalls(root, name, toolArgs, calls) {
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', '--root', root], stderr: 'ignore', env: ENV });
  const client = new Client({ name: 'bench-loop', version: '1' });
  await client.connect(transport);
  try {
    const first = performance.now();
    await client.callTool({ name, arguments: toolArgs });
    const firstMs = performance.now() - first;
    const times = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      const result = await client.callTool({ name, arguments: toolArgs });
      times.push(performance.now() - t);
      if (result.isError) throw new Error(`${name}: ${result.content[0]?.text}`);
    }
    const round = (ms) => Math.round(ms * 10) / 10;
    return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), firstMs: Math.round(firstMs), calls };
  } finally {
    await client.close();
  }
}

/** `before(i)` runs ahead of sample i, outside the timing (e.g. the one-file edit). */
function measure(args, cwd, runs, input, { env, before } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    before?.(i);
    samples.push(timeOnce(args, cwd, input, env));
  }
  return {
    ms: Math.round(median(samples.map((s) => s.ms))),
    cpuMs: useTime ? Math.round(median(samples.map((s) => s.cpuMs ?? 0))) : undefined,
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
const nodeFloorRun = measure(['-e', '0'], REPO, 5);
const nodeFloor = nodeFloorRun.ms;
log(
  `node ${process.version} on ${machine.cpus} × ${machine.cpu}; load average ${machine.loadAverage.join(' ')} (shared machine: figures include other jobs' load)`,
);
log(`floor: node -e 0 = ${nodeFloor} ms${nodeFloorRun.cpuMs !== undefined ? ` (${nodeFloorRun.cpuMs} ms CPU)` : ''}`);

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
    const per1000 = (result) => Math.round((result.ms / files) * 1000);
    const row = (what, result, goalMs, goalNote, extra = {}) => {
      rows.push({ what, ms: result.ms, cpuMs: result.cpuMs, overNodeMs: result.ms - nodeFloor, rssMiB: result.rssMiB, goalMs, goal: goalNote, ...extra });
    };
    row('hook pre-edit, one edit', measure(S('hook', 'pre-edit'), root, runs, edit), nodeFloor + 40, 'node + 40 ms');
    row('capsule validate, one capsule', measure(S('capsule', 'validate', capsuleFile), root, runs), nodeFloor + 60, 'node + 60 ms');
    row('status', measure(S('status'), root, runs), nodeFloor + 60, 'node + 60 ms');
    measure(S('hook', 'stop'), root, 1, '{}');
    row('hook stop, nothing changed since the last check', measure(S('hook', 'stop'), root, runs, '{}'), nodeFloor + 150, 'node + 150 ms');
    // Each measured on its own, without the cache and then warm (its per-file facts recorded by a run just before).
    const noCache = { env: { ...ENV, SENTINEL_NO_CACHE: '1' } };
    const lintCold = measure(S('context', 'lint'), root, runs, undefined, noCache);
    row('context lint, no cache', lintCold, 300, '≤ 0.3 s', { floorReadMs: floor.ms, msPer1000Files: per1000(lintCold) });
    measure(S('context', 'lint'), root, 1);
    const lint = measure(S('context', 'lint'), root, runs);
    row('context lint, warm cache', lint, 300, '≤ 0.3 s', { msPer1000Files: per1000(lint) });
    row('contracts validate, no cache', measure(S('contracts', 'validate'), root, runs, undefined, noCache), 300, '≤ 0.3 s');
    measure(S('contracts', 'validate'), root, 1);
    row('contracts validate, warm cache', measure(S('contracts', 'validate'), root, runs), 300, '≤ 0.3 s');
    const calls = numberOption('--calls', 50);
    for (const [tool, toolArgs] of [
      ['sentinel_capsule_validate', { paths: [capsuleFile] }],
      ['sentinel_status', {}],
    ]) {
      const mcp = await mcpCalls(root, tool, toolArgs, calls);
      rows.push({
        what: `MCP tools/call ${tool.replace('sentinel_', '')}, warm server`,
        ms: mcp.p50,
        p99Ms: mcp.p99,
        firstCallMs: mcp.firstMs,
        calls: mcp.calls,
        goalMs: 10,
        goalP99Ms: 50,
        goal: 'p50 ≤ 10 ms, p99 ≤ 50 ms',
      });
    }
    const checkArgs = S('--json', 'check', '--skip', SKIP);
    const checkGoal = size === 'large' ? 3500 : 1500;
    const checkNote = size === 'large' ? '≤ 3.5 s, ≤ 150 MiB' : '≤ 1.5 s';
    const gatesOf = (stdout) => {
      try {
        const report = JSON.parse(stdout);
        return { gates: Object.fromEntries(report.gates.map((g) => [g.gate, { ownMs: g.durationMs, waitMs: g.waitMs }])), sharedMs: report.sharedMs };
      } catch {
        return {}; // figures without the per-gate split
      }
    };
    const cold = measure(checkArgs, root, runs, undefined, { env: { ...ENV, SENTINEL_NO_CACHE: '1' } });
    row('check (no project commands), no cache', cold, checkGoal, checkNote, { floorReadMs: floor.ms, msPer1000Files: per1000(cold), ...gatesOf(cold.stdout) });
    measure(checkArgs, root, 1); // records every file's facts
    const warm = measure(checkArgs, root, runs);
    row('check (no project commands), warm cache', warm, checkGoal, checkNote, { msPer1000Files: per1000(warm), ...gatesOf(warm.stdout) });
    const edited = measure(checkArgs, root, runs, undefined, { before: (i) => appendFileSync(path.join(root, sourcePath(1 + i)), '// one change\n') });
    row('check again after one file changed', edited, 400, '≤ 0.4 s', { msPer1000Files: per1000(edited), ...gatesOf(edited.stdout) });
    results.sizes[size] = {
      date: results.date,
      loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
      capsules: spec.capsules,
      fixtures: spec.contracts * spec.fixturesPerContract,
      sourceFiles: spec.sources,
      files,
      runs,
      nodeFloorMs: nodeFloor,
      nodeFloorCpuMs: nodeFloorRun.cpuMs,
      readAllFilesMs: floor.ms,
      rows,
    };
    const width = Math.max(...rows.map((r) => r.what.length));
    log(`floor: reading all ${floor.files} files once = ${floor.ms} ms`);
    for (const r of rows) {
      const met =
        r.ms <= r.goalMs &&
        (r.p99Ms === undefined || r.p99Ms <= r.goalP99Ms) &&
        (size !== 'large' || !r.rssMiB || !r.what.startsWith('check (') || r.rssMiB <= 150);
      const extra = [
        r.p99Ms !== undefined ? `p99 ${r.p99Ms} ms, first call ${r.firstCallMs} ms, ${r.calls} calls` : '',
        r.cpuMs !== undefined ? `${r.cpuMs} ms CPU` : '',
        r.rssMiB ? `${r.rssMiB} MiB peak` : '',
        r.msPer1000Files ? `${r.msPer1000Files} ms/1k files` : '',
        r.floorReadMs !== undefined ? `read floor ${r.floorReadMs} ms` : '',
      ]
        .filter(Boolean)
        .join(', ');
      log(
        `  ${r.what.padEnd(width)}  ${String(r.ms).padStart(6)} ms ${r.overNodeMs === undefined ? '(p50)' : `(node +${r.overNodeMs})`}  goal ${r.goal.padEnd(18)} ${met ? 'met' : 'NOT MET'}${extra ? `  [${extra}]` : ''}`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 5 });
  }
}
rmSync(keyDir, { recursive: true, force: true });

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
