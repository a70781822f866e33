#!/usr/bin/env node
// Benchmark `sentinel check` on a generated workspace: 1,000 capsules, 2,000 contract fixtures and
// 20,000 source files in one git commit. Prints the median wall time per gate and in total.
//
//   node bench/check.mjs [--runs 3] [--keep] [--workspace <dir>]
//   SENTINEL_BIN=dist-x/sentinel.mjs node bench/check.mjs
//
// --workspace generates into <dir> once and reuses it on later runs (it is never deleted).
//
// The sentinels, commands and mcp gates start external processes, so they are skipped here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasFlag, numberOption, option, sentinelBin } from './lib/cli-args.mjs';

const bin = sentinelBin('check');
const runs = numberOption('--runs', 3);
const workspaceArg = option('--workspace', undefined);
const keep = hasFlag('--keep') || workspaceArg !== undefined;
const CAPSULES = 1_000;
const CONTRACTS = 20;
const FIXTURES_PER_CONTRACT = 100;
const SOURCE_FILES = 20_000;
const SKIPPED_GATES = 'sentinels,commands,mcp';

/** Small deterministic PRNG (mulberry32), so every run generates the same workspace. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20_240_601);
const pick = (list) => list[Math.floor(random() * list.length)];
const hex8 = () => Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');

function write(root, rel, content) {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const MODULES = 200;
const sourcePath = (i) => `src/mod${String(i % MODULES).padStart(3, '0')}/file${String(i).padStart(5, '0')}.ts`;

function capsule(i) {
  const slug = `capsule-${String(i).padStart(4, '0')}`;
  const outputs = [sourcePath(i * 7), sourcePath(i * 7 + 1)];
  const context = [sourcePath(i * 13 + 2), `src/mod${String(i % MODULES).padStart(3, '0')}/**`];
  return [
    `<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 Decision=D-0001 Capsule=${slug} -->`,
    `# Capsule ${slug}@${hex8()}`,
    '',
    '## Goal',
    `Implement ${pick(['orders', 'billing', 'users', 'inventory'])} step ${i}. It must be verifiable.`,
    '',
    '## Required Outputs',
    ...outputs.map((o) => `- \`${o}\``),
    '',
    '## Acceptance Criteria',
    `- \`npm test -- ${slug}\` passes`,
    '- `sentinel contracts validate` passes',
    '',
    '## Allowed Context',
    ...context.map((c) => `- \`${c}\``),
    '',
    '## Router Notes',
    `- Lead: ${pick(['backender', 'builder', 'verifier'])}`,
    '',
  ].join('\n');
}

function contract(c) {
  const domain = `domain${String(c).padStart(2, '0')}`;
  return {
    file: `.sentinel/contracts/${domain}.v1.json`,
    id: `${domain}.v1`,
    body: JSON.stringify(
      {
        contract: `${domain}.v1`,
        schema: {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          type: 'object',
          required: ['id', 'email', 'total', 'createdAt'],
          additionalProperties: false,
          properties: {
            id: { type: 'string', format: 'uuid' },
            email: { type: 'string', format: 'email' },
            total: { type: 'number', minimum: 0 },
            createdAt: { type: 'string', format: 'date-time' },
            items: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } },
          },
        },
      },
      null,
      2,
    ),
  };
}

function uuid() {
  const h = () => hex8();
  const s = `${h()}${h()}${h()}${h()}`;
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

function fixture(n, bad) {
  const good = { id: uuid(), email: `user${n}@example.com`, total: Math.round(random() * 10_000) / 100, createdAt: '2024-05-01T10:00:00Z', items: [{ sku: `SKU-${n}` }] };
  if (!bad) return JSON.stringify(good, null, 2);
  return JSON.stringify(pick([{ ...good, email: 'not-an-email' }, { ...good, total: -1 }, { ...good, id: 'x' }]), null, 2);
}

function source(i) {
  const lines = [`// ProducedBy=BUILDER RulesHash=BUILDER@1.0 Decision=D-0001`, `export function f${i}(input: number): number {`];
  const body = 10 + Math.floor(random() * 40);
  for (let l = 0; l < body; l++) lines.push(`  input = (input * ${l + 3}) % ${1000 + i};`);
  lines.push('  return input;', '}', '');
  return lines.join('\n');
}

function generate(root) {
  write(root, '.sentinel/config.json', JSON.stringify({ version: 1 }, null, 2));
  write(root, '.sentinel/DECISIONS.md', '# Decisions\n\n## NEXT_ID\nD-0002\n\nID: D-0001\nDate: 2024-05-01\nAuthor: BENCH\nScope: bench\nDecision: Generated workspace\nRationale: Benchmark\nOutputs: src/**\nSupersedes: none\n');
  write(root, '.sentinel/context/limits/context-limits.json', JSON.stringify({ defaultMaxLines: 300, warningThreshold: 0.8, forbiddenPaths: ['.env'], artifacts: [{ name: 'source', globs: ['src/**/*.ts'], maxLines: 400 }, { name: 'capsules', globs: ['.specify/specs/*/capsule.md'], maxLines: 300 }] }, null, 2));
  write(root, 'ops/backend/runbook.md', ['# Backend runbook', '', '## Startup', '`npm start`', '', '## Environment variables', '| name | purpose |', '| --- | --- |', '| PORT | listen port |', '', '## Migrations', 'Forward-only, `npm run migrate`.', '', '## Common queries', '`SELECT 1`', '', '## Risks', 'None known.', ''].join('\n'));
  for (let i = 0; i < CAPSULES; i++) write(root, `.specify/specs/${String(i).padStart(4, '0')}-capsule/capsule.md`, capsule(i));
  for (let c = 0; c < CONTRACTS; c++) {
    const k = contract(c);
    write(root, k.file, k.body);
    for (let n = 0; n < FIXTURES_PER_CONTRACT; n++) {
      const bad = n % 5 === 4;
      write(root, `.sentinel/contracts/fixtures/${k.id}/${bad ? 'bad' : 'good'}/f${String(n).padStart(3, '0')}.json`, fixture(c * 1000 + n, bad));
    }
  }
  for (let i = 0; i < SOURCE_FILES; i++) write(root, sourcePath(i), source(i));
  const git = (...a) => execFileSync('git', a, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.com');
  git('config', 'user.name', 'Sentinel Bench');
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'generated workspace');
}

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
    generate(root);
    console.log(`generated ${CAPSULES} capsules, ${CONTRACTS * FIXTURES_PER_CONTRACT} fixtures, ${SOURCE_FILES} source files in ${Math.round(performance.now() - started)}ms (${root})`);
  }
  const perGate = new Map();
  const statuses = new Map();
  const walls = [];
  for (let run = 1; run <= runs; run++) {
    started = performance.now();
    const child = spawnSync(process.execPath, [bin, '--json', 'check', '--skip', SKIPPED_GATES], { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
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
