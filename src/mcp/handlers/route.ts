import { acceptAndRecord, renderRouterPrompt, routeAndRecord } from '../../core/router/run.js';
import { diagnosticsLine, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const ref = String(call.args.capsule);
  const mode = (call.args.mode as string | undefined) ?? 'route';
  if (mode === 'prompt') {
    const run = await renderRouterPrompt(call.root, call.config, ref);
    return { structured: { ok: true, summary: `router prompt for ${run.capsule.id}`, lead: null, capsule: run.capsule, prompt: run.prompt, diagnostics: run.diagnostics }, text: run.prompt };
  }
  const log = call.args.log !== false && mode !== 'explain';
  if (mode === 'accept') {
    if (typeof call.args.answer !== 'string') throw new Error('mode accept needs `answer` (the router JSON text)');
    const run = await acceptAndRecord(call.root, call.config, ref, { text: call.args.answer, source: '<mcp>' }, { log });
    const summary = run.accepted ? `accepted: ${run.capsule.id} → ${run.decision!.leadAgent}` : `rejected: ${run.diagnostics.length} problem(s), nothing logged`;
    return {
      structured: { ok: run.accepted, summary, lead: run.decision?.leadAgent ?? null, capsule: run.capsule, decision: run.decision ?? null, log: run.recorded?.log ?? null, diagnostics: run.diagnostics },
      text: summary + diagnosticsLine(run.diagnostics),
    };
  }
  const run = await routeAndRecord(call.root, call.config, ref, { log, explainAll: mode === 'explain' });
  const { outcome } = run;
  if (!outcome.ok) {
    const summary = `refused ${run.capsule.id}: ${outcome.refusal.reason}`;
    return {
      structured: { ok: false, summary, lead: null, capsule: run.capsule, refusal: outcome.refusal, explanation: outcome.explanation, diagnostics: outcome.diagnostics },
      text: `${summary} (fix: ${outcome.refusal.fix})${diagnosticsLine(outcome.diagnostics)}`,
    };
  }
  const lead = outcome.decision.leadAgent;
  const scores = outcome.explanation.candidates.slice(0, 3).map((c) => `${c.id} ${c.score}`).join(', ');
  const summary = `${run.capsule.id} → ${lead}${run.recorded ? ` (logged to ${run.recorded.log})` : ' (not logged)'}`;
  return {
    structured: { ok: true, summary, lead, capsule: run.capsule, decision: outcome.decision, scores: outcome.explanation.ranking, log: run.recorded?.log ?? null, diagnostics: outcome.warnings },
    text: `${summary}; top scores: ${scores}${diagnosticsLine(outcome.warnings)}`,
  };
}
