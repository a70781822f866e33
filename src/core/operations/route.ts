import { z } from 'zod';
import { usageError } from '../errors.js';
import { defineOperation, type OperationResult } from './operation.js';

type RouteData = Record<string, unknown>;

/** `sentinel route` / `sentinel_route`: pick one lead, explain, render the LLM router prompt, or accept its answer. */
export const routeOperation = defineOperation({
  name: 'route',
  input: z.object({
    capsule: z.string().describe('Capsule slug, id or path'),
    mode: z.enum(['route', 'explain', 'prompt', 'accept']).optional().describe('Default route'),
    answer: z.string().optional().describe('accept: the router JSON answer'),
    source: z.string().optional().describe('accept: where the answer came from'),
    log: z.boolean().optional().describe('Log the decision (default true)'),
  }),
  async run(ctx, input): Promise<OperationResult<RouteData>> {
    const { acceptAndRecord, renderRouterPrompt, routeAndRecord } = await import('../router/run.js');
    const mode = input.mode ?? 'route';
    if (mode === 'prompt') {
      const run = await renderRouterPrompt(ctx.root, ctx.config, input.capsule);
      const { diagnostics, ...data } = run;
      return { status: 'ok', summary: `router prompt for ${run.capsule.id}`, diagnostics, data: { lead: null, ...data } };
    }
    const log = input.log !== false && mode !== 'explain';
    if (mode === 'accept') {
      if (input.answer === undefined)
        throw usageError('ROUTE_ANSWER_MISSING', 'mode accept needs `answer` (the router JSON text)', {
          fix: 'Pass answer (or --accept <file> on the command line)',
        });
      // Diagnostics point into the answer: the file the CLI read it from, or the tool call.
      const source = input.source ?? '<mcp>';
      const run = await acceptAndRecord(ctx.root, ctx.config, input.capsule, { text: input.answer, source }, { log });
      const summary = run.accepted
        ? `accepted: ${run.capsule.id} → ${run.decision!.leadAgent}`
        : `rejected: ${run.diagnostics.length} problem(s), nothing logged`;
      const data = {
        lead: run.decision?.leadAgent ?? null,
        capsule: run.capsule,
        accepted: run.accepted,
        decision: run.decision ?? null,
        routerRulesHash: run.routerRulesHash,
        source,
        ...(run.accepted ? { producedBy: 'llm', log: run.recorded?.log ?? null, state: run.recorded?.state ?? null } : {}),
      };
      return { status: run.accepted ? 'ok' : 'fail', summary, diagnostics: run.diagnostics, data };
    }
    const run = await routeAndRecord(ctx.root, ctx.config, input.capsule, { log, explainAll: mode === 'explain' });
    const { outcome } = run;
    const notes = run.rosterDiagnostics;
    if (!outcome.ok) {
      const summary = `refused ${run.capsule.id}: ${outcome.refusal.reason}`;
      return {
        status: 'fail',
        summary,
        diagnostics: outcome.diagnostics,
        notes,
        data: { lead: null, capsule: run.capsule, refusal: outcome.refusal, explanation: outcome.explanation },
      };
    }
    const lead = outcome.decision.leadAgent;
    const summary = `${run.capsule.id} → ${lead}${run.recorded ? ` (logged to ${run.recorded.log})` : ' (not logged)'}`;
    return {
      status: 'ok',
      summary,
      diagnostics: outcome.warnings,
      notes,
      data: {
        lead,
        capsule: run.capsule,
        decision: outcome.decision,
        explanation: outcome.explanation,
        producedBy: 'sentinel-router',
        routerRulesHash: run.routerRulesHash,
        log: run.recorded?.log ?? null,
        state: run.recorded?.state ?? null,
      },
    };
  },
});
