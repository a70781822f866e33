#!/usr/bin/env node
// Secrets: the labelled corpus figures (recall, false positives; test/corpora/secrets) and the
// speed of `sentinel secrets scan --all` on a generated workspace of real third-party source text
// (copied from node_modules, ~40 MB, untracked files of a git repository) with a few planted keys.
// Fails below recall 97%, above 2% false positives, or under 20 MB/s of CPU time (the wall time
// is printed too; on a machine shared with other work it measures the queue more than the scan).
//
//   node bench/secrets.mjs [--mb 40] [--runs 3]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO, hasFlag, numberOption, sentinelBin } from './lib/cli-args.mjs';

const bin = sentinelBin('secrets');
const targetMb = numberOption('--mb', 40);
const runs = numberOption('--runs', 3);
const json = hasFlag('--json');
let failed = false;

const corpus = JSON.parse(
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO, 'test/corpora/secrets/measure.ts'), '--json'], {
    encoding: 'utf8',
  }),
);
if (corpus.recall < 0.97 || corpus.falsePositiveRate > 0.02 || corpus.leaks.length) failed = true;

// Real source text: TypeScript's lib files and a few packages' sources.
const sources = [];
for (const dir of [
  'node_modules/typescript/lib',
  'node_modules/yaml/dist',
  'node_modules/zod/v4/core',
  'node_modules/ajv/dist/compile',
  'node_modules/commander/lib',
]) {
  const abs = path.join(REPO, dir);
  let names = [];
  try {
    names = readdirSync(abs);
  } catch {
    continue;
  }
  for (const name of names) {
    const file = path.join(abs, name);
    if (!/\.(js|ts|mjs|cjs|json)$/.test(name) || !statSync(file).isFile() || statSync(file).size > 2_000_000) continue;
    sources.push({ name, text: readFileSync(file, 'utf8') });
  }
}
const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-bench-secrets-'));
try {
  execFileSync('git', ['init', '-q'], { cwd: dir });
  mkdirSync(path.join(dir, '.sentinel'));
  writeFileSync(path.join(dir, '.sentinel/config.json'), '{}\n');
  let bytes = 0;
  let files = 0;
  // A synthetic token assembled at run time, so this file holds none.
  const planted = ['gh', 'p_', 'Q7xK2mP9vR4tW8yZ3bN6cL1dF5gH0jSaB3dE'].join('');
  for (let round = 0; bytes < targetMb * 1e6; round++) {
    const folder = path.join(dir, `pkg${round}`);
    mkdirSync(folder);
    for (const s of sources) {
      if (bytes >= targetMb * 1e6) break;
      writeFileSync(path.join(folder, s.name), s.text);
      bytes += Buffer.byteLength(s.text);
      files++;
    }
  }
  writeFileSync(path.join(dir, 'pkg0/leak.env'), `GITHUB_TOKEN=${planted}\n`);
  const times = [];
  const cpus = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    // bash's `time` gives the child's CPU seconds (user + sys): on a machine shared with other
    // work the wall time measures the queue, the CPU time measures the scanner.
    const result = spawnSync('bash', ['-c', `TIMEFORMAT='%3U %3S'; time "$0" "$1" secrets scan --all --json`, process.execPath, bin], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    times.push(performance.now() - start);
    const [user, sys] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
    cpus.push((user + sys) * 1000);
    found = JSON.parse(result.stdout).data.findings.length;
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const wallMs = median(times);
  const cpuMs = median(cpus);
  const mbPerS = bytes / 1e6 / (cpuMs / 1000);
  const wallMbPerS = bytes / 1e6 / (wallMs / 1000);
  if (mbPerS < 20 || found < 1) failed = true;
  const figures = {
    corpus: {
      recall: corpus.recall,
      falsePositiveRate: corpus.falsePositiveRate,
      secrets: corpus.secrets,
      kinds: corpus.kinds,
      lookalikes: corpus.lookalikes,
      leaks: corpus.leaks.length,
    },
    scanAll: {
      files,
      megabytes: +(bytes / 1e6).toFixed(1),
      medianCpuMs: Math.round(cpuMs),
      medianWallMs: Math.round(wallMs),
      mbPerSecond: +mbPerS.toFixed(1),
      wallMbPerSecond: +wallMbPerS.toFixed(1),
      findings: found,
    },
  };
  if (json) console.log(JSON.stringify({ bench: 'secrets', ...figures, ok: !failed }));
  else {
    console.log(
      `secrets corpus: recall ${(corpus.recall * 100).toFixed(1)}% (${corpus.found}/${corpus.secrets} credentials, ${corpus.kinds} kinds), false positives ${(corpus.falsePositiveRate * 100).toFixed(1)}% (${corpus.falseAlarms}/${corpus.lookalikes} look-alikes), findings holding a secret: ${corpus.leaks.length}   [targets ≥ 97%, ≤ 2%, 0]`,
    );
    console.log(
      `secrets scan --all: ${figures.scanAll.megabytes} MB in ${files} files, median of ${runs}: ${figures.scanAll.medianCpuMs} ms CPU → ${figures.scanAll.mbPerSecond} MB/s (start-up included; wall ${figures.scanAll.medianWallMs} ms → ${figures.scanAll.wallMbPerSecond} MB/s), ${found} finding(s)   [target ≥ 20 MB/s]`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
