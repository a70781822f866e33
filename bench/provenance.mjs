#!/usr/bin/env node
// Benchmark `sentinel provenance check --all` on a generated repository of 20,000 source files,
// half of them stamped, with a ledger of 200 decisions. Prints the median wall time.
//
//   node bench/provenance.mjs [--files 20000] [--runs 3]
//   SENTINEL_BIN=dist-x/sentinel.mjs node bench/provenance.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { numberOption, sentinelBin } from './lib/cli-args.mjs';

const bin = sentinelBin('provenance');
const FILES = numberOption('--files', 20_000);
const runs = numberOption('--runs', 3);
const DECISIONS = 200;

const KINDS = [
  ['ts', '//', '', 'export const value = 1;\n'],
  ['py', '#', '', 'VALUE = 1\n'],
  ['go', '//', '', 'package pkg\n'],
  ['sql', '--', '', 'SELECT 1;\n'],
  ['css', '/*', ' */', 'body { margin: 0; }\n'],
];

const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-bench-prov-'));
try {
  const entries = [];
  for (let d = 1; d <= DECISIONS; d++) {
    const id = `D-${String(d).padStart(4, '0')}`;
    entries.push(
      [
        `ID: ${id}`,
        'Date: 2025-01-01',
        'Author: backender',
        `Scope: area ${d}`,
        `Decision: decision ${d}`,
        'Rationale: bench',
        'Outputs: -',
        'Supersedes: -',
      ].join('\n'),
    );
  }
  mkdirSync(path.join(dir, '.sentinel'), { recursive: true });
  writeFileSync(
    path.join(dir, '.sentinel/DECISIONS.md'),
    `# Ledger\n\n## NEXT_ID\nD-${String(DECISIONS + 1).padStart(4, '0')}\n\n## Entries\n\n${entries.join('\n\n')}\n`,
  );
  for (let i = 0; i < FILES; i++) {
    const [ext, open, close, body] = KINDS[i % KINDS.length];
    const folder = path.join(dir, 'src', `m${Math.floor(i / 200)}`);
    if (i % 200 === 0) mkdirSync(folder, { recursive: true });
    const decision = `D-${String((i % DECISIONS) + 1).padStart(4, '0')}`;
    const header = i % 2 === 0 ? `${open} ProducedBy=BACKENDER RulesHash=BACKENDER@unversioned Decision=${decision}${close}\n` : '';
    writeFileSync(path.join(folder, `f${i}.${ext}`), header + body);
  }
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=bench', 'commit', '-q', '-m', 'bench'], { cwd: dir });

  const times = [];
  let summary = '';
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const res = spawnSync(process.execPath, [bin, 'provenance', 'check', '--all', '--json'], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    times.push(performance.now() - started);
    const body = JSON.parse(res.stdout);
    summary = `${body.summary} (exit ${res.status}; ${body.diagnostics.length} diagnostics)`;
  }
  times.sort((a, b) => a - b);
  console.log(`sentinel provenance check --all (${bin})`);
  console.log(
    `  ${FILES} files, half stamped: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${runs} run(s), best ${times[0].toFixed(0)} ms`,
  );
  console.log(`  ${summary}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
