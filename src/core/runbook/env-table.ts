import type { MdLine } from '../markdown/sections.js';

/** A variable documented in the runbook's environment-variable table. */
interface EnvRow {
  name: string;
  line: number;
}

interface EnvTable {
  /** Line of the header row. */
  line: number;
  rows: EnvRow[];
}

function cells(text: string): string[] {
  const trimmed = text.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim());
}

const isSeparator = (text: string) => /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/.test(text);
const NAME_COLUMN = /^(variable|name|env|env var|environment variable|key)s?$/i;

/** The variable name in a cell: `` `DATABASE_URL` ``, **X**, or X=default all give the bare name. */
function variableName(cell: string): string | undefined {
  const match = /^[`*_\s]*([A-Za-z_][A-Za-z0-9_]*)/.exec(cell);
  return match ? match[1] : undefined;
}

/**
 * The first pipe table in a section body (fenced lines ignored). Names come from the column
 * titled Variable/Name/Key, else the first column.
 */
export function parseEnvTable(body: MdLine[]): EnvTable | undefined {
  for (let i = 0; i + 1 < body.length; i++) {
    const header = body[i]!;
    const separator = body[i + 1]!;
    if (header.inFence || separator.inFence || !header.text.includes('|') || !isSeparator(separator.text)) continue;
    const titles = cells(header.text);
    const column = Math.max(
      0,
      titles.findIndex((t) => NAME_COLUMN.test(t.replace(/[`*]/g, ''))),
    );
    const rows: EnvRow[] = [];
    for (let j = i + 2; j < body.length; j++) {
      const row = body[j]!;
      if (row.inFence || !row.text.includes('|') || row.text.trim() === '') break;
      const name = variableName(cells(row.text)[column] ?? '');
      if (name) rows.push({ name, line: row.line });
    }
    return { line: header.line, rows };
  }
  return undefined;
}
