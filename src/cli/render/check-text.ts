import type { CheckReport } from '../../core/report/check-report.js';
import type { GateStatus } from '../../core/gates/types.js';
import { truncationNote } from '../../core/report/summarise.js';
import { formatDiagnostic } from './diagnostics.js';
import type { Style } from './style.js';
import { formatTable } from './table.js';

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}

export function statusLabel(status: GateStatus, style: Style): string {
  if (status === 'ok') return style.green('ok');
  if (status === 'fail') return style.red('fail');
  if (status === 'pending') return style.yellow('pending');
  return style.dim('skipped');
}

const indent = (text: string, by: string) => text.replace(/^/gm, by);

/**
 * The human report: one table row per gate, then the diagnostics that need attention
 * (everything from failing/pending gates; errors and warnings from the others).
 */
export function renderCheckText(report: CheckReport, style: Style): string {
  const rows = report.gates.map((g) => [g.gate, statusLabel(g.status, style), formatDuration(g.durationMs), g.summary]);
  const parts = [formatTable(['gate', 'status', 'time', 'summary'], rows)];
  for (const g of report.gates) {
    const attention = g.status === 'fail' || g.status === 'pending';
    const shown = g.diagnostics.filter((d) => attention || d.severity !== 'info');
    if (shown.length === 0) continue;
    const note = truncationNote(g.truncated);
    parts.push(
      `${style.bold(g.gate)} ${statusLabel(g.status, style)}\n${shown.map((d) => indent(formatDiagnostic(d, style), '  ')).join('\n')}${note ? `\n  ${style.dim(note)}` : ''}`,
    );
  }
  const c = report.counts.gates;
  const verdict = report.ok ? style.green(report.status === 'pending' ? 'passed with pending gates' : 'passed') : style.red('failed');
  const tally = [`${c.ok} ok`, `${c.fail} failed`, `${c.pending} pending`, `${c.skipped} skipped`].join(', ');
  const base = report.base ? `${style.dim(`base ${report.base.slice(0, 12)}: ${report.baseReason ?? 'default'}`)}\n` : '';
  parts.push(
    `${base}sentinel check ${verdict}: ${tally}${report.strict && c.pending ? ' (--strict: pending gates fail)' : ''} in ${formatDuration(report.durationMs)}`,
  );
  return parts.join('\n\n');
}
