import type { CapsulePathItem } from '../capsule/types.js';
import { diag, type Diagnostic, type Severity } from '../diagnostics.js';
import { normalizeRelative } from '../workspace/paths.js';
import { globMatcher } from './budget.js';
import { isGlob, type RoleRef, type WorkspaceView } from '../workspace/view.js';

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The folder part of a glob before its first wildcard segment (`src/**\/*.ts` → `src`). */
export function globBase(glob: string): string {
  const segments = glob.split('/');
  const index = segments.findIndex((segment) => isGlob(segment));
  return index < 0 ? glob : segments.slice(0, index).join('/') || '.';
}

/**
 * The forbidden entry a path falls under, if any: exact match, path prefix (`secrets` forbids
 * `secrets/key.pem`), or a glob entry in forbiddenPaths that matches.
 */
export function forbiddenBy(relative: string, forbiddenPaths: readonly string[]): string | undefined {
  const target = normalizeRelative(relative);
  for (const entry of forbiddenPaths) {
    const forbidden = normalizeRelative(entry);
    if (isGlob(forbidden)) {
      if (globMatcher(forbidden)(target)) return entry;
      continue;
    }
    if (target === forbidden || target.startsWith(`${forbidden}/`)) return entry;
  }
  return undefined;
}

/** Forbidden entries that an Allowed Context glob would pull in (`src/**` and forbidden `src/keys`). */
export function forbiddenCoveredBy(glob: string, forbiddenPaths: readonly string[]): string[] {
  const matcher = globMatcher(normalizeRelative(glob));
  return forbiddenPaths.filter((entry) => {
    const forbidden = normalizeRelative(entry);
    return !isGlob(forbidden) && (matcher(forbidden) || matcher(`${forbidden}/x`));
  });
}

/** The role named by a `(to be created by Context Warden)` note, matched by id or name. */
export function creatorRole(note: string | undefined, roles: readonly RoleRef[]): { named?: string; role?: RoleRef } {
  if (!note) return {};
  const match = /\b(?:to be )?created by (?:the )?(.+)$/i.exec(note);
  if (!match) return {};
  const named = match[1]!.replace(/[).,;]+$/, '').trim();
  const wanted = squash(named);
  const role = roles
    .filter((r) => wanted.startsWith(squash(r.id)) || wanted.startsWith(squash(r.name)))
    .sort((a, b) => squash(b.name).length - squash(a.name).length)[0];
  return role ? { named, role } : { named };
}

interface AllowedContextOptions {
  file?: string;
  /** Missing and duplicated entries are errors when enforced, warnings otherwise. */
  enforce: boolean;
  /** Code family: `CAPSULE_CONTEXT_*` for capsule validate, `CONTEXT_ALLOWED_*` for context lint. */
  codePrefix: 'CAPSULE_CONTEXT' | 'CONTEXT_ALLOWED';
}

/**
 * Check Allowed Context entries: inside the root, not forbidden, present on disk (or marked
 * as to be created by a role of the roster), listed once.
 */
export function checkAllowedContext(items: readonly CapsulePathItem[], view: WorkspaceView, options: AllowedContextOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const soft: Severity = options.enforce ? 'error' : 'warning';
  const code = (name: string) => `${options.codePrefix}_${name}`;
  const at = (item: CapsulePathItem, fix: string) => ({ ...(options.file ? { path: options.file } : {}), line: item.line, fix });
  const seen = new Map<string, number>();
  for (const item of items) {
    const entry = item.path;
    const inside = view.inside(entry);
    const base = isGlob(entry) ? view.inside(globBase(entry)) : inside;
    const escape = !inside.ok ? inside : !base.ok ? base : undefined;
    if (escape && !escape.ok) {
      out.push(
        diag(
          'error',
          code('OUTSIDE_ROOT'),
          `Allowed Context entry ${escape.message}`,
          at(item, 'List only paths inside the workspace, relative to its root (no "..", no absolute paths, no symlinks that leave it)'),
        ),
      );
      continue;
    }
    const normalized = normalizeRelative(entry);
    const first = seen.get(normalized);
    if (first !== undefined) {
      out.push(
        diag(
          soft,
          code('DUPLICATE'),
          `Allowed Context lists "${entry}" again (first at line ${first})`,
          at(item, `Delete line ${item.line}; keep one entry per path`),
        ),
      );
      continue;
    }
    seen.set(normalized, item.line);
    // A symlink is judged by what it points at: `src/envalias.txt -> ../.env` is `.env`.
    const target = isGlob(normalized) ? undefined : view.resolve?.(normalized);
    const forbidden = forbiddenBy(normalized, view.forbiddenPaths) ?? (target === undefined ? undefined : forbiddenBy(target, view.forbiddenPaths));
    if (forbidden !== undefined) {
      const through = target !== undefined && forbiddenBy(normalized, view.forbiddenPaths) === undefined ? ` (it is a symlink to "${target}")` : '';
      out.push(
        diag(
          'error',
          code('FORBIDDEN'),
          `Allowed Context entry "${entry}" is forbidden by context-limits forbiddenPaths ("${forbidden}")${through}`,
          at(item, `Remove "${entry}" from Allowed Context; forbidden paths are never given to an agent`),
        ),
      );
      continue;
    }
    if (isGlob(normalized)) {
      const covered = forbiddenCoveredBy(normalized, view.forbiddenPaths);
      if (covered.length) {
        out.push(
          diag(
            'warning',
            code('COVERS_FORBIDDEN'),
            `Allowed Context glob "${entry}" also matches forbidden ${covered.map((c) => `"${c}"`).join(', ')}`,
            at(item, 'Narrow the glob so it leaves the forbidden paths out'),
          ),
        );
      }
    }
    const present = isGlob(normalized) ? view.globMatches(normalized) : view.exists(normalized);
    if (present) continue;
    const creator = creatorRole(item.note, view.roles);
    if (creator.named === undefined) {
      const what = isGlob(normalized) ? `glob "${entry}" matches nothing` : `"${entry}" does not exist`;
      out.push(diag(soft, code('MISSING'), `Allowed Context ${what}`, at(item, `Fix the path, or mark it as new: "- ${entry} (to be created by <Role>)"`)));
    } else if (!creator.role) {
      const known = view.roles.map((r) => r.name).join(', ');
      out.push(
        diag(
          view.roles.length ? soft : 'warning',
          code('CREATOR_UNKNOWN'),
          `"${entry}" is to be created by "${creator.named}", which is not a role of the roster`,
          at(item, known ? `Name one of: ${known}` : 'Run `sentinel init` to install the roster, or name an existing role'),
        ),
      );
    }
  }
  return out;
}
