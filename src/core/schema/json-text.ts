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

/**
 * Best-effort line of a JSON pointer (`/gates/commands/lint`) in pretty or compact JSON text:
 * follows object keys in order and counts array elements at their nesting depth.
 */
export function lineOfPointer(text: string, pointer: string): number | undefined {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let offset = 0;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) {
      const found = nthArrayElement(text, offset, Number(segment));
      if (found === undefined) break;
      offset = found;
      continue;
    }
    const keyPattern = new RegExp(`"${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`, 'g');
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
