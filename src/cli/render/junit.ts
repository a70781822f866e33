import type { Diagnostic } from '../../core/diagnostics.js';
import type { CheckReport } from '../../core/report/check-report.js';
import { gateFails } from '../../core/report/check-report.js';

/** Escape for XML text and attributes, dropping characters XML 1.0 cannot hold. */
function xmlEscape(text: string): string {
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function diagnosticLine(d: Diagnostic): string {
  const where = d.path ? `${d.path}${d.line ? `:${d.line}` : ''}: ` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}${d.fix ? `\n  fix: ${d.fix}` : ''}`;
}

/** One JUnit test case per gate; a failing gate carries its diagnostics in <failure>. */
export function renderJUnit(report: CheckReport): string {
  const failures = report.gates.filter((g) => gateFails(g.status, report.strict)).length;
  const skipped = report.gates.filter((g) => !gateFails(g.status, report.strict) && (g.status === 'skipped' || g.status === 'pending')).length;
  const total = seconds(report.durationMs);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sentinel" tests="${report.gates.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${total}">`,
    `  <testsuite name="sentinel check" tests="${report.gates.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${total}">`,
  ];
  for (const g of report.gates) {
    const open = `    <testcase classname="sentinel.gates" name="${xmlEscape(g.gate)}" time="${seconds(g.durationMs)}"`;
    const body = g.diagnostics.map(diagnosticLine).join('\n');
    if (gateFails(g.status, report.strict)) {
      const first = g.diagnostics.find((d) => d.severity === 'error') ?? g.diagnostics[0];
      const message = `${g.status}: ${g.summary}${first ? ` (${first.code})` : ''}`;
      lines.push(`${open}>`, `      <failure message="${xmlEscape(message)}" type="${g.status}">${xmlEscape(body)}</failure>`, '    </testcase>');
    } else if (g.status === 'skipped' || g.status === 'pending') {
      lines.push(`${open}>`, `      <skipped message="${xmlEscape(`${g.status}: ${g.summary}`)}"/>`, '    </testcase>');
    } else if (body) {
      lines.push(`${open}>`, `      <system-out>${xmlEscape(body)}</system-out>`, '    </testcase>');
    } else {
      lines.push(`${open}/>`);
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
