import { lstatSync } from 'node:fs';
import path from 'node:path';
import { checkInside, isAbsoluteAnywhere, normalizeRelative, type InsideCheck } from './paths.js';

export type Kind = 'dir' | 'file' | 'symlink' | 'missing';

/** checkInside with memory, and what its lstats learnt about symlinks on the way. */
export interface InsideChecker {
  (candidate: string): InsideCheck;
  /**
   * False when no segment of the normalized relative path is a symlink up to the first missing
   * one or the first file: then realpath of the path is the path itself (or fails), so
   * resolvedTarget would answer undefined without asking. True when it may differ.
   */
  maybeLinked(relative: string): boolean;
  /** The lstat kind of a workspace-relative path, each looked at once. */
  kindOf(relative: string): Kind;
}

/**
 * checkInside(root, p) for many paths at once, with the same answers. checkInside resolves every
 * path with realpath, one lstat per path segment; a thousand capsules naming files in the same
 * folders repeat those lstats. Here each folder is looked at once, and a path none of whose
 * segments is a symlink is answered without realpath; anything else goes to checkInside.
 */
export function createInsideChecker(root: string, beforeLook?: (relative: string) => void): InsideChecker {
  const results = new Map<string, InsideCheck>();
  const kinds = new Map<string, Kind>();
  const kindOf = (relative: string): Kind => {
    let kind = kinds.get(relative);
    if (kind === undefined) {
      // A warm view stamps the folder a path lies in before the path is looked at (disk-view.ts).
      beforeLook?.(relative);
      try {
        const stat = lstatSync(path.join(root, ...relative.split('/')));
        kind = stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'dir' : 'file';
      } catch {
        kind = 'missing';
      }
      kinds.set(relative, kind);
    }
    return kind;
  };
  const withoutSymlinks = (candidate: string): InsideCheck | undefined => {
    if (isAbsoluteAnywhere(candidate)) return undefined;
    const relative = normalizeRelative(candidate);
    // `.`, `..` and names starting with `..` keep checkInside's own handling.
    if (relative === '.' || relative.startsWith('..') || relative.includes('\0')) return undefined;
    const segments = relative.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const kind = kindOf(segments.slice(0, i).join('/'));
      if (kind === 'symlink') return undefined;
      // realpath fails on a missing segment or a file used as a folder: the lexical checks decide.
      if (kind === 'missing' || kind === 'file') break;
    }
    return { ok: true, relative, absolute: path.join(root, ...segments) };
  };
  const linked = (relative: string): boolean => {
    const segments = relative.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const kind = kindOf(segments.slice(0, i).join('/'));
      if (kind === 'symlink') return true;
      if (kind === 'missing' || kind === 'file') return false;
    }
    return false;
  };
  const check = (candidate: string): InsideCheck => {
    let found = results.get(candidate);
    if (found === undefined) {
      found = withoutSymlinks(candidate) ?? checkInside(root, candidate);
      results.set(candidate, found);
    }
    return found;
  };
  return Object.assign(check, {
    kindOf,
    // Unusual paths (absolute, `..`, empty segments) are left to realpath.
    maybeLinked: (relative: string) =>
      isAbsoluteAnywhere(relative) || relative !== normalizeRelative(relative) || relative.startsWith('..') || linked(relative),
  });
}
