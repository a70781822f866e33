import picomatch from 'picomatch';
import { isAbsoluteAnywhere, normalizeRelative, toPosix } from '../workspace/paths.js';

const GLOB_CHARS = /[*?[\]{}!]/;

/** Does a scope entry (file, directory or glob) cover this workspace-relative path? */
type PathTest = (file: string) => boolean;

/** Every ancestor folder of a path: `a/b/c.ts` → `a`, `a/b`. */
function ancestors(file: string): string[] {
  const parts = file.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/**
 * Compile one entry. Plain paths cover themselves and, as directories, their contents; globs
 * match the path or any folder above it (so `src/*` covers `src/lib/a.ts` through `src/lib`).
 * Entries that escape the root cover nothing.
 */
export function entryMatcher(entry: string): PathTest | undefined {
  const raw = toPosix(entry.trim());
  if (!raw || isAbsoluteAnywhere(raw)) return undefined;
  if (GLOB_CHARS.test(raw)) {
    const pattern = raw.replace(/^\.\//, '');
    if (pattern.startsWith('../')) return undefined;
    const isMatch = picomatch(pattern, { dot: true });
    return (file) => isMatch(file) || ancestors(file).some((dir) => isMatch(dir));
  }
  const normalized = normalizeRelative(raw);
  if (normalized === '..' || normalized.startsWith('../')) return undefined;
  if (normalized === '.') return () => true;
  return (file) => file === normalized || file.startsWith(`${normalized}/`);
}

/** A test that passes when any of the entries covers the path. */
export function scopeMatcher(entries: readonly string[]): PathTest {
  const tests = entries.map(entryMatcher).filter((t): t is PathTest => t !== undefined);
  return (file) => tests.some((test) => test(normalizeRelative(file)));
}
