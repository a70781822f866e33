import { readFileSync, statSync } from 'node:fs';
import { loadLimits } from '../../core/context/limits.js';
import { sourceRefusal } from '../../core/ui/file-guard.js';
import type { SentinelConfig } from '../../core/workspace/config-types.js';
import { readTextIfExists } from '../../core/workspace/fs.js';
import { checkInside } from '../../core/workspace/paths.js';

const MAX_BYTES = 2_000_000;
const AROUND = 8;

type Snippet =
  | { ok: true; path: string; line: number; start: number; lines: string[] }
  | { ok: false; status: 403 | 404; code: 'UI_FORBIDDEN' | 'UI_FILE'; message: string };

const notShown = (message: string): Snippet => ({ ok: false, status: 404, code: 'UI_FILE', message });

/**
 * Lines around `line` of a workspace file, for a diagnostic's file:line link. Never outside the
 * root or through a symlink out of it, never a forbidden path (the context limits' forbiddenPaths
 * and NEVER_SHOWN: `.env`, keys…); the text is redacted whole before it is cut into lines, so a
 * private key's body lines are masked with its BEGIN line.
 */
export function fileSnippet(root: string, config: SentinelConfig, relative: string, line: number, redact: (text: string) => string): Snippet {
  const inside = checkInside(root, relative);
  if (!relative || !inside.ok) return notShown(`${relative || '(no path)'} is not a file inside the workspace`);
  const forbiddenPaths = loadLimits(root, config.contextLimits, readTextIfExists).limits.forbiddenPaths;
  const rule = sourceRefusal(root, inside.relative, forbiddenPaths);
  if (rule) return { ok: false, status: 403, code: 'UI_FORBIDDEN', message: `${inside.relative} is not shown: it falls under the forbidden path "${rule}"` };
  try {
    const absolute = inside.absolute;
    const stat = statSync(absolute);
    if (!stat.isFile()) return notShown(`${inside.relative} is not a file`);
    if (stat.size > MAX_BYTES) return notShown(`${inside.relative} is too large to show (${stat.size} bytes)`);
    const all = redact(readFileSync(absolute, 'utf8').replace(/\r\n?/g, '\n')).split('\n');
    const at = Number.isFinite(line) && line >= 1 ? Math.min(Math.floor(line), all.length) : 1;
    const start = Math.max(1, at - AROUND);
    return { ok: true, path: inside.relative, line: at, start, lines: all.slice(start - 1, at + AROUND) };
  } catch {
    return notShown(`${inside.relative} cannot be read`);
  }
}
