// Tamper detection measured on the labelled corpus: each case is a sentinel test at base and now,
// labelled weakened (with the code that must be reported) or a legitimate edit that must pass.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TAMPER_CODES } from '../../../src/core/gates/tamper.js';
import { detectTamper } from '../../../src/core/tamper/detect.js';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const PATHS = { sentinelsDir: '.sentinel/tests/sentinels', fixturesDir: '.sentinel/contracts/fixtures' };

interface Label {
  file: string;
  weakened: boolean;
  code?: string;
  /** Files beside the test its helpers live in (sentinels-relative): `<side>.<file>.txt`, absent on a side where the file is not. */
  neighbours?: string[];
}

export interface TamperOutcome {
  name: string;
  weakened: boolean;
  expected?: string;
  codes: string[];
  ok: boolean;
}

export interface TamperFigures {
  weakened: number;
  caught: number;
  legitimate: number;
  flagged: number;
  outcomes: TamperOutcome[];
  misses: TamperOutcome[];
  /** Mean ms to analyse one case (base and now). */
  msPerCase: number;
}

export function measureTamper(): TamperFigures {
  const labels = JSON.parse(readFileSync(path.join(DIR, 'labels.json'), 'utf8')).cases as Record<string, Label>;
  const outcomes: TamperOutcome[] = [];
  const started = performance.now();
  for (const [name, label] of Object.entries(labels)) {
    const read = (which: string) => readFileSync(path.join(DIR, 'cases', name, `${which}.txt`), 'utf8');
    const file = `${PATHS.sentinelsDir}/${label.file}`;
    const side = (which: string) =>
      new Map(
        (label.neighbours ?? []).flatMap((n) => {
          // `../lib/checks.mjs`: a helper outside the sentinels folder, held as `<side>.checks.mjs.txt`.
          const at = path.join(DIR, 'cases', name, `${which}.${path.posix.basename(n)}.txt`);
          return existsSync(at) ? [[path.posix.normalize(`${PATHS.sentinelsDir}/${n}`), readFileSync(at, 'utf8')] as const] : [];
        }),
      );
    const neighbours = label.neighbours ? { neighbours: { before: side('base'), after: side('now') } } : {};
    const findings = detectTamper({ path: file, status: 'modified', before: read('base'), after: read('now'), ...neighbours }, PATHS);
    const codes = [...new Set(findings.map((f) => TAMPER_CODES[f.kind]))];
    const ok = label.weakened ? codes.includes(label.code!) : codes.length === 0;
    outcomes.push({ name, weakened: label.weakened, ...(label.code ? { expected: label.code } : {}), codes, ok });
  }
  const msPerCase = (performance.now() - started) / outcomes.length;
  const weakened = outcomes.filter((o) => o.weakened);
  const legitimate = outcomes.filter((o) => !o.weakened);
  return {
    weakened: weakened.length,
    caught: weakened.filter((o) => o.ok).length,
    legitimate: legitimate.length,
    flagged: legitimate.filter((o) => !o.ok).length,
    outcomes,
    misses: outcomes.filter((o) => !o.ok),
    msPerCase,
  };
}

if (process.argv[1] && /tamper[\\/]measure\.ts$/.test(process.argv[1])) {
  const f = measureTamper();
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ...f, outcomes: undefined }));
  else {
    console.log(`tamper corpus: ${f.caught}/${f.weakened} weakenings caught, ${f.flagged}/${f.legitimate} legitimate edits flagged`);
    for (const m of f.misses) console.log(`  ${m.name}: expected ${m.expected ?? 'nothing'}, got ${m.codes.join(', ') || 'nothing'}`);
  }
}
