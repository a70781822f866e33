import { error, type Diagnostic } from '../diagnostics.js';
import { headingOf, sectionKey, toLines, type MdLine } from '../markdown/sections.js';
import { decisionNumber } from './ids.js';
import { LEDGER_FIELDS, type Ledger, type LedgerEntry, type LedgerField } from './types.js';

const NEXT_ID_HEADINGS = new Set(['next_id', 'next id', 'nextid', 'next-id']);
const KEY_VALUE = /^([A-Za-z][A-Za-z _-]*?)[ \t]*:[ \t]?(.*)$/;
const FIELD_BY_LOWER = new Map<string, LedgerField>(LEDGER_FIELDS.map((f) => [f.toLowerCase(), f]));
const CAPSULE_IN_SCOPE = /\(capsule ([^\s()]+)\)\s*$/i;
const NONE = new Set(['', '-', 'none', 'n/a']);

/** `a.ts, b/c.ts` → ['a.ts', 'b/c.ts']; `-`/`none` → []. Backticks are not part of a path. */
function splitList(value: string): string[] {
  if (NONE.has(value.trim().toLowerCase())) return [];
  return value
    .split(',')
    .map((item) =>
      item
        .trim()
        .replace(/^`(.*)`$/, '$1')
        .trim(),
    )
    .filter((item) => item.length > 0 && !NONE.has(item.toLowerCase()));
}

function capsuleFromScope(scope: string): string | undefined {
  return CAPSULE_IN_SCOPE.exec(scope)?.[1];
}

/** Blank lines, headings and code fences separate blocks; a block is a run of other lines. */
function splitBlocks(lines: MdLine[]): { block: MdLine[]; nextIdSection: boolean }[] {
  const blocks: { block: MdLine[]; nextIdSection: boolean }[] = [];
  let current: MdLine[] = [];
  let inNextId = false;
  const flush = () => {
    if (current.length) blocks.push({ block: current, nextIdSection: inNextId });
    current = [];
  };
  for (const line of lines) {
    const heading = headingOf(line);
    if (heading) {
      flush();
      inNextId = heading.level === 2 && NEXT_ID_HEADINGS.has(sectionKey(heading.title));
      continue;
    }
    if (line.inFence || line.text.trim() === '') {
      flush();
      continue;
    }
    current.push(line);
  }
  flush();
  return blocks;
}

const looksLikeEntry = (block: MdLine[]): boolean =>
  block.some((l) => {
    const match = KEY_VALUE.exec(l.text.trim());
    return match !== null && FIELD_BY_LOWER.has(match[1]!.toLowerCase());
  });

function parseEntry(block: MdLine[], file: string, diagnostics: Diagnostic[]): LedgerEntry {
  const raw: Partial<Record<LedgerField, string>> = {};
  const fieldLines: Partial<Record<LedgerField, number>> = {};
  let lastIndex = -1;
  for (const line of block) {
    const match = KEY_VALUE.exec(line.text.trim());
    const field = match ? FIELD_BY_LOWER.get(match[1]!.toLowerCase()) : undefined;
    if (!match || !field) {
      const what = match ? `Unknown field "${match[1]}:"` : `Line "${line.text.trim().slice(0, 60)}" is not a "Field: value" line`;
      diagnostics.push(
        error('LEDGER_FIELD_UNKNOWN', `${what} in a ledger entry`, {
          path: file,
          line: line.line,
          fix: `An entry is exactly the 8 lines ${LEDGER_FIELDS.map((f) => `${f}:`).join(' ')}; join wrapped values into one line and remove other lines`,
        }),
      );
      continue;
    }
    if (fieldLines[field] !== undefined) {
      diagnostics.push(
        error('LEDGER_FIELD_DUPLICATE', `Field ${field}: appears twice in one entry (first at line ${fieldLines[field]})`, {
          path: file,
          line: line.line,
          fix: `Keep one ${field}: line`,
        }),
      );
      continue;
    }
    const index = LEDGER_FIELDS.indexOf(field);
    if (index < lastIndex) {
      diagnostics.push(
        error('LEDGER_FIELD_ORDER', `Field ${field}: is out of order`, {
          path: file,
          line: line.line,
          fix: `Order the fields ${LEDGER_FIELDS.join(', ')}`,
        }),
      );
    }
    lastIndex = Math.max(lastIndex, index);
    raw[field] = match[2]!.trim();
    fieldLines[field] = line.line;
  }
  const first = block[0]!.line;
  for (const field of LEDGER_FIELDS) {
    if (raw[field] === undefined) {
      diagnostics.push(
        error('LEDGER_FIELD_MISSING', `Ledger entry${raw.ID ? ` ${raw.ID}` : ''} has no ${field}: line`, {
          path: file,
          line: first,
          fix: `Add "${field}: …" in its place (${LEDGER_FIELDS.join(', ')}); use "-" for an empty Outputs or Supersedes`,
        }),
      );
    }
  }
  const scope = raw.Scope ?? '';
  const entry: LedgerEntry = {
    id: raw.ID ?? '',
    date: raw.Date ?? '',
    author: raw.Author ?? '',
    scope,
    decision: raw.Decision ?? '',
    rationale: raw.Rationale ?? '',
    outputs: splitList(raw.Outputs ?? ''),
    supersedes: splitList(raw.Supersedes ?? ''),
    line: fieldLines.ID ?? first,
    fieldLines,
    raw,
  };
  const capsule = capsuleFromScope(scope);
  if (capsule) entry.capsule = capsule;
  return entry;
}

/**
 * Parse `.sentinel/DECISIONS.md`: a `## NEXT_ID` section holding the next id, and 8-line entries
 * separated by blank lines, under any heading or none. Never throws; problems are diagnostics.
 * BOM and CRLF are tolerated and line numbers refer to the file as written.
 */
export function parseLedger(text: string, file: string): Ledger {
  const diagnostics: Diagnostic[] = [];
  const ledger: Ledger = { file, entries: [], diagnostics };
  const lines = toLines(text);
  const heading = lines.find((l) => {
    const h = headingOf(l);
    return h !== undefined && h.level === 2 && NEXT_ID_HEADINGS.has(sectionKey(h.title));
  });
  if (heading) ledger.nextIdHeadingLine = heading.line;
  let nextIdSeen = false;
  for (const { block, nextIdSection } of splitBlocks(lines)) {
    if (nextIdSection && !nextIdSeen) {
      nextIdSeen = true;
      const value = block[0]!.text
        .trim()
        .replace(/^`(.*)`$/, '$1')
        .trim();
      ledger.nextIdRaw = value;
      ledger.nextIdLine = block[0]!.line;
      if (decisionNumber(value) !== undefined) ledger.nextId = value;
      if (block.length === 1) continue;
      if (!looksLikeEntry(block)) continue;
      block.shift();
    }
    if (looksLikeEntry(block)) ledger.entries.push(parseEntry(block, file, diagnostics));
  }
  return ledger;
}
