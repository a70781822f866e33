import { describe, expect, it } from 'vitest';
import { appendEntry, LEDGER_TEMPLATE } from '../../../src/core/ledger/append.js';
import { compareDecisionIds, formatDecisionId, nextDecisionId } from '../../../src/core/ledger/ids.js';
import { parseLedger } from '../../../src/core/ledger/parse.js';
import { isValidLedgerDate, validateLedger } from '../../../src/core/ledger/validate.js';
import { checkAppendOnly } from '../../../src/core/ledger/history.js';

const FILE = '.sentinel/DECISIONS.md';

function entry(id: string, extra: Partial<Record<string, string>> = {}): string {
  const fields = {
    ID: id,
    Date: '2025-01-02',
    Author: 'backender',
    Scope: 'orders',
    Decision: `Use SQLite (${id})`,
    Rationale: 'simple',
    Outputs: 'src/a.ts',
    Supersedes: '-',
    ...extra,
  };
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

const ledgerText = (next: string, ...entries: string[]) => `# Decisions\n\n## NEXT_ID\n${next}\n\n## Entries\n\n${entries.join('\n\n')}\n`;
const codes = (text: string) => validateLedger(parseLedger(text, FILE)).map((d) => d.code);

describe('decision ids', () => {
  it('keep their width and grow past four digits', () => {
    expect(nextDecisionId('D-0001')).toBe('D-0002');
    expect(nextDecisionId('D-9999')).toBe('D-10000');
    expect(formatDecisionId(7)).toBe('D-0007');
    expect(compareDecisionIds('D-9999', 'D-10000')).toBeLessThan(0);
  });
});

describe('parseLedger', () => {
  it('reads NEXT_ID and entries with their line numbers', () => {
    const text = ledgerText('D-0003', entry('D-0001'), entry('D-0002', { Supersedes: 'D-0001', Scope: 'api (capsule orders-api)' }));
    const ledger = parseLedger(text, FILE);
    expect(ledger.nextId).toBe('D-0003');
    expect(ledger.nextIdLine).toBe(4);
    expect(ledger.entries.map((e) => [e.id, e.line])).toEqual([
      ['D-0001', 8],
      ['D-0002', 17],
    ]);
    expect(ledger.entries[1]!.supersedes).toEqual(['D-0001']);
    expect(ledger.entries[1]!.capsule).toBe('orders-api');
    expect(ledger.entries[0]!.outputs).toEqual(['src/a.ts']);
    expect(validateLedger(ledger)).toEqual([]);
  });

  it('tolerates a BOM and CRLF and keeps line numbers', () => {
    const text = `\uFEFF${ledgerText('D-0002', entry('D-0001'))}`.replace(/\n/g, '\r\n');
    const ledger = parseLedger(text, FILE);
    expect(ledger.nextId).toBe('D-0002');
    expect(ledger.entries[0]!.line).toBe(8);
    expect(validateLedger(ledger)).toEqual([]);
  });

  it('accepts entries directly after NEXT_ID, without an Entries heading', () => {
    const ledger = parseLedger(`## NEXT_ID\nD-0002\n\n${entry('D-0001')}\n`, FILE);
    expect(ledger.entries.map((e) => e.id)).toEqual(['D-0001']);
    expect(validateLedger(ledger)).toEqual([]);
  });

  it('ignores prose and example entries inside code fences', () => {
    const text = `# Ledger\n\nSome prose here.\n\n\`\`\`\n${entry('D-0042')}\n\`\`\`\n\n## NEXT_ID\nD-0001\n`;
    const ledger = parseLedger(text, FILE);
    expect(ledger.entries).toEqual([]);
    expect(validateLedger(ledger)).toEqual([]);
  });

  it('treats "-" and "none" as empty Outputs and Supersedes', () => {
    const ledger = parseLedger(ledgerText('D-0002', entry('D-0001', { Outputs: 'none', Supersedes: 'None' })), FILE);
    expect(ledger.entries[0]!.outputs).toEqual([]);
    expect(ledger.entries[0]!.supersedes).toEqual([]);
  });
});

describe('validateLedger', () => {
  it('flags duplicate ids with the line of the first', () => {
    const diags = validateLedger(parseLedger(ledgerText('D-0003', entry('D-0001'), entry('D-0001')), FILE));
    const dup = diags.find((d) => d.code === 'LEDGER_DUPLICATE_ID')!;
    expect(dup.line).toBe(17);
    expect(dup.message).toContain('line 8');
  });

  it('flags ids at or beyond NEXT_ID and suggests the right NEXT_ID', () => {
    const diags = validateLedger(parseLedger(ledgerText('D-0002', entry('D-0001'), entry('D-0002')), FILE));
    const d = diags.find((x) => x.code === 'LEDGER_ID_NOT_BELOW_NEXT')!;
    expect(d.fix).toContain('D-0003');
    expect(codes(ledgerText('D-0003', entry('D-0001'), entry('D-0002')))).toEqual([]);
  });

  it('flags a missing or malformed NEXT_ID', () => {
    expect(codes(`# L\n\n${entry('D-0001')}\n`)).toContain('LEDGER_NEXT_ID_MISSING');
    expect(codes(ledgerText('D-12', entry('D-0001')))).toContain('LEDGER_NEXT_ID_INVALID');
  });

  it('flags missing, unknown, duplicate and out-of-order fields', () => {
    expect(codes(ledgerText('D-0002', entry('D-0001').replace(/^Rationale: .*\n/m, '')))).toContain('LEDGER_FIELD_MISSING');
    expect(codes(ledgerText('D-0002', `${entry('D-0001')}\nOwner: me`))).toContain('LEDGER_FIELD_UNKNOWN');
    expect(codes(ledgerText('D-0002', `${entry('D-0001')}\nwrapped continuation`))).toContain('LEDGER_FIELD_UNKNOWN');
    const swapped = entry('D-0001').replace('Author: backender\nScope: orders', 'Scope: orders\nAuthor: backender');
    expect(codes(ledgerText('D-0002', swapped))).toContain('LEDGER_FIELD_ORDER');
    expect(codes(ledgerText('D-0002', `${entry('D-0001')}\nDate: 2025-01-01`))).toContain('LEDGER_FIELD_DUPLICATE');
  });

  it('flags bad dates, bad ids and an empty Decision', () => {
    expect(codes(ledgerText('D-0002', entry('D-0001', { Date: '2025-02-30' })))).toContain('LEDGER_DATE_INVALID');
    expect(codes(ledgerText('D-0002', entry('D-001')))).toContain('LEDGER_ID_INVALID');
    const empty = validateLedger(parseLedger(ledgerText('D-0002', entry('D-0001', { Decision: '' })), FILE));
    expect(empty.find((d) => d.code === 'LEDGER_DECISION_EMPTY')?.line).toBe(12);
  });

  it('accepts ISO date-times and rejects impossible times', () => {
    expect(isValidLedgerDate('2025-01-02T10:20:30Z')).toBe(true);
    expect(isValidLedgerDate('2024-02-29')).toBe(true);
    expect(isValidLedgerDate('2023-02-29')).toBe(false);
    expect(isValidLedgerDate('2025-01-02T25:00')).toBe(false);
  });

  it('flags supersedes pointing at a missing id', () => {
    const diags = validateLedger(parseLedger(ledgerText('D-0002', entry('D-0001', { Supersedes: 'D-0009' })), FILE));
    expect(diags.map((d) => [d.code, d.line])).toEqual([['LEDGER_SUPERSEDES_UNKNOWN', 15]]);
  });

  it('flags supersedes cycles once, including self-reference', () => {
    const cyc = validateLedger(
      parseLedger(
        ledgerText('D-0004', entry('D-0001', { Supersedes: 'D-0003' }), entry('D-0002', { Supersedes: 'D-0001' }), entry('D-0003', { Supersedes: 'D-0002' })),
        FILE,
      ),
    ).filter((d) => d.code === 'LEDGER_SUPERSEDES_CYCLE');
    expect(cyc).toHaveLength(1);
    expect(cyc[0]!.message).toContain('D-0001 → D-0003 → D-0002 → D-0001');
    expect(codes(ledgerText('D-0002', entry('D-0001', { Supersedes: 'D-0001' })))).toContain('LEDGER_SUPERSEDES_CYCLE');
    expect(codes(ledgerText('D-0003', entry('D-0001'), entry('D-0002', { Supersedes: 'D-0001' })))).toEqual([]);
  });

  it('handles five-digit ids numerically', () => {
    expect(codes(ledgerText('D-10000', entry('D-9999')))).toEqual([]);
    expect(codes(ledgerText('D-10001', entry('D-9999'), entry('D-10000', { Supersedes: 'D-9999' })))).toEqual([]);
    expect(codes(ledgerText('D-9999', entry('D-10000')))).toContain('LEDGER_ID_NOT_BELOW_NEXT');
  });
});

describe('appendEntry', () => {
  const input = { date: '2025-01-02', author: 'backender', scope: 'orders', decision: 'Use\nSQLite', rationale: 'simple', outputs: ['src/a.ts', 'src/b.ts'] };

  it('creates a ledger from the template and bumps NEXT_ID', () => {
    const result = appendEntry(undefined, FILE, input);
    expect(result.id).toBe('D-0001');
    expect(result.text.startsWith(LEDGER_TEMPLATE.split('## NEXT_ID')[0]!)).toBe(true);
    const ledger = parseLedger(result.text, FILE);
    expect(ledger.nextId).toBe('D-0002');
    expect(ledger.entries[0]!.decision).toBe('Use SQLite');
    expect(ledger.entries[0]!.line).toBe(result.line);
    expect(validateLedger(ledger)).toEqual([]);
  });

  it('goes from D-9999 to D-10000', () => {
    const result = appendEntry(ledgerText('D-9999', entry('D-9998')), FILE, input);
    expect(result.id).toBe('D-9999');
    const again = appendEntry(result.text, FILE, { ...input, decision: 'Move to Postgres' });
    expect(again.id).toBe('D-10000');
    const ledger = parseLedger(again.text, FILE);
    expect(ledger.nextId).toBe('D-10001');
    expect(validateLedger(ledger)).toEqual([]);
  });

  it('keeps CRLF and the BOM', () => {
    const original = `\uFEFF${ledgerText('D-0002', entry('D-0001'))}`.replace(/\n/g, '\r\n');
    const result = appendEntry(original, FILE, input);
    expect(result.text.startsWith('\uFEFF')).toBe(true);
    expect(result.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(validateLedger(parseLedger(result.text, FILE))).toEqual([]);
  });

  it('moves a lagging NEXT_ID past existing ids instead of reusing one', () => {
    const result = appendEntry(ledgerText('D-0001', entry('D-0001'), entry('D-0002')), FILE, input);
    expect(result.id).toBe('D-0003');
    expect(result.repairedNextId).toBe('D-0001');
    expect(validateLedger(parseLedger(result.text, FILE))).toEqual([]);
  });

  it('refuses a ledger whose NEXT_ID is missing or malformed', () => {
    expect(() => appendEntry(`# L\n\n${entry('D-0001')}\n`, FILE, input)).toThrow(/NEXT_ID/);
    expect(() => appendEntry(ledgerText('next', entry('D-0001')), FILE, input)).toThrow(/not a decision id/);
  });

  it('records the capsule inside Scope', () => {
    const result = appendEntry(undefined, FILE, { ...input, capsule: 'orders-api' });
    expect(parseLedger(result.text, FILE).entries[0]!.capsule).toBe('orders-api');
  });
});

describe('checkAppendOnly', () => {
  const base = parseLedger(ledgerText('D-0003', entry('D-0001'), entry('D-0002')), FILE);
  it('accepts appended entries', () => {
    const now = parseLedger(ledgerText('D-0004', entry('D-0001'), entry('D-0002'), entry('D-0003', { Supersedes: 'D-0001' })), FILE);
    expect(checkAppendOnly(base, now)).toEqual([]);
  });
  it('flags edited and removed entries', () => {
    const now = parseLedger(ledgerText('D-0003', entry('D-0001', { Decision: 'Use Postgres' })), FILE);
    const diags = checkAppendOnly(base, now);
    expect(diags.map((d) => d.code).sort()).toEqual(['LEDGER_ENTRY_EDITED', 'LEDGER_ENTRY_REMOVED']);
    expect(diags.find((d) => d.code === 'LEDGER_ENTRY_EDITED')!.line).toBe(12);
  });
});

describe('validateLedger on gaps and repeated decisions (the predecessor ledger)', () => {
  it('warns about ids missing between entries, not below the first one', () => {
    const diags = validateLedger(parseLedger(ledgerText('D-0020', entry('D-0002'), entry('D-0016'), entry('D-0018'), entry('D-0019')), FILE));
    expect(diags.map((d) => [d.severity, d.code, d.message, d.line])).toEqual([
      ['warning', 'LEDGER_ID_GAP', 'D-0003–D-0015 are missing: ids jump to D-0016', 17],
      ['warning', 'LEDGER_ID_GAP', 'D-0017 is missing: ids jump to D-0018', 26],
    ]);
  });

  it('warns about the same Decision written twice, at the later one', () => {
    const text = ledgerText(
      'D-0004',
      entry('D-0001', { Decision: 'Adopt Eta prompt renderer' }),
      entry('D-0002'),
      entry('D-0003', { Decision: 'adopt  Eta prompt renderer' }),
    );
    const diags = validateLedger(parseLedger(text, FILE));
    expect(diags.map((d) => [d.code, d.message, d.line])).toEqual([
      ['LEDGER_DUPLICATE_TITLE', 'D-0003 has the same Decision as D-0001: "adopt  Eta prompt renderer"', 30],
    ]);
    expect(diags[0]!.fix).toContain('Supersedes: D-0001');
  });
});
