import type { Diagnostic } from '../diagnostics.js';
import type { CheckReport } from './check-report.js';

/** Past this many diagnostics (or items of one data list), a gate's result is summarised. */
export const LIST_LIMIT = 200;
/** Diagnostics kept per code when summarising, so a rare code is not hidden behind a common one. */
const PER_CODE = 20;

/** What a summarised result left out; absent when nothing was. */
export interface Truncation {
  diagnostics?: { total: number; shown: number; byCode: Record<string, { total: number; shown: number }> };
  /** Per data key: how many items the full list has and how many are shown. */
  data?: Record<string, { total: number; shown: number }>;
}

interface Summarisable {
  diagnostics: Diagnostic[];
  data: Record<string, unknown>;
  truncated?: Truncation;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** The first PER_CODE of each code, errors first, at most LIST_LIMIT in all, kept in their order. */
function keepDiagnostics(diagnostics: Diagnostic[]): { kept: Diagnostic[]; byCode: Record<string, { total: number; shown: number }> } {
  const byCode: Record<string, { total: number; shown: number }> = {};
  for (const d of diagnostics) (byCode[d.code] ??= { total: 0, shown: 0 }).total++;
  const chosen = new Set<number>();
  const order = diagnostics.map((d, i) => ({ d, i })).sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || a.i - b.i);
  for (const { d, i } of order) {
    if (chosen.size >= LIST_LIMIT) break;
    const count = byCode[d.code]!;
    if (count.shown >= PER_CODE) continue;
    count.shown++;
    chosen.add(i);
  }
  return { kept: diagnostics.filter((_, i) => chosen.has(i)), byCode };
}

/** An item that says something is wrong (`ok: false`, a level or status other than ok). */
function notable(item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const o = item as { ok?: unknown; level?: unknown; status?: unknown };
  return o.ok === false || (typeof o.level === 'string' && o.level !== 'ok') || (typeof o.status === 'string' && o.status !== 'ok');
}

/** Long lists keep their notable items first (in order), up to LIST_LIMIT. */
function keepItems(list: unknown[]): unknown[] {
  const flagged = list.filter(notable);
  if (flagged.length >= LIST_LIMIT) return flagged.slice(0, LIST_LIMIT);
  const room = LIST_LIMIT - flagged.length;
  let plain = 0;
  return list.filter((item) => notable(item) || plain++ < room);
}

/**
 * A result small enough to read: past LIST_LIMIT diagnostics or list items, the rest is counted in
 * `truncated` instead of listed (the full result stays behind `--full` and in report files).
 */
export function summariseResult<T extends Summarisable>(result: T): T & { truncated?: Truncation } {
  const truncated: Truncation = {};
  let diagnostics = result.diagnostics;
  if (diagnostics.length > LIST_LIMIT) {
    const { kept, byCode } = keepDiagnostics(diagnostics);
    truncated.diagnostics = { total: diagnostics.length, shown: kept.length, byCode };
    diagnostics = kept;
  }
  let data = result.data;
  for (const [key, value] of Object.entries(result.data)) {
    if (!Array.isArray(value) || value.length <= LIST_LIMIT) continue;
    const kept = keepItems(value);
    (truncated.data ??= {})[key] = { total: value.length, shown: kept.length };
    data = { ...data, [key]: kept };
  }
  if (!truncated.diagnostics && !truncated.data) return result;
  return { ...result, diagnostics, data, truncated };
}

/** Every gate of a check report summarised; counts stay those of the full report. */
export function summariseCheckReport(report: CheckReport): CheckReport {
  return { ...report, gates: report.gates.map((g) => summariseResult(g)) };
}

/** One line saying what a summarised result left out, e.g. for text output. */
export function truncationNote(truncated: Truncation | undefined): string | undefined {
  const d = truncated?.diagnostics;
  if (!d) return undefined;
  const hidden = Object.entries(d.byCode)
    .filter(([, c]) => c.total > c.shown)
    .map(([code, c]) => `${code} ×${c.total - c.shown}`)
    .join(', ');
  return `… ${d.total - d.shown} more diagnostic(s) not shown (${hidden}); --full lists them all`;
}

/** The one-line summary of a check report (`check --json`, `report merge --json`, sentinel_check). */
export function checkSummary(report: Pick<CheckReport, 'status' | 'counts'>): string {
  const { gates } = report.counts;
  return `${report.status}: ${gates.fail} failed, ${gates.pending} pending, ${gates.ok} ok, ${gates.skipped} skipped`;
}

/** What `check --json`, `report merge --json` and `sentinel_check` print: the report (long lists summarised unless full) and its one line. */
export function checkDocument(report: CheckReport, full: boolean): CheckReport & { summary: string } {
  return { ...(full ? report : summariseCheckReport(report)), summary: checkSummary(report) };
}
