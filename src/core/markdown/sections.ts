import { normalizeText } from '../workspace/fs.js';

/** One source line; `inFence` marks lines inside (or delimiting) a fenced code block. */
export interface MdLine {
  text: string;
  line: number;
  inFence: boolean;
}

export interface MdSection {
  /** Heading text as written (trimmed, trailing #s removed). */
  title: string;
  /** Lower-cased, whitespace-collapsed title for case-insensitive matching. */
  key: string;
  level: number;
  /** Line of the heading. */
  line: number;
  /** Lines after the heading up to the next heading of the same or a higher level. */
  body: MdLine[];
}

interface MdListItem {
  text: string;
  line: number;
  /** Leading spaces before the marker: 0 for top-level items. */
  indent: number;
  marker: '-' | '*' | '+' | 'ordered';
}

/** Split text into lines, marking fenced code (``` or ~~~, closed by a fence at least as long). */
export function toLines(text: string): MdLine[] {
  const raw = normalizeText(text).split('\n');
  const out: MdLine[] = [];
  let fence: { char: string; length: number } | undefined;
  raw.forEach((textLine, index) => {
    const match = /^ {0,3}(`{3,}|~{3,})/.exec(textLine);
    if (fence) {
      out.push({ text: textLine, line: index + 1, inFence: true });
      if (match && match[1]![0] === fence.char && match[1]!.length >= fence.length && textLine.trim() === match[1]) fence = undefined;
      return;
    }
    if (match) {
      fence = { char: match[1]![0]!, length: match[1]!.length };
      out.push({ text: textLine, line: index + 1, inFence: true });
      return;
    }
    out.push({ text: textLine, line: index + 1, inFence: false });
  });
  return out;
}

export function headingOf(line: MdLine): { level: number; title: string } | undefined {
  if (line.inFence) return undefined;
  const match = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/.exec(line.text) ?? /^ {0,3}(#{1,6})$/.exec(line.text);
  if (!match) return undefined;
  return { level: match[1]!.length, title: (match[2] ?? '').trim() };
}

export const sectionKey = (title: string): string => title.trim().toLowerCase().replace(/\s+/g, ' ');

/** All headings of exactly `level`, each with its body (nested deeper headings stay in the body). */
export function sectionsAt(lines: MdLine[], level: number): MdSection[] {
  const out: MdSection[] = [];
  let current: MdSection | undefined;
  for (const line of lines) {
    const heading = headingOf(line);
    if (heading && heading.level <= level) {
      if (current) out.push(current);
      current = heading.level === level ? { title: heading.title, key: sectionKey(heading.title), level, line: line.line, body: [] } : undefined;
      continue;
    }
    current?.body.push(line);
  }
  if (current) out.push(current);
  return out;
}

const ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;

/**
 * List items of a body. Continuation lines (indented, not themselves items) are joined to the
 * item above; fenced lines are ignored.
 */
export function listItems(body: MdLine[]): MdListItem[] {
  const out: MdListItem[] = [];
  let last: MdListItem | undefined;
  for (const line of body) {
    if (line.inFence) {
      last = undefined;
      continue;
    }
    const match = ITEM.exec(line.text);
    if (match) {
      const marker = match[2]!;
      last = {
        text: match[3]!.trim(),
        line: line.line,
        indent: match[1]!.replace(/\t/g, '    ').length,
        marker: /^\d/.test(marker) ? 'ordered' : (marker as '-' | '*' | '+'),
      };
      out.push(last);
    } else if (last && /^\s+\S/.test(line.text)) {
      last.text = `${last.text} ${line.text.trim()}`;
    } else if (line.text.trim() === '') {
      continue;
    } else {
      last = undefined;
    }
  }
  return out;
}

/** The non-blank, non-fence text of a body, trimmed. */
export function bodyText(body: MdLine[]): string {
  return body
    .map((l) => l.text)
    .join('\n')
    .trim();
}

/** True when a section body holds nothing but blank lines and HTML comments. */
export function isBodyEmpty(body: MdLine[]): boolean {
  return (
    bodyText(body)
      .replace(/<!--[\s\S]*?-->/g, '')
      .trim() === ''
  );
}
