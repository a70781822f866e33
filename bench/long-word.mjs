#!/usr/bin/env node
// One long word (issue 11 item 11): token counting on a run without separators, through the CLI
// (`prompt --pack`, `context lint` with maxTokens) and through MCP, with `ping` round trips timed
// while the tool call runs. Budgets: each command linear (under 10 s at 1 MB here), ping under 100 ms.
// Usage: node bench/long-word.mjs [--bytes N] [--bin path/to/sentinel.mjs] [--json]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { hasFlag, numberOption, sentinelBin } from './lib/cli-args.mjs';

const bytes = numberOption('--bytes', 1_000_000);
const bin = sentinelBin('long-word');
const COMMAND_BUDGET_MS = 10_000;
const PING_BUDGET_MS = 100;

const root = mkdtempSync(path.join(tmpdir(), 'sentinel-bench-long-word-'));
const git = (...a) => execFileSync('git', a, { cwd: root, stdio: 'ignore' });
const sentinel = (...a) => {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, ...a], { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return { ms: performance.now() - t, code: r.status, stderr: r.stderr };
};
git('init', '-q', '-b', 'main');
git('config', 'user.email', 'bench@example.com');
git('config', 'user.name', 'bench');
sentinel('init');
mkdirSync(path.join(root, 'big'), { recursive: true });
writeFileSync(path.join(root, 'big', 'word.txt'), `${'x'.repeat(bytes)}\n`);
const limitsFile = path.join(root, '.sentinel/context/limits/context-limits.json');
const limits = JSON.parse(readFileSync(limitsFile, 'utf8'));
limits.artifacts.push({ name: 'big', globs: ['big/**'], maxTokens: 10 * bytes });
writeFileSync(limitsFile, JSON.stringify(limits, null, 2));
sentinel(
  'capsule',
  'new',
  'long-word',
  '--goal',
  'Read the long word.',
  '--output',
  'NOTES.md',
  '--accept',
  '`NOTES.md` exists',
  '--context',
  'big/word.txt',
  '--lead',
  'scribe',
);
git('add', '-A');
git('commit', '-q', '-m', 'init');
sentinel('route', 'long-word');

const results = [];
const budget = 4 * bytes; // every token fits: the whole word is counted and packed
const pack = sentinel('prompt', 'long-word', '--pack', '--budget', String(budget), '--json');
results.push({
  name: `prompt --pack (${bytes} B word)`,
  ms: Math.round(pack.ms),
  budgetMs: COMMAND_BUDGET_MS,
  ok: pack.code === 0 && pack.ms < COMMAND_BUDGET_MS,
  detail: pack.code === 0 ? '' : pack.stderr.slice(0, 200),
});
const lint = sentinel('context', 'lint', '--json');
results.push({
  name: `context lint (${bytes} B word, maxTokens)`,
  ms: Math.round(lint.ms),
  budgetMs: COMMAND_BUDGET_MS,
  ok: lint.code !== 2 && lint.ms < COMMAND_BUDGET_MS,
  detail: lint.code === 2 ? lint.stderr.slice(0, 200) : '',
});

// MCP: ping every 10 ms while sentinel_prompt packs the word.
const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', '--root', root], stderr: 'ignore' });
const client = new Client({ name: 'bench', version: '1' });
await client.connect(transport);
await client.ping();
let done = false;
const t0 = performance.now();
const call = client
  .callTool({ name: 'sentinel_prompt', arguments: { capsule: 'long-word', pack: true, budget } }, undefined, { timeout: 600_000 })
  .finally(() => (done = true));
// Only pings answered before the tool's answer count: one still in flight when the multi-MB answer
// arrives waits behind it in the pipe and in this client's own parsing, which is not the server's loop.
const pings = [];
while (!done) {
  const t = performance.now();
  await client.ping();
  if (!done) pings.push(performance.now() - t);
  await new Promise((r) => setTimeout(r, 10));
}
const answer = await call;
const toolMs = performance.now() - t0;
await client.close();
const worst = Math.max(0, ...pings);
const median = [...pings].sort((a, b) => a - b)[Math.floor(pings.length / 2)] ?? 0;
results.push({
  name: 'mcp sentinel_prompt pack',
  ms: Math.round(toolMs),
  budgetMs: COMMAND_BUDGET_MS,
  ok: !answer.isError && toolMs < COMMAND_BUDGET_MS,
  detail: answer.isError ? JSON.stringify(answer.content).slice(0, 200) : '',
});
results.push({
  name: `mcp ping during the call (${pings.length} pings, p50 ${Math.round(median)} ms, worst)`,
  ms: Math.round(worst),
  budgetMs: PING_BUDGET_MS,
  ok: worst < PING_BUDGET_MS,
  detail: '',
});
rmSync(root, { recursive: true, force: true });

if (hasFlag('--json')) console.log(JSON.stringify({ bytes, results }, null, 2));
else for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.ms} ms (budget ${r.budgetMs} ms)${r.detail ? ` — ${r.detail}` : ''}`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
