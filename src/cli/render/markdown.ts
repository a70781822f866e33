import type { Diagnostic } from '../../core/diagnostics.js';
import type { CheckReport } from '../../core/report/check-report.js';
import { gateFails } from '../../core/report/check-report.js';
import { inlineCode, STATUS_ICON, tableCell } from '../../core/report/markdown-text.js';
import { formatDuration } from './check-text.js';

const MAX_PER_GATE = 50;

function diagnosticItem(d: Diagnostic): string {
  const [first = '', ...rest] = d.message.split('\n');
  const where = d.path ? ` ${inlineCode(`${d.path}${d.line ? `:${d.line}` : ''}`)}` : '';
  const lines = [`- **${d.severity}** ${inlineCode(d.code)}${where}: ${first.replace(/</g, '&lt;')}`];
  if (d.fix) lines.push(`  - fix: ${d.fix.replace(/</g, '&lt;')}`);
  if (rest.length) {
    const fence = rest.join('\n').includes('```') ? '~~~~' : '```';
    lines.push('  <details><summary>output</summary>', '', `  ${fence}text`, ...rest.map((l) => `  ${l}`), `  ${fence}`, '', '  </details>');
  }
  return lines.join('\n');
}

/** A CI step summary: verdict, one table row per gate, then what failed and how to fix it. */
export function renderMarkdown(report: CheckReport): string {
  const verdict = report.ok
    ? report.status === 'pending'
      ? '✅ Sentinel check passed (with pending gates)'
      : '✅ Sentinel check passed'
    : '❌ Sentinel check failed';
  const c = report.counts.gates;
  const out = [
    `## ${verdict}`,
    '',
    `${c.ok} ok · ${c.fail} failed · ${c.pending} pending · ${c.skipped} skipped · ${formatDuration(report.durationMs)}${report.strict ? ' · strict' : ''}${report.base ? ` · base \`${report.base.slice(0, 12)}\`${report.baseReason ? ` (${report.baseReason})` : ''}` : ''}`,
    '',
    '| Gate | Status | Duration | Summary |',
    '| --- | --- | ---: | --- |',
    ...report.gates.map((g) => `| ${g.gate} | ${STATUS_ICON[g.status]} ${g.status} | ${formatDuration(g.durationMs)} | ${tableCell(g.summary)} |`),
  ];
  const attention = report.gates.filter((g) => gateFails(g.status, report.strict) || g.status === 'pending');
  if (attention.length) {
    out.push('', '### What needs attention');
    for (const g of attention) {
      const shown = g.diagnostics.slice(0, MAX_PER_GATE);
      out.push('', `#### ${STATUS_ICON[g.status]} ${g.gate}: ${g.status}`, '', ...shown.map(diagnosticItem));
      if (g.diagnostics.length > shown.length) out.push(`- …and ${g.diagnostics.length - shown.length} more (see the JSON or SARIF report)`);
      if (g.diagnostics.length === 0) out.push(`- ${g.summary}`);
    }
  }
  return `${out.join('\n')}\n`;
}
