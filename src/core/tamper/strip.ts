/**
 * Blank out comments and the insides of string literals, keeping every other character (and every
 * newline) where it was: code patterns then match code only, and offsets and lines stay true.
 */
function blank(text: string, from: number, to: number, out: string[]): void {
  for (let i = from; i < to && i < text.length; i++) if (text[i] !== '\n' && text[i] !== '\r') out[i] = ' ';
}

/** Python: `#` comments, and '…', "…", '''…''', """…""" strings with any prefix (r, b, f, u). */
export function stripPython(text: string): string {
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
      i = Math.min(j + (j < text.length && text[j] !== '\n' ? open : 0), text.length);
    } else i++;
  }
  return out.join('');
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
