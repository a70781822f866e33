import type { CommentFamily } from './syntax.js';

/** The fields of a provenance header, in the order they are written. */
export interface ProvenanceFields {
  producedBy: string;
  rulesHash: string;
  decision: string;
  capsule?: string;
  /** Optional `(#<git-short-hash>)` suffix: accepted when parsing, never written by `stamp`. */
  commit?: string;
}

/** Agent ids become header labels: upper case, no spaces (`backender` → `BACKENDER`). */
export function agentLabel(agent: string): string {
  return agent
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `<AGENT>@unversioned`: the RulesHash of an author who is not a roster agent. */
export const unversionedRulesHash = (agent: string): string => `${agentLabel(agent)}@unversioned`;

export function formatHeaderText(fields: ProvenanceFields): string {
  const parts = [`ProducedBy=${fields.producedBy}`, `RulesHash=${fields.rulesHash}`, `Decision=${fields.decision}`];
  if (fields.capsule) parts.push(`Capsule=${fields.capsule}`);
  if (fields.commit) parts.push(`(#${fields.commit})`);
  return parts.join(' ');
}

function wrapComment(family: CommentFamily, text: string): string {
  switch (family) {
    case 'line':
      return `// ${text}`;
    case 'block':
      return `/* ${text} */`;
    case 'hash':
      return `# ${text}`;
    case 'html':
      return `<!-- ${text} -->`;
    case 'sql':
      return `-- ${text}`;
  }
}

export const formatHeaderLine = (family: CommentFamily, fields: ProvenanceFields): string => wrapComment(family, formatHeaderText(fields));

/** The header in every comment syntax, as `decide` prints it. */
export function headersForAllFamilies(fields: ProvenanceFields): Record<CommentFamily, string> {
  return {
    line: formatHeaderLine('line', fields),
    hash: formatHeaderLine('hash', fields),
    html: formatHeaderLine('html', fields),
    sql: formatHeaderLine('sql', fields),
    block: formatHeaderLine('block', fields),
  };
}

/** Comment forms a header may use in each family (`//` files may also use a one-line block comment). */
const FORMS: Record<CommentFamily, RegExp[]> = {
  line: [/^\s*\/\/\s?(.*?)\s*$/, /^\s*\/\*\s?(.*?)\s*\*\/\s*$/],
  block: [/^\s*\/\*\s?(.*?)\s*\*\/\s*$/],
  hash: [/^\s*#\s?(.*?)\s*$/],
  html: [/^\s*<!--\s?(.*?)\s*-->\s*$/],
  sql: [/^\s*--\s?(.*?)\s*$/],
};

export interface ParsedHeader {
  fields: Partial<ProvenanceFields>;
  /** Required fields (ProducedBy, RulesHash, Decision) that are absent. */
  missing: string[];
  text: string;
}

/** Parse the inner text of a header comment; key order does not matter. */
function parseHeaderText(text: string): ParsedHeader {
  const fields: Partial<ProvenanceFields> = {};
  for (const match of text.matchAll(/\b(ProducedBy|RulesHash|Decision|Capsule)=(\S+)/g)) {
    const key = ({ ProducedBy: 'producedBy', RulesHash: 'rulesHash', Decision: 'decision', Capsule: 'capsule' } as const)[match[1] as 'ProducedBy'];
    if (fields[key] === undefined) fields[key] = match[2]!;
  }
  const commit = /\(#([0-9a-fA-F]{4,40})\)/.exec(text);
  if (commit) fields.commit = commit[1]!;
  const missing = (['ProducedBy', 'RulesHash', 'Decision'] as const).filter(
    (name) => fields[({ ProducedBy: 'producedBy', RulesHash: 'rulesHash', Decision: 'decision' } as const)[name]] === undefined,
  );
  return { fields, missing, text };
}

/** A header line in the family's syntax, or undefined when the line is something else. */
export function parseHeaderLine(line: string, family: CommentFamily): ParsedHeader | undefined {
  if (!line.includes('ProducedBy=')) return undefined;
  for (const form of FORMS[family]) {
    const match = form.exec(line);
    if (match) return parseHeaderText(match[1]!);
  }
  return undefined;
}

/** Lines searched for an existing header: it sits right after the preamble, near the top. */
export const HEADER_SEARCH_LINES = 40;

interface HeaderLocation {
  /** 0-based line index. */
  index: number;
  header: ParsedHeader;
}

/**
 * Find the header among the first lines. `wrongSyntax` is a line that mentions `ProducedBy=` as a
 * comment in another syntax, so the check can say why the header does not count.
 */
export function findHeader(lines: readonly string[], family: CommentFamily): { found?: HeaderLocation; wrongSyntax?: number } {
  const end = Math.min(lines.length, HEADER_SEARCH_LINES);
  let wrongSyntax: number | undefined;
  for (let index = 0; index < end; index++) {
    const line = lines[index]!;
    if (!line.includes('ProducedBy=')) continue;
    const header = parseHeaderLine(line, family);
    if (header) return { found: { index, header } };
    if (wrongSyntax === undefined && /^\s*(\/\/|\/\*|#|<!--|--)/.test(line)) wrongSyntax = index;
  }
  return wrongSyntax === undefined ? {} : { wrongSyntax };
}

/** Same producer, rules, decision and capsule: restamping would change nothing. */
export function sameHeader(a: Partial<ProvenanceFields>, b: ProvenanceFields): boolean {
  return a.producedBy === b.producedBy && a.rulesHash === b.rulesHash && a.decision === b.decision && (a.capsule ?? '') === (b.capsule ?? '');
}
