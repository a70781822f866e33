import { createGateInputs } from '../../core/gates/inputs.js';
import { checkProvenance } from '../../core/provenance/check.js';
import { stampFiles } from '../../core/provenance/stamp-files.js';
import type { ActionBody } from '../action.js';
import { countBySeverity } from '../render/diagnostics.js';

export const stamp: ActionBody = async (ctx, args, opts) => {
  const files = (Array.isArray(args[0]) ? args[0] : [args[0]]).map(String);
  const dryRun = Boolean(opts.dryRun);
  const run = await stampFiles(ctx.root, await ctx.config(), { caller: ctx.caller,
    files,
    decision: String(opts.decision ?? ''),
    ...(typeof opts.agent === 'string' ? { agent: opts.agent } : {}),
    ...(opts.capsule !== undefined ? { capsule: String(opts.capsule) } : {}),
    dryRun,
  });
  const refused = run.files.filter((p) => p.status === 'refused');
  if (ctx.json) {
    const body: Record<string, unknown> = { ok: refused.length === 0, dryRun, decision: run.decision, fields: run.fields, files: run.files };
    if (refused.length) body.error = { kind: 'usage', code: 'STAMP_REFUSED', message: `${refused.length} file(s) cannot be stamped; nothing was written`, fix: refused[0]!.reason };
    ctx.printJson(body);
    return refused.length ? 2 : 0;
  }
  for (const plan of run.files) {
    if (plan.status === 'refused') ctx.err(`${ctx.style.red('refused')}    ${plan.path}: ${plan.reason}`);
    else ctx.out(`${(!run.wrote && plan.status !== 'unchanged' ? `would ${plan.status === 'inserted' ? 'insert' : 'update'}` : plan.status).padEnd(10)} ${plan.path}:${plan.line}  ${plan.header}`);
  }
  if (refused.length) {
    ctx.err(`sentinel: ${refused.length} file(s) cannot be stamped; nothing was written`);
    return 2;
  }
  if (!run.agentKnown) ctx.err(`note: "${run.agent}" is not a roster agent, so RulesHash is ${run.rulesHash}`);
  return 0;
};

export const check: ActionBody = async (ctx, _args, opts) => {
  const config = await ctx.config();
  const gateCtx = createGateInputs({ root: ctx.root, caller: ctx.caller, config, ...(typeof opts.base === 'string' ? { baseRef: opts.base } : {}) });
  const outcome = await checkProvenance(gateCtx, { all: Boolean(opts.all) });
  const ok = outcome.status !== 'fail';
  if (ctx.json) {
    ctx.printJson({ ok, status: outcome.status, summary: outcome.summary, data: outcome.data, diagnostics: outcome.diagnostics });
    return ok ? 0 : 1;
  }
  ctx.printDiagnostics(outcome.diagnostics);
  const counts = countBySeverity(outcome.diagnostics);
  ctx.out(`${ok ? ctx.style.green('ok') : ctx.style.red('fail')}  provenance: ${outcome.summary}${counts.warnings ? `, ${counts.warnings} warning(s)` : ''}`);
  return ok ? 0 : 1;
};
