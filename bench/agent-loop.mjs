#!/usr/bin/env node
// The commands an agent waits on in its inner loop, whole-process, against a bare `node -e 0`:
// `hook pre-edit` (one in-scope edit), `capsule validate` (one capsule), `status`, and `hook stop`
// with nothing changed since the last check. On the example workspace and a generated
// 1,000-capsule workspace. Median of paired runs (each run of a command next to a `node -e 0`).
//
//   node bench/agent-loop.mjs [--runs 15] [--bin dist/sentinel.mjs] [--json] [--only example|1k]
//
// The stop hook runs every gate but mcp; the gates that start processes (sentinels, commands,
// requests) are disabled in the copies so the figure is Sentinel's own cost, not `npm test`'s.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasFlag, numberOption, option, sentinelBin } from './lib/cli-args.mjs';
import { generateUiWorkspace } from './lib/ui-workspace.mjs';
import { makeExampleCopy } from '../scripts/example-copy.mjs';

const bin = sentinelBin('agent-loop');
const runs = numberOption('--runs', 15);
const only = option('--only', undefined);
const GOALS = { 'hook pre-edit': 40, 'capsule validate': 60, status: 60, 'hook stop (unchanged)': 150 };
const DISABLED = ['sentinels', 'commands', 'requests', 'mcp'];

const env = { ...process.env, NO_COLOR: '1', SENTINEL_CAPSULE: '' };
// CPU time (user + sys) of the child too, read by GNU time when it is there: on a busy machine
// wall time mostly measures the neighbours, CPU time what the command itself costs.
const gnuTime = existsSync('/usr/bin/time') && !hasFlag('--no-cpu');
function timeOnce(argv, cwd, input) {
  const start = process.hrtime.bigint();
  const [program, args] = gnuTime ? ['/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, ...argv]] : [process.execPath, argv];
  const result = spawnSync(program, args, { cwd, env, input: input ?? '', stdio: ['pipe', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let cpuMs;
  if (gnuTime) {
    const lines = String(result.stderr).trimEnd().split('\n');
    const [, user, sys] = lines.pop().split(' ');
    cpuMs = (Number(user) + Number(sys)) * 1000;
    result.stderr = lines.join('\n');
  }
  return { ms, cpuMs, result };
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function disableProcessGates(root) {
  const file = path.join(root, '.sentinel', 'config.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.gates = { ...(config.gates ?? {}), disabled: DISABLED };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  spawnSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=B', '-c', 'commit.gpgsign=false', 'commit', '-qam', 'bench: no process gates'], {
    cwd: root,
  });
}

function workspaces() {
  const list = [];
  if (!only || only === 'example') {
    const { root, cleanup } = makeExampleCopy('sentinel-bench-loop-');
    disableProcessGates(root);
    list.push({ name: 'example', root, cleanup, edit: '.github/workflows/orders-service.yml', capsule: '.specify/specs/orders-ci/capsule.md' });
  }
  if (!only || only === '1k') {
    const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-bench-loop-1k-')));
    generateUiWorkspace(parent, 1000);
    disableProcessGates(parent);
    // The newest in_progress capsule (index 997, lead builder) is the active one.
    list.push({
      name: '1k capsules',
      root: parent,
      cleanup: () => rmSync(parent, { recursive: true, force: true }),
      edit: 'src/builder/step997.ts',
      capsule: '.specify/specs/capsule-0997/capsule.md',
    });
  }
  return list;
}

function cases(ws) {
  const hookInput = (file) =>
    JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: path.join(ws.root, file) }, cwd: ws.root });
  return {
    'hook pre-edit': { argv: [bin, 'hook', 'pre-edit'], input: hookInput(ws.edit), expect: (r) => r.status === 0 && /inside capsule/.test(String(r.stderr)) },
    'capsule validate': { argv: [bin, 'capsule', 'validate', ws.capsule], expect: (r) => r.status === 0 || r.status === 1 },
    status: { argv: [bin, 'status'], expect: (r) => r.status === 0 },
    'hook stop (unchanged)': {
      argv: [bin, 'hook', 'stop'],
      input: JSON.stringify({ hook_event_name: 'Stop', stop_hook_active: false, cwd: ws.root }),
      expect: (r) => r.status === 0 || r.status === 2,
    },
  };
}

const report = { bench: 'agent-loop', bin, runs, node: process.version, results: [] };
for (const ws of workspaces()) {
  try {
    const all = cases(ws);
    // Warm-up: one run each (the stop hook's first run is the check whose verdict later runs reuse).
    for (const [name, c] of Object.entries(all)) {
      const { result } = timeOnce(c.argv, ws.root, c.input);
      if (!c.expect(result)) throw new Error(`${name} on ${ws.name}: exit ${result.status}\n${result.stdout}\n${result.stderr}`);
    }
    const samples = Object.fromEntries(Object.keys(all).map((k) => [k, { wall: [], cpu: [] }]));
    const floor = { wall: [], cpu: [] };
    for (let i = 0; i < runs; i++) {
      for (const [name, c] of Object.entries(all)) {
        const base = timeOnce(['-e', '0'], ws.root);
        const run = timeOnce(c.argv, ws.root, c.input);
        floor.wall.push(base.ms);
        floor.cpu.push(base.cpuMs);
        samples[name].wall.push(run.ms - base.ms);
        samples[name].cpu.push(run.cpuMs - base.cpuMs);
      }
    }
    for (const [name, { wall, cpu }] of Object.entries(samples)) {
      const over = median(wall);
      const cpuOver = gnuTime ? +median(cpu).toFixed(1) : undefined;
      report.results.push({
        workspace: ws.name,
        command: name,
        overNodeMs: +over.toFixed(1),
        cpuOverNodeMs: cpuOver,
        goalMs: GOALS[name],
        met: over <= GOALS[name],
      });
    }
    report.results.push({
      workspace: ws.name,
      command: 'node -e 0',
      medianMs: +median(floor.wall).toFixed(1),
      cpuMs: gnuTime ? +median(floor.cpu).toFixed(1) : undefined,
    });
  } finally {
    if (!hasFlag('--keep')) ws.cleanup();
    else console.error(`kept ${ws.root}`);
  }
}

if (hasFlag('--json')) console.log(JSON.stringify(report, null, 2));
else {
  console.log(`agent loop: median of ${runs} paired runs, node + X ms wall (and CPU user+sys) (${bin})`);
  for (const r of report.results) {
    const cpu = (v) => (v === undefined ? '' : `  cpu ${v >= 0 ? '+' : ''}${v.toFixed(0).padStart(5)} ms`);
    if (r.command === 'node -e 0') console.log(`  ${r.workspace.padEnd(12)} ${'node -e 0'.padEnd(24)} ${r.medianMs.toFixed(1).padStart(7)} ms${cpu(r.cpuMs)}`);
    else
      console.log(
        `  ${r.workspace.padEnd(12)} ${r.command.padEnd(24)} +${r.overNodeMs.toFixed(1).padStart(6)} ms${cpu(r.cpuOverNodeMs)}  goal +${r.goalMs} ms  ${r.met ? 'ok' : 'OVER'}`,
      );
  }
}
