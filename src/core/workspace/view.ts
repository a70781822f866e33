import type { InsideCheck } from './paths.js';

/** A role of the roster, as much as path checks need to know about it. */
export interface RoleRef {
  id: string;
  name: string;
}

/**
 * What the pure checks may ask about the workspace. The CLI and gates back it with the disk
 * (see disk-view.ts); tests back it with plain data.
 */
export interface WorkspaceView {
  /** checkInside(root, p): lexical escape and symlink-out detection. */
  inside(candidate: string): InsideCheck;
  /** A workspace-relative file or folder exists. */
  exists(relative: string): boolean;
  /** A glob matches at least one file or folder of the workspace. */
  globMatches(glob: string): boolean;
  roles: RoleRef[];
  forbiddenPaths: string[];
  /** The workspace-relative target of a symlinked path (see workspace/resolved.ts); absent in pure tests. */
  resolve?(relative: string): string | undefined;
}

/** True when the path holds glob syntax (`*`, `?`, `[…]`, `{a,b}`). */
export function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p) || /(^|\/)!/.test(p);
}
