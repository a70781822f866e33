import { statusReport } from '../../core/lifecycle/report.js';
import { gatesSummary } from '../../core/lifecycle/status.js';
import { diagnosticsLine, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const report = await statusReport(call.root, call.config);
  const lines = report.capsules.map((r) => `${r.slug}: ${r.status}${r.tampered ? ' TAMPERED' : ''}, lead ${r.lead ?? '-'}, phase ${r.phase ?? '-'}${Object.keys(r.gates).length ? `, gates ${gatesSummary(r.gates)}` : ''}`);
  const summary = `${report.capsules.length} capsule(s)${report.ok ? '' : '; a state file was edited by hand'}`;
  return { structured: { ...report, summary }, text: [summary, ...lines].join('\n') + diagnosticsLine(report.diagnostics) };
}
