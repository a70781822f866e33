/**
 * Blank out comments and the insides of string literals, keeping every other character (and every
 * newline) where it was: code patterns then match code only, and offsets and lines stay true.
 */
function blank(text: string, from: number, to: number, out: string[]): void {
  for (let i = from; i < to && i < text.length; i++) if (text[i] !== '\n' && text[i] !== '\r') out[i] = ' ';
}

/** Python: `#` comments, and '…', "…", '''…''', """…""" strings with any prefix (r, b, f, u). */
export function stripPython(text: string): string {
  return scanPython(text).code;
}

/** Indexes (0-based) of the lines of a Python file that end inside a string: a triple-quoted one goes on. */
export function linesEndingInString(text: string): Set<number> {
  const lines = new Set<number>();
  let line = 0;
  let at = 0;
  for (const [from, to] of scanPython(text).strings) {
    for (let i = text.indexOf('\n', at); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
      if (i >= from) lines.add(line);
      line++;
      at = i + 1;
    }
  }
  return lines;
}

/** The stripped code, and the [start, end) offsets of each string literal's contents. */
function scanPython(text: string): { code: string; strings: [number, number][] } {
  const strings: [number, number][] = [];
  const out = text.split('');
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '#') {
      const end = text.indexOf('\n', i);
      blank(text, i, end === -1 ? text.length : end, out);
      i = end === -1 ? text.length : end;
    } else if (ch === '"' || ch === "'") {
      const triple = text.startsWith(ch.repeat(3), i);
      const open = triple ? 3 : 1;
      let j = i + open;
      while (j < text.length) {
        if (text[j] === '\\') j += 2;
        else if (triple ? text.startsWith(ch.repeat(3), j) : text[j] === ch) break;
        else if (!triple && text[j] === '\n') break;
        else j++;
      }
      blank(text, i + open, Math.min(j, text.length), out);
      strings.push([i + open, Math.min(j, text.length)]);
      i = Math.min(j + (j < text.length && text[j] !== '\n' ? open : 0), text.length);
    } else i++;
  }
  return { code: out.join(''), strings };
}

/** Go: `//` and block comments, "…" strings, `…` raw strings and '…' runes. */
export function stripGo(text: string): string {
  const out = text.split('');
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      blank(text, i, end === -1 ? text.length : end, out);
      i = end === -1 ? text.length : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(text, i, stop, out);
      i = stop;
    } else if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      const stop = end === -1 ? text.length : end;
      blank(text, i + 1, stop, out);
      i = stop + 1;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      blank(text, i + 1, Math.min(j, text.length), out);
      i = j < text.length && text[j] === ch ? j + 1 : j;
    } else i++;
  }
  return out.join('');
}
