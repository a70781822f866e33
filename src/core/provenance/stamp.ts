import { findHeader, formatHeaderLine, sameHeader, type ProvenanceFields } from './header.js';
import { preambleLength } from './preamble.js';
import type { FileSyntax } from './syntax.js';

type StampResult = { ok: true; status: 'inserted' | 'updated' | 'unchanged'; text: string; line: number; header: string } | { ok: false; reason: string };

/**
 * Insert or update the one header line of a file's text. Everything else stays byte-identical:
 * the BOM, each line's own line ending, a missing final newline (unless the header goes last).
 * Pure: text in, text out.
 */
export function stampText(original: string, syntax: FileSyntax, fields: ProvenanceFields): StampResult {
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = original.slice(bom.length);
  // Pieces keep their line endings so untouched lines are reproduced exactly.
  const pieces = body === '' ? [] : body.split(/(?<=\n)/);
  const lines = pieces.map((p) => p.replace(/\r?\n$/, ''));
  const eol = /\r\n/.test(body) ? '\r\n' : '\n';
  const header = formatHeaderLine(syntax.family, fields);
  const existing = findHeader(lines, syntax.family).found;
  if (existing) {
    if (sameHeader(existing.header.fields, fields)) {
      return { ok: true, status: 'unchanged', text: original, line: existing.index + 1, header: lines[existing.index]! };
    }
    const piece = pieces[existing.index]!;
    pieces[existing.index] = header + piece.slice(lines[existing.index]!.length);
    return { ok: true, status: 'updated', text: bom + pieces.join(''), line: existing.index + 1, header };
  }
  const preamble = preambleLength(lines, syntax.preamble);
  if (!preamble.ok) return { ok: false, reason: preamble.reason };
  const at = preamble.keep;
  if (at > 0 && at === pieces.length && !/\n$/.test(pieces[at - 1]!)) pieces[at - 1] += eol;
  // Go: a comment right above `package` (or above the package's doc comment) becomes part of the
  // package documentation, so the header is kept apart by a blank line.
  const apart = syntax.preamble === 'go' && (lines[at] ?? '').trim() !== '' ? eol : '';
  pieces.splice(at, 0, header + eol + apart);
  return { ok: true, status: 'inserted', text: bom + pieces.join(''), line: at + 1, header };
}
