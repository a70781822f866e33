#!/usr/bin/env node
// Stamps: stamp every hazard file of test/corpora/stamps and prove each still parses or means the
// same (a checker per file), or was refused with a reason where the format has no comments.
//
//   node bench/stamps.mjs [--json]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO, hasFlag } from './lib/cli-args.mjs';

const f = JSON.parse(
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO, 'test/corpora/stamps/measure.ts'), '--json'], {
    encoding: 'utf8',
  }),
);
const ok = f.failures.length === 0 && f.hazards >= 40;
if (hasFlag('--json')) console.log(JSON.stringify({ bench: 'stamps', hazards: f.hazards, valid: f.valid, stamped: f.stamped, refused: f.refused, ok }));
else {
  console.log(
    `stamps corpus: ${f.valid}/${f.hazards} hazard files still valid after stamp (${f.stamped} stamped, ${f.refused} refused with a reason)   [target: all]`,
  );
  for (const o of f.failures) console.log(`  ${o.file}: ${o.problems.join('; ')}`);
}
process.exitCode = ok ? 0 : 1;
