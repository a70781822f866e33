#!/usr/bin/env node
// MCP server costs: start-to-initialize time, warm latency per read-only tool over one stdio
// connection, and the size of the tools/list answer in tokens (budget 2,500, issue 6).
// Usage: node bench/mcp.mjs [--runs N] [--starts N] [--bin path/to/sentinel.mjs] [--root DIR] [--tools a,b] [--json]
// --root: an existing workspace (e.g. one bench/lib/check-workspace.mjs generated) instead of a fresh
// `init` one; --tools: only these tools. Besides wall p50/p99, each tool's server CPU per call (user +
// sys of the server process, both threads, from /proc): on a shared machine the steadier figure.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { encode } from 'gpt-tokenizer';
import { hasFlag, option, sentinelBin } from './lib/cli-args.mjs';

const TOKEN_BUDGET = 2_500;
const runs = Number(option('--runs', process.env.BENCH_RUNS ?? '30'));
const starts = Number(option('--starts', '5'));
const bin = sentinelBin('mcp');

const given = option('--root', undefined);
const only = option('--tools', undefined)?.split(',');
// A fresh workspace from `sentinel init`, committed, with its sample capsule routed.
const root = given ? path.resolve(given) : mkdtempSync(path.join(tmpdir(), 'sentinel-bench-mcp-'));
if (!given) {
  const git = (...a) => execFileSync('git', a, { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.com');
  git('config', 'user.name', 'bench');
  const sentinel = (...a) => spawnSync(process.execPath, [bin, ...a], { cwd: root, stdio: 'ignore' });
  sentinel('init');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  sentinel('route', 'example');
}
/** CPU time (user + sys, ms) of a process so far, Linux only; undefined elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (ms) => Math.round(ms * 10) / 10;

async function connect() {
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', '--root', root], stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1' });
  const t = performance.now();
  await client.connect(transport);
  return { client, transport, ms: performance.now() - t };
}

const startTimes = [];
for (let i = 0; i < starts; i++) {
  const { client, ms } = await connect();
  startTimes.push(ms);
  await client.close();
}

const { client, transport } = await connect();
const listed = await client.listTools();
const tokens = encode(JSON.stringify(listed)).length;
const calls = [
  ['sentinel_status', {}],
  ['sentinel_capsule_validate', {}],
  ['sentinel_route', { capsule: 'example', mode: 'explain' }],
  ['sentinel_prompt', { capsule: 'example' }],
  ['sentinel_scope', {}],
  ['sentinel_context_lint', {}],
  ['sentinel_contract_validate', {}],
  ['sentinel_decision_log', { action: 'list' }],
  ['sentinel_provenance', { action: 'check' }],
  ['sentinel_runbook', { action: 'check' }],
  ['sentinel_logs_check', {}],
  ['sentinel_check', { gates: ['capsules', 'ledger'] }],
];
const latency = [];
for (const [name, toolArgs] of calls.filter(([name]) => !only || only.includes(name))) {
  await client.callTool({ name, arguments: toolArgs }); // warm-up: first call loads the modules
  const times = [];
  const cpuBefore = cpuMs(transport.pid);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const result = await client.callTool({ name, arguments: toolArgs });
    times.push(performance.now() - t);
    if (result.isError) throw new Error(`${name}: ${result.content[0]?.text}`);
  }
  const cpuAfter = cpuMs(transport.pid);
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : round((cpuAfter - cpuBefore) / runs);
  latency.push({ tool: name, p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), ...(cpu === undefined ? {} : { cpuPerCall: cpu }) });
}
await client.close();
if (!given) rmSync(root, { recursive: true, force: true });

const report = {
  startToInitializeMs: { p50: round(percentile(startTimes, 50)), max: round(Math.max(...startTimes)), runs: starts },
  toolsListTokens: tokens,
  toolsListBudget: TOKEN_BUDGET,
  tools: listed.tools.length,
  warmLatencyMs: latency,
  runsPerTool: runs,
};
if (hasFlag('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`start → initialize: p50 ${report.startToInitializeMs.p50} ms, max ${report.startToInitializeMs.max} ms (${starts} starts)`);
  console.log(`tools/list: ${listed.tools.length} tools, ${tokens} tokens (budget ${TOKEN_BUDGET})`);
  console.log(`warm latency over one connection, ${runs} calls each:`);
  const width = Math.max(...latency.map((l) => l.tool.length));
  for (const l of latency)
    console.log(
      `  ${l.tool.padEnd(width)}  p50 ${String(l.p50).padStart(7)} ms  p99 ${String(l.p99).padStart(7)} ms${l.cpuPerCall === undefined ? '' : `  server CPU ${String(l.cpuPerCall).padStart(6)} ms/call`}`,
    );
}
if (tokens >= TOKEN_BUDGET) process.exitCode = 1;
