/** JSON helpers that keep line numbers, so errors can point at the offending line. */

interface JsonParseFailure {
  message: string;
  line: number;
  column: number;
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: JsonParseFailure } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const where = pos ? lineColumnAt(text, Number(pos[1])) : { line: 1, column: 1 };
    return { ok: false, error: { message: message.replace(/\s*\(line \d+ column \d+\)/, ''), ...where } };
  }
}

/** One JSON-pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`, so a key holding either stays one segment. */
export const pointerSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The keys and indexes of a JSON pointer, unescaped (`/a~1b/0` → `a/b`, `0`). */
export const pointerSegments = (pointer: string): string[] =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** A pointer as a person reads it in a message: `gates.commands.lint/fast.cwd`, a NUL shown as `\u0000`. */
export const pointerLabel = (pointer: string): string =>
  pointerSegments(pointer)
    .join('.')
    .replace(/\u0000/g, '\\u0000');

/**
 * Best-effort line of a JSON pointer (`/gates/commands/lint`) in pretty or compact JSON text:
 * follows object keys in order and counts array elements at their nesting depth.
 */
export function lineOfPointer(text: string, pointer: string): number | undefined {
  const segments = pointerSegments(pointer);
  let offset = 0;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) {
      const found = nthArrayElement(text, offset, Number(segment));
      if (found === undefined) break;
      offset = found;
      continue;
    }
    // The key as JSON writes it (quotes, backslashes and control characters escaped), as a literal.
    const keyPattern = new RegExp(`${JSON.stringify(segment).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'g');
    keyPattern.lastIndex = offset;
    const match = keyPattern.exec(text);
    if (!match) break;
    offset = match.index;
  }
  return segments.length === 0 ? 1 : lineColumnAt(text, offset).line;
}

/** Offset of element `index` of the first array opening at or after `from`. */
function nthArrayElement(text: string, from: number, index: number): number | undefined {
  let i = text.indexOf('[', from);
  if (i < 0) return undefined;
  let depth = 0;
  let count = 0;
  let inString = false;
  let elementStart = i + 1;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) elementStart = i + 1;
    } else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return undefined;
    } else if (ch === ',' && depth === 1) {
      count++;
      elementStart = i + 1;
    }
    if (count === index && depth >= 1 && i >= elementStart && !/\s|,|\[/.test(ch ?? '')) return i;
  }
  return undefined;
}
