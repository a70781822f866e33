import picomatch from 'picomatch';
import type { WorkspaceView } from '../../../src/core/workspace/view.js';
import { normalizeRelative } from '../../../src/core/workspace/paths.js';

/** A WorkspaceView over a plain list of files, for pure tests. */
export function fakeView(files: string[], extra: Partial<WorkspaceView> = {}): WorkspaceView {
  const entries = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    for (let i = 1; i <= parts.length; i++) entries.add(parts.slice(0, i).join('/'));
  }
  return {
    inside(candidate) {
      if (/^([a-zA-Z]:[\\/]|[\\/])/.test(candidate)) return { ok: false, reason: 'absolute', message: `"${candidate}" is an absolute path` };
      const relative = normalizeRelative(candidate);
      if (relative === '..' || relative.startsWith('../')) return { ok: false, reason: 'parent', message: `"${candidate}" escapes the workspace root` };
      if (relative.startsWith('link-out')) return { ok: false, reason: 'symlink', message: `"${candidate}" is a symlink that points outside the workspace` };
      return { ok: true, relative, absolute: `/ws/${relative}` };
    },
    exists: (relative) => entries.has(normalizeRelative(relative)),
    globMatches: (glob) => [...entries].some((e) => picomatch(glob, { dot: true })(e)),
    roles: [
      { id: 'backender', name: 'Backender' },
      { id: 'contextwarden', name: 'Context Warden' },
    ],
    forbiddenPaths: ['.env', 'secrets', 'config/*.key'],
    ...extra,
  };
}
