import { readFileSync, statSync } from 'node:fs';
import { checkInside } from '../../core/workspace/paths.js';

const MAX_BYTES = 2_000_000;
const AROUND = 8;

export type Snippet = { ok: true; path: string; line: number; start: number; lines: string[] } | { ok: false; message: string };

/** Lines around `line` of a workspace file, for a diagnostic's file:line link. Never outside the root. */
export function fileSnippet(root: string, relative: string, line: number): Snippet {
  const inside = checkInside(root, relative);
  if (!relative || !inside.ok) return { ok: false, message: `${relative || '(no path)'} is not a file inside the workspace` };
  try {
    const absolute = inside.absolute;
    const stat = statSync(absolute);
    if (!stat.isFile()) return { ok: false, message: `${inside.relative} is not a file` };
    if (stat.size > MAX_BYTES) return { ok: false, message: `${inside.relative} is too large to show (${stat.size} bytes)` };
    const all = readFileSync(absolute, 'utf8').replace(/\r\n?/g, '\n').split('\n');
    const at = Number.isFinite(line) && line >= 1 ? Math.min(Math.floor(line), all.length) : 1;
    const start = Math.max(1, at - AROUND);
    return { ok: true, path: inside.relative, line: at, start, lines: all.slice(start - 1, at + AROUND) };
  } catch {
    return { ok: false, message: `${inside.relative} cannot be read` };
  }
}
