#!/usr/bin/env node
// Tamper: recall and false positives of the syntax-level tamper checks on the labelled corpus
// (test/corpora/tamper: sentinel tests at base and now, JS/TS, pytest and Go).
//
//   node bench/tamper.mjs [--json]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO, hasFlag } from './lib/cli-args.mjs';
import { pct } from '../test/corpora/load.mjs';

const f = JSON.parse(
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO, 'test/corpora/tamper/measure.ts'), '--json'], {
    encoding: 'utf8',
  }),
);
const ok = f.caught === f.weakened && f.flagged === 0;
if (hasFlag('--json'))
  console.log(
    JSON.stringify({ bench: 'tamper', weakened: f.weakened, caught: f.caught, legitimate: f.legitimate, flagged: f.flagged, msPerCase: f.msPerCase, ok }),
  );
else {
  console.log(
    `tamper corpus: ${f.caught}/${f.weakened} weakenings caught (${pct(f.caught, f.weakened)}), ${f.flagged}/${f.legitimate} legitimate edits flagged (${pct(f.flagged, f.legitimate)}), ${f.msPerCase.toFixed(1)} ms per file pair   [target: 100% caught, 0% flagged]`,
  );
  for (const m of f.misses) console.log(`  ${m.name}: expected ${m.expected ?? 'nothing'}, got ${m.codes.join(', ') || 'nothing'}`);
}
process.exitCode = ok ? 0 : 1;
