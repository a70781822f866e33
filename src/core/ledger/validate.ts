import { error, warning, type Diagnostic } from '../diagnostics.js';
import { compareDecisionIds, decisionNumber, formatDecisionId } from './ids.js';
import type { Ledger, LedgerEntry } from './types.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A real calendar date `YYYY-MM-DD`, optionally with an ISO time. */
export function isValidLedgerDate(value: string): boolean {
  const match = DATE.exec(value.trim());
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return match[4] === undefined || (Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6] ?? 0) < 60);
}

/** The id one past the highest well-formed id (D-0001 for an empty ledger). */
export function suggestedNextId(ledger: Ledger): string {
  const max = Math.max(0, ...ledger.entries.map((e) => decisionNumber(e.id) ?? 0));
  return formatDecisionId(max + 1);
}

function checkNextId(ledger: Ledger, out: Diagnostic[]): void {
  const { file } = ledger;
  const suggested = suggestedNextId(ledger);
  if (ledger.nextIdRaw === undefined) {
    out.push(
      error('LEDGER_NEXT_ID_MISSING', 'The ledger has no "## NEXT_ID" section holding the next decision id', {
        path: file,
        line: ledger.nextIdHeadingLine ?? 1,
        fix: `Add a "## NEXT_ID" section whose first line is ${suggested}`,
      }),
    );
  } else if (ledger.nextId === undefined) {
    out.push(
      error('LEDGER_NEXT_ID_INVALID', `NEXT_ID "${ledger.nextIdRaw}" is not a decision id (D- and at least four digits)`, {
        path: file,
        ...(ledger.nextIdLine !== undefined ? { line: ledger.nextIdLine } : {}),
        fix: `Write ${suggested} under "## NEXT_ID"`,
      }),
    );
  }
}

function checkEntryFields(entry: LedgerEntry, file: string, out: Diagnostic[]): void {
  const at = (field: keyof LedgerEntry['fieldLines']) => entry.fieldLines[field] ?? entry.line;
  if (entry.raw.ID !== undefined && decisionNumber(entry.id) === undefined) {
    out.push(
      error('LEDGER_ID_INVALID', `"${entry.id}" is not a decision id (D- and at least four digits)`, {
        path: file,
        line: at('ID'),
        fix: 'Use the id NEXT_ID held when the entry was written, e.g. D-0007',
      }),
    );
  }
  if (entry.raw.Date !== undefined && !isValidLedgerDate(entry.date)) {
    out.push(
      error('LEDGER_DATE_INVALID', `Date "${entry.date}" is not a real date (YYYY-MM-DD, optionally with an ISO time)`, {
        path: file,
        line: at('Date'),
        fix: 'Write the date as YYYY-MM-DD',
      }),
    );
  }
  if (entry.raw.Decision !== undefined && entry.decision === '') {
    out.push(
      error('LEDGER_DECISION_EMPTY', `Entry ${entry.id || '(no id)'} has an empty Decision`, {
        path: file,
        line: at('Decision'),
        fix: 'State what was decided in one line',
      }),
    );
  }
  if (entry.raw.Author !== undefined && entry.author === '') {
    out.push(
      error('LEDGER_AUTHOR_EMPTY', `Entry ${entry.id || '(no id)'} has an empty Author`, {
        path: file,
        line: at('Author'),
        fix: 'Name the agent or person who decided',
      }),
    );
  }
  if (entry.raw.Rationale !== undefined && entry.rationale === '') {
    out.push(
      warning('LEDGER_RATIONALE_EMPTY', `Entry ${entry.id || '(no id)'} gives no Rationale`, {
        path: file,
        line: at('Rationale'),
        fix: 'Say why, in one line',
      }),
    );
  }
  for (const target of entry.supersedes) {
    if (decisionNumber(target) === undefined) {
      out.push(
        error('LEDGER_SUPERSEDES_INVALID', `Supersedes "${target}" is not a decision id`, {
          path: file,
          line: at('Supersedes'),
          fix: 'Name an earlier decision id (D-0003), several separated by commas, or "-"',
        }),
      );
    }
  }
}

/** Report each supersedes cycle once, on its lowest id, as `D-0002 → D-0003 → D-0002`. */
function checkCycles(byNumber: Map<number, LedgerEntry>, file: string, out: Diagnostic[]): void {
  const state = new Map<number, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (n: number, trail: number[]): void => {
    state.set(n, 'visiting');
    for (const target of byNumber.get(n)!.supersedes) {
      const t = decisionNumber(target);
      if (t === undefined || !byNumber.has(t)) continue;
      if (state.get(t) === 'visiting') {
        const cycle = t === n ? [n] : [...trail.slice(trail.indexOf(t)), n];
        const key = [...cycle].sort((a, b) => a - b).join(',');
        if (reported.has(key)) continue;
        reported.add(key);
        const start = Math.min(...cycle);
        const rotated = [...cycle.slice(cycle.indexOf(start)), ...cycle.slice(0, cycle.indexOf(start)), start];
        const entry = byNumber.get(start)!;
        out.push(
          error('LEDGER_SUPERSEDES_CYCLE', `Supersedes chain forms a cycle: ${rotated.map(formatDecisionId).join(' → ')}`, {
            path: file,
            line: entry.fieldLines.Supersedes ?? entry.line,
            fix: 'A decision can only supersede an earlier one; remove the backward link',
          }),
        );
      } else if (state.get(t) === undefined) {
        visit(t, [...trail, n]);
      }
    }
    state.set(n, 'done');
  };
  for (const n of [...byNumber.keys()].sort((a, b) => a - b)) if (!state.has(n)) visit(n, []);
}

