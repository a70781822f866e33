import { configError } from '../errors.js';
import { normalizeText } from '../workspace/fs.js';
import { decisionNumber, formatDecisionId } from './ids.js';
import { parseLedger } from './parse.js';
import { suggestedNextId } from './validate.js';
import { LEDGER_FIELDS, type LedgerEntry } from './types.js';

/** What `sentinel decide` supplies: an entry without its id (taken from NEXT_ID) and one supersedes. */
export type NewEntry = Pick<LedgerEntry, 'date' | 'author' | 'scope' | 'decision' | 'rationale' | 'outputs' | 'capsule'> & {
  supersedes?: string;
};

/** A fresh ledger: title, a short note for humans, NEXT_ID, and the Entries heading. */
export const LEDGER_TEMPLATE = [
  '# Decision Ledger',
  '',
  'Append-only record of decisions. Write entries with `sentinel decide`; never renumber or edit a',
  'past decision: record a new one that supersedes it.',
  '',
  '## NEXT_ID',
  'D-0001',
  '',
  '## Entries',
  '',
].join('\n');

/** Values are one line each: newlines and runs of whitespace collapse to one space. */
export const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();

function renderEntry(id: string, entry: NewEntry): string[] {
  const scope = entry.capsule ? `${oneLine(entry.scope)} (capsule ${entry.capsule})` : oneLine(entry.scope);
  const values: Record<(typeof LEDGER_FIELDS)[number], string> = {
    ID: id,
    Date: entry.date,
    Author: oneLine(entry.author),
    Scope: scope,
    Decision: oneLine(entry.decision),
    Rationale: oneLine(entry.rationale),
    Outputs: entry.outputs.length ? entry.outputs.join(', ') : '-',
    Supersedes: entry.supersedes ?? '-',
  };
  return LEDGER_FIELDS.map((field) => `${field}: ${values[field]}`);
}

interface AppendResult {
  id: string;
  nextId: string;
  text: string;
  entryLines: string[];
  /** 1-based line of the new entry's ID: line. */
  line: number;
  /** Set when NEXT_ID was behind the highest id and was moved forward. */
  repairedNextId?: string;
}

/**
 * Append an entry to the ledger text (or to a fresh ledger): the id comes from NEXT_ID, which is
 * bumped in place. If NEXT_ID lags behind an existing id it is moved past it rather than reused.
 * Keeps the file's BOM and line endings. Throws a config error when NEXT_ID is missing or unreadable.
 */
export function appendEntry(existing: string | undefined, file: string, entry: NewEntry): AppendResult {
  const source = existing ?? LEDGER_TEMPLATE;
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  const eol = /\r\n/.test(source) ? '\r\n' : '\n';
  const lines = normalizeText(source).split('\n');
  const ledger = parseLedger(source, file);
  if (ledger.nextIdRaw === undefined || ledger.nextIdLine === undefined) {
    throw configError('LEDGER_NEXT_ID_MISSING', 'The ledger has no "## NEXT_ID" section, so the next id is unknown', {
      path: file,
      line: ledger.nextIdHeadingLine ?? 1,
      fix: `Add a "## NEXT_ID" section whose first line is ${suggestedNextId(ledger)}`,
    });
  }
  if (ledger.nextId === undefined) {
    throw configError('LEDGER_NEXT_ID_INVALID', `NEXT_ID "${ledger.nextIdRaw}" is not a decision id`, {
      path: file,
      line: ledger.nextIdLine,
      fix: `Write ${suggestedNextId(ledger)} under "## NEXT_ID"`,
    });
  }
  const fromNext = decisionNumber(ledger.nextId)!;
  const fromEntries = decisionNumber(suggestedNextId(ledger))!;
  const number = Math.max(fromNext, fromEntries);
  const id = formatDecisionId(number);
  const nextId = formatDecisionId(number + 1);
  const idx = ledger.nextIdLine - 1;
  lines[idx] = lines[idx]!.replace(ledger.nextIdRaw, nextId);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const entryLines = renderEntry(id, entry);
  lines.push('', ...entryLines, '');
  const result: AppendResult = { id, nextId, text: bom + lines.join(eol), entryLines, line: lines.length - entryLines.length };
  if (fromEntries > fromNext) result.repairedNextId = ledger.nextId;
  return result;
}
