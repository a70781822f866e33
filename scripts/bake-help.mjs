#!/usr/bin/env node
// Renders `sentinel --help` with commander once, at build time, into dist/help.txt, so the
// entry point can print it without loading commander (see src/cli/main.ts).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', process.env.SENTINEL_OUT_DIR ?? 'dist');
const target = path.join(outDir, 'help.txt');
rmSync(target, { force: true });
const result = spawnSync(process.execPath, [path.join(outDir, 'sentinel.mjs'), '--help'], {
  encoding: 'utf8',
  env: { ...process.env, SENTINEL_NO_BAKED_HELP: '1', NO_COLOR: '1', COLUMNS: '100' },
});
if (result.status !== 0 || !result.stdout.startsWith('Usage: sentinel')) {
  console.error(`bake-help: sentinel --help failed (exit ${result.status}): ${result.stderr}`);
  process.exit(1);
}
writeFileSync(target, result.stdout);
