import type { CapsuleVerdict } from '../capsule/check-memo.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { CapsuleStatus, LoadedState } from '../state/state.js';

export interface StatusRow {
  slug: string;
  id: string | null;
  file: string | null;
  title: string;
  status: CapsuleStatus;
  lead: string | null;
  phase: string | null;
  /** Last gate statuses recorded by `capsule done`. */
  gates: Record<string, string>;
  updatedAt: string | null;
  /** Humanised time since updatedAt ("3m", "2h", "5d"); null without a state file. */
  age: string | null;
  handoffs: number;
  tampered: boolean;
}

/** "45s", "12m", "3h", "4d", "7w": the largest unit that fits. */
export function humanAge(fromIso: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - Date.parse(fromIso));
  if (!Number.isFinite(ms)) return '?';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return d < 14 ? `${d}d` : `${Math.floor(d / 7)}w`;
}

export function tamperedDiagnostic(file: string, slug: string): Diagnostic {
  return error('STATE_TAMPERED', `State file edited by hand (content hash mismatch); its status, phase and evidence are not trusted`, {
    path: file,
    fix: `Restore it (\`git checkout HEAD -- ${file}\`) or rebuild it from the router log with \`sentinel status --repair ${slug}\`, then re-run \`sentinel capsule done ${slug}\``,
  });
}

/**
 * One row per capsule joined with its state; a capsule without state is `ready` when it validates,
 * else `draft`. States whose capsule file is gone are listed too, with a warning.
 */
export function statusRows(
  checks: readonly Pick<CapsuleVerdict, 'slug' | 'id' | 'file' | 'title' | 'ok'>[],
  states: readonly LoadedState[],
  now: Date,
): { rows: StatusRow[]; diagnostics: Diagnostic[] } {
  const bySlug = new Map(states.map((s) => [s.state.slug, s]));
  const rows: StatusRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const rowFor = (slug: string, loaded: LoadedState | undefined, base: Pick<StatusRow, 'id' | 'file' | 'title'>, fallback: CapsuleStatus): StatusRow => {
    const state = loaded?.state;
    if (loaded?.tampered) diagnostics.push(tamperedDiagnostic(loaded.file, slug));
    return {
      slug,
      ...base,
      status: state?.status ?? fallback,
      lead: state?.lead ?? null,
      phase: state?.phase ?? null,
      gates: state?.gates ?? {},
      updatedAt: state?.updatedAt ?? null,
      age: state?.updatedAt ? humanAge(state.updatedAt, now) : null,
      handoffs: state?.handoffs?.length ?? 0,
      tampered: loaded?.tampered ?? false,
    };
  };
  for (const { slug, id, file, title, ok } of checks) {
    seen.add(slug);
    rows.push(rowFor(slug, bySlug.get(slug), { id, file, title }, ok ? 'ready' : 'draft'));
  }
  for (const loaded of states) {
    if (seen.has(loaded.state.slug)) continue;
    const { state } = loaded;
    rows.push(rowFor(state.slug, loaded, { id: state.capsuleId ?? null, file: state.capsuleFile ?? null, title: '(capsule file not found)' }, 'draft'));
    diagnostics.push(
      warning('STATE_ORPHANED', `State for "${state.slug}" has no capsule file${state.capsuleFile ? ` (was ${state.capsuleFile})` : ''}`, {
        path: loaded.file,
        fix: 'Restore the capsule file, or delete the state file if the capsule was dropped on purpose',
      }),
    );
  }
  return { rows, diagnostics };
}

/** "ok 9, pending 2, fail 1" from a gate → status map. */
export function gatesSummary(gates: Record<string, string>): string {
  const counts = new Map<string, number>();
  for (const status of Object.values(gates)) counts.set(status, (counts.get(status) ?? 0) + 1);
  return ['fail', 'pending', 'ok', 'skipped']
    .filter((s) => counts.has(s))
    .map((s) => `${s} ${counts.get(s)}`)
    .join(', ');
}
