// Shared by the benchmarks: their flags and which build of sentinel they time.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);

/** `--name value`, else the fallback. */
export function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

/** A positive number flag, else the fallback. */
export function numberOption(name, fallback) {
  const value = Number(option(name, undefined));
  return value > 0 ? value : fallback;
}

export const hasFlag = (name) => args.includes(name);

/** The binary to time: --bin, else $SENTINEL_BIN, else dist/sentinel.mjs; exit 2 when missing. */
export function sentinelBin(benchName) {
  const bin = path.resolve(option('--bin', process.env.SENTINEL_BIN ?? path.join(REPO, 'dist', 'sentinel.mjs')));
  if (!existsSync(bin)) {
    console.error(`bench/${benchName}: ${bin} does not exist; run \`npm run build\` first`);
    process.exit(2);
  }
  return bin;
}
