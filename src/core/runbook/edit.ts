import { usageError } from '../errors.js';
import { headingOf, sectionKey, toLines } from '../markdown/sections.js';
import { normalizeText } from '../workspace/fs.js';

/**
 * Edits one H2 section of a markdown file and leaves every other byte alone: the text is kept as
 * raw lines with their own line endings, and only the edited section's body is rebuilt.
 */

interface RawLine {
  text: string;
  /** The line ending as found: '\r\n', '\n', '\r' or '' for a last line without one. */
  eol: string;
}

interface SectionEdit {
  text: string;
  changed: boolean;
  /** True when the section did not exist and was added at the end. */
  added: boolean;
}

function splitRaw(text: string): RawLine[] {
  const out: RawLine[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    out.push({ text: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length || out.length === 0) out.push({ text: text.slice(start), eol: '' });
  return out;
}

const joinRaw = (lines: RawLine[]): string => lines.map((l) => l.text + l.eol).join('');

/** The file's own line ending: CRLF when it uses any, LF otherwise. */
function detectEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Content as lines without leading/trailing blank lines; rejects headings that would split the section. */
function contentLines(content: string): string[] {
  const lines = normalizeText(content)
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''));
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  for (const line of toLines(lines.join('\n'))) {
    const heading = headingOf(line);
    if (heading && heading.level <= 2) {
      throw usageError('RUNBOOK_CONTENT_HEADING', `The content holds a level-${heading.level} heading ("${line.text.trim()}") that would start a new section`, {
        fix: 'Use ### or deeper headings inside a section, or edit each H2 section with its own --section',
      });
    }
  }
  return lines;
}

interface SectionSpan {
  /** Index of the heading line. */
  heading: number;
  /** Index one past the last body line. */
  end: number;
}

function findSection(text: string, section: string): SectionSpan | undefined {
  // toLines sees an empty last line after a final newline; raw lines do not, so drop it.
  const lines = toLines(text).slice(0, splitRaw(text).length);
  const wanted = sectionKey(section);
  let found: SectionSpan | undefined;
  for (let i = 0; i < lines.length; i++) {
    const heading = headingOf(lines[i]!);
    if (!heading) continue;
    if (found) {
      if (heading.level <= 2) {
        found.end = i;
        return found;
      }
      continue;
    }
    if (heading.level === 2 && sectionKey(heading.title) === wanted) found = { heading: i, end: lines.length };
  }
  return found;
}

const isBlank = (line: RawLine | undefined) => line !== undefined && line.text.trim() === '';
const isTableRow = (text: string) => /^\s*\|/.test(text);
const isListItem = (text: string) => /^\s*([-*+]|\d+[.)])\s/.test(text);

/** Lines of the body up to its last non-blank line (trailing blank lines separate sections; they stay). */
function meaningfulEnd(raw: RawLine[], span: SectionSpan): number {
  let end = span.end;
  while (end > span.heading + 1 && isBlank(raw[end - 1])) end--;
  return end;
}

function bodyOf(raw: RawLine[], span: SectionSpan): string[] {
  const lines = raw.slice(span.heading + 1, meaningfulEnd(raw, span)).map((l) => l.text.replace(/[ \t]+$/, ''));
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  return lines;
}

function appendSectionAtEnd(raw: RawLine[], section: string, lines: string[], eol: string): RawLine[] {
  const out = raw.slice();
  const last = out[out.length - 1]!;
  const fileIsEmpty = out.length === 1 && last.text === '';
  if (fileIsEmpty) out.pop();
  else {
    if (last.eol === '') last.eol = eol;
    if (last.text.trim() !== '') out.push({ text: '', eol });
  }
  out.push({ text: `## ${section.trim()}`, eol }, { text: '', eol });
  for (const line of lines) out.push({ text: line, eol });
  return out;
}

/**
 * Put `lines` in place of raw[from, to): the last new line inherits the ending of the line it
 * follows when nothing comes after (so a file without a final newline keeps it that way), and a
 * blank line separates the body from a heading that directly follows it.
 */
function splice(raw: RawLine[], from: number, to: number, lines: string[], eol: string): RawLine[] {
  const before = raw.slice(0, from).map((l) => ({ ...l }));
  const after = raw.slice(to);
  const inserted = lines.map((text) => ({ text, eol }));
  const lastBefore = before[before.length - 1]!;
  if (after.length === 0) {
    inserted[inserted.length - 1]!.eol = (to > from ? raw[to - 1]! : lastBefore).eol;
  } else if (!isBlank(after[0])) {
    inserted.push({ text: '', eol });
  }
  if (lastBefore.eol === '') lastBefore.eol = eol;
  return [...before, ...inserted, ...after];
}

/** Replace a section's body with `content`; unchanged when the body already says exactly that. */
export function setSection(text: string, section: string, content: string): SectionEdit {
  const lines = contentLines(content);
  const raw = splitRaw(text);
  const eol = detectEol(text);
  const span = findSection(text, section);
  if (!span) return { text: joinRaw(appendSectionAtEnd(raw, section, lines, eol)), changed: true, added: true };
  if (bodyOf(raw, span).join('\n') === lines.join('\n')) return { text, changed: false, added: false };
  const out = splice(raw, span.heading + 1, meaningfulEnd(raw, span), ['', ...lines], eol);
  return { text: joinRaw(out), changed: true, added: false };
}

/**
 * Add `content` at the end of a section's body; unchanged when the body already ends with it.
 * List items and table rows continue the list/table; other text gets a blank line before it.
 */
export function appendSection(text: string, section: string, content: string): SectionEdit {
  const lines = contentLines(content);
  const raw = splitRaw(text);
  const eol = detectEol(text);
  const span = findSection(text, section);
  if (!span) return { text: joinRaw(appendSectionAtEnd(raw, section, lines, eol)), changed: true, added: true };
  const body = bodyOf(raw, span);
  if (lines.length === 0) return { text, changed: false, added: false };
  if (body.length >= lines.length && body.slice(body.length - lines.length).join('\n') === lines.join('\n')) {
    return { text, changed: false, added: false };
  }
  const insertAt = meaningfulEnd(raw, span);
  const previous = raw[insertAt - 1]!.text;
  const continues = body.length > 0 && ((isTableRow(previous) && isTableRow(lines[0]!)) || (isListItem(previous) && isListItem(lines[0]!)));
  const out = splice(raw, insertAt, insertAt, continues ? lines : ['', ...lines], eol);
  return { text: joinRaw(out), changed: true, added: false };
}
