/**
 * Stamp every hazard file and prove each still parses or means the same (checkers.ts), or was
 * refused with a reason when its format has no comments. `npx tsx measure.ts` prints the figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stampText } from '../../../src/core/provenance/stamp.js';
import { syntaxFor } from '../../../src/core/provenance/syntax.js';
import { checkerFor, checkPythonBatch } from './checkers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIELDS = { producedBy: 'BACKENDER', rulesHash: 'BACKENDER@1a2b3c4d', decision: 'D-0007', capsule: 'orders-api' };

/** Formats with no comment syntax Sentinel may use: these must be refused, with a reason saying where provenance goes instead. */
export const MUST_REFUSE = new Set(['33-mdx-no-frontmatter.mdx', '37-package.json', '38-data.csv', '39-notebook.ipynb', '42-php-inline.php', '46-lockfile.lock', '47-notes.txt', '48-jsonl-log.jsonl']);

export interface StampOutcome {
  file: string;
  status: 'stamped' | 'refused';
  reason?: string;
  problems: string[];
}

export interface StampFigures {
  hazards: number;
  stamped: number;
  refused: number;
  valid: number;
  outcomes: StampOutcome[];
  failures: StampOutcome[];
}

/** True when taking the header line out (and the blank line Go files get after it) gives the original back. */
function onlyHeaderAdded(before: string, after: string, header: string): boolean {
  const at = after.indexOf(header);
  if (at < 0) return false;
  const rest = after.slice(at + header.length);
  const eol = rest.startsWith('\r\n') ? '\r\n' : rest.startsWith('\n') ? '\n' : '';
  const without = after.slice(0, at) + rest.slice(eol.length);
  return without === before || (eol !== '' && without.slice(0, at) + without.slice(at).replace(/^\r?\n/, '') === before);
}

export function measureStamps(): StampFigures {
  const dir = path.join(here, 'hazards');
  const names = readdirSync(dir).sort();
  const outcomes: StampOutcome[] = [];
  const python: { index: number; pair: [string, string] }[] = [];
  for (const name of names) {
    const before = readFileSync(path.join(dir, name), 'utf8');
    const lookup = syntaxFor(name);
    const result = lookup.ok ? stampText(before, lookup.syntax, FIELDS) : { ok: false as const, reason: lookup.reason };
    if (!result.ok) {
      const problems = MUST_REFUSE.has(name) ? [] : [`refused: ${result.reason}`];
      if (MUST_REFUSE.has(name) && !/ledger|Outputs|sidecar/.test(result.reason)) problems.push(`the refusal does not say where provenance goes instead: ${result.reason}`);
      outcomes.push({ file: name, status: 'refused', reason: result.reason, problems });
      continue;
    }
    const after = result.text;
    const problems: string[] = MUST_REFUSE.has(name) ? ['stamped a file that has no safe place for a header'] : [];
    if (!onlyHeaderAdded(before, after, result.header)) problems.push('other bytes changed besides the header line');
    if (before.startsWith('\uFEFF') !== after.startsWith('\uFEFF')) problems.push('BOM lost or added');
    if (/\r\n/.test(before) && /(?<!\r)\n/.test(after)) problems.push('CRLF file got a bare LF');
    problems.push(...checkerFor(name)(before, after, name));
    if (name.endsWith('.py')) python.push({ index: outcomes.length, pair: [before, after] });
    outcomes.push({ file: name, status: 'stamped', problems });
  }
  checkPythonBatch(python.map((p) => p.pair)).forEach((problems, i) => outcomes[python[i]!.index]!.problems.push(...problems));
  const failures = outcomes.filter((o) => o.problems.length > 0);
  return { hazards: names.length, stamped: outcomes.filter((o) => o.status === 'stamped').length, refused: outcomes.filter((o) => o.status === 'refused').length, valid: names.length - failures.length, outcomes, failures };
}

if (process.argv[1] && /stamps[\\/]measure\.ts$/.test(process.argv[1])) {
  const f = measureStamps();
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ...f, outcomes: undefined }));
  else {
    console.log(`stamps corpus: ${f.hazards} hazard files; ${f.valid}/${f.hazards} still valid (${f.stamped} stamped, ${f.refused} refused with a reason)`);
    for (const o of f.failures) console.log(`  ${o.file}: ${o.problems.join('; ')}`);
  }
}