/**
 * Ledger integrity: NEXT_ID present and ahead of every id, ids unique and well-formed, entries
 * complete and in field order, real dates, non-empty decisions, supersedes links that resolve
 * and do not loop. Includes the parser's own diagnostics.
 */
export function validateLedger(ledger: Ledger): Diagnostic[] {
  const { file } = ledger;
  const out: Diagnostic[] = [...ledger.diagnostics];
  checkNextId(ledger, out);
  const next = ledger.nextId === undefined ? undefined : decisionNumber(ledger.nextId)!;
  const byNumber = new Map<number, LedgerEntry>();
  const supersededBy = new Map<number, string[]>();
  const withIds: LedgerEntry[] = [];
  let previous: LedgerEntry | undefined;
  for (const entry of ledger.entries) {
    checkEntryFields(entry, file, out);
    const n = decisionNumber(entry.id);
    if (n === undefined) continue;
    withIds.push(entry);
    const first = byNumber.get(n);
    if (first) {
      out.push(
        error('LEDGER_DUPLICATE_ID', `${entry.id} is already used by the entry at line ${first.line}`, {
          path: file,
          line: entry.line,
          fix: `Give this entry ${ledger.nextId ?? suggestedNextId(ledger)} and bump NEXT_ID, or delete the duplicate`,
        }),
      );
      continue;
    }
    byNumber.set(n, entry);
    if (next !== undefined && n >= next) {
      out.push(
        error('LEDGER_ID_NOT_BELOW_NEXT', `${entry.id} is not below NEXT_ID ${ledger.nextId}: the next \`decide\` would reuse or skip ids`, {
          path: file,
          line: entry.line,
          fix: `Set NEXT_ID to ${suggestedNextId(ledger)}`,
        }),
      );
    }
    if (previous && compareDecisionIds(previous.id, entry.id) > 0) {
      out.push(
        warning('LEDGER_ID_ORDER', `${entry.id} comes after ${previous.id}: entries are appended in id order`, {
          path: file,
          line: entry.line,
          fix: 'Move the entry so ids ascend; never renumber a decision',
        }),
      );
    }
    previous = entry;
  }
  for (const entry of withIds) {
    for (const target of entry.supersedes) {
      const t = decisionNumber(target);
      if (t === undefined) continue;
      if (!byNumber.has(t)) {
        out.push(
          error('LEDGER_SUPERSEDES_UNKNOWN', `${entry.id} supersedes ${target}, which is not in the ledger`, {
            path: file,
            line: entry.fieldLines.Supersedes ?? entry.line,
            fix: 'Point Supersedes at an existing decision id, or write "-"',
          }),
        );
        continue;
      }
      supersededBy.set(t, [...(supersededBy.get(t) ?? []), entry.id]);
    }
  }
  for (const [n, by] of supersededBy) {
    if (by.length > 1) {
      const entry = byNumber.get(n)!;
      out.push(
        warning('LEDGER_SUPERSEDED_TWICE', `${entry.id} is superseded by several decisions (${by.join(', ')})`, {
          path: file,
          line: entry.line,
          fix: 'Let the later decision supersede the earlier successor instead, so the chain stays linear',
        }),
      );
    }
  }
  checkCycles(byNumber, file, out);
  checkGaps(byNumber, file, out);
  checkDuplicateTitles(withIds, file, out);
  return out;
}

/**
 * Ids are handed out one by one from NEXT_ID: a number missing between two entries means an entry
 * was lost or deleted. Ids below the first entry may live in an archive, so they are not asked for.
 */
function checkGaps(byNumber: Map<number, LedgerEntry>, file: string, out: Diagnostic[]): void {
  const numbers = [...byNumber.keys()].sort((a, b) => a - b);
  let expected = numbers[0] ?? 1;
  for (const n of numbers) {
    if (n > expected) {
      const missing = n - expected === 1 ? formatDecisionId(expected) : `${formatDecisionId(expected)}–${formatDecisionId(n - 1)}`;
      out.push(
        warning('LEDGER_ID_GAP', `${missing} ${n - expected === 1 ? 'is' : 'are'} missing: ids jump to ${formatDecisionId(n)}`, {
          path: file,
          line: byNumber.get(n)!.line,
          fix: 'Restore the lost entry (git log -p on the ledger), or move it to DECISIONS.archive.md and say so; never renumber',
        }),
      );
    }
    expected = n + 1;
  }
}

/** The same Decision text twice is either a copy-paste slip or two decisions that need telling apart. */
function checkDuplicateTitles(entries: LedgerEntry[], file: string, out: Diagnostic[]): void {
  const first = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    const key = entry.decision.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!key) continue;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, entry);
      continue;
    }
    out.push(
      warning('LEDGER_DUPLICATE_TITLE', `${entry.id} has the same Decision as ${earlier.id}: "${entry.decision.trim()}"`, {
        path: file,
        line: entry.fieldLines.Decision ?? entry.line,
        fix: `Say what ${entry.id} changed beyond ${earlier.id}; if it replaces it, write "Supersedes: ${earlier.id}"`,
      }),
    );
  }
}
