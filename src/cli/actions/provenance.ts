import { chmodSync, readFileSync, statSync } from 'node:fs';
import { discoverAgents } from '../../core/agents/discover.js';
import { capsuleSlug, findCapsule } from '../../core/capsule/discover.js';
import { usageError } from '../../core/errors.js';
import { createGateContext } from '../../core/gates/context-factory.js';
import { decisionNumber, isDecisionId } from '../../core/ledger/ids.js';
import { loadLedger, rulesHashOf } from '../../core/ledger/store.js';
import { checkProvenance } from '../../core/provenance/check.js';
import { agentLabel, type ProvenanceFields } from '../../core/provenance/header.js';
import { stampText } from '../../core/provenance/stamp.js';
import { BINARY_REASON, looksBinary, syntaxFor } from '../../core/provenance/syntax.js';
import { readState, resolveActiveCapsule } from '../../core/state/state.js';
import type { SentinelConfig } from '../../core/workspace/config-types.js';
import { writeFileAtomic } from '../../core/workspace/fs.js';
import { checkInside } from '../../core/workspace/paths.js';
import type { ActionBody } from '../action.js';
import { countBySeverity } from '../render/diagnostics.js';

interface FilePlan {
  path: string;
  status: 'inserted' | 'updated' | 'unchanged' | 'refused';
  line?: number;
  header?: string;
  reason?: string;
  text?: string;
  absolute?: string;
}

/** The producing agent: --agent, else the lead of the active capsule (whose slug becomes the default capsule). */
function resolveAgent(root: string, config: SentinelConfig, explicit: unknown): { agent: string; activeCapsule?: string } {
  if (typeof explicit === 'string' && explicit.trim()) return { agent: explicit.trim() };
  const active = resolveActiveCapsule(root, config);
  const lead = active ? readState(root, config, active)?.state.lead : undefined;
  if (!active || !lead) {
    throw usageError('STAMP_NO_AGENT', active ? `The active capsule ${active} has no lead agent yet` : 'No --agent given and no active capsule to take the lead agent from', {
      fix: 'Pass --agent <id>, or route the capsule first (`sentinel route`)',
    });
  }
  return { agent: lead, activeCapsule: active };
}

function planFile(root: string, file: string, fields: ProvenanceFields): FilePlan {
  const inside = checkInside(root, file);
  if (!inside.ok) return { path: file, status: 'refused', reason: inside.message };
  const lookup = syntaxFor(inside.relative);
  if (!lookup.ok) return { path: inside.relative, status: 'refused', reason: lookup.reason };
  let content: Buffer;
  try {
    content = readFileSync(inside.absolute);
  } catch {
    return { path: inside.relative, status: 'refused', reason: 'no such file' };
  }
  if (looksBinary(content)) return { path: inside.relative, status: 'refused', reason: BINARY_REASON };
  const result = stampText(content.toString('utf8'), lookup.syntax, fields);
  if (!result.ok) return { path: inside.relative, status: 'refused', reason: result.reason };
  return { path: inside.relative, status: result.status, line: result.line, header: result.header, text: result.text, absolute: inside.absolute };
}

export const stamp: ActionBody = async (ctx, args, opts) => {
  const files = (Array.isArray(args[0]) ? args[0] : [args[0]]).map(String);
  const decision = String(opts.decision ?? '').trim();
  if (!isDecisionId(decision)) throw usageError('STAMP_BAD_DECISION', `--decision "${decision}" is not a decision id`, { fix: 'Pass an id such as D-0003' });
  const config = await ctx.config();
  const { file: ledgerFile, ledger } = loadLedger(ctx.root, config);
  const entry = ledger.entries.find((e) => decisionNumber(e.id) === decisionNumber(decision));
  if (!entry) {
    throw usageError('DECISION_NOT_FOUND', `${decision} is not in ${ledgerFile}`, { path: ledgerFile, fix: 'Record it first with `sentinel decide`, or pass an id from `sentinel decisions list`' });
  }
  const { agent, activeCapsule } = resolveAgent(ctx.root, config, opts.agent);
  let capsule: string | undefined = entry.capsule ?? activeCapsule;
  if (opts.capsule !== undefined) {
    const ref = String(opts.capsule);
    const found = await findCapsule(ctx.root, config, ref);
    capsule = found.id && found.id.toLowerCase() === ref.toLowerCase() ? found.id : capsuleSlug(found);
  }
  const { rulesHash, known } = rulesHashOf(discoverAgents(ctx.root, config), agent);
  const fields: ProvenanceFields = { producedBy: agentLabel(agent), rulesHash, decision: entry.id };
  if (capsule) fields.capsule = capsule;

  const plans = files.map((f) => planFile(ctx.root, f, fields));
  const refused = plans.filter((p) => p.status === 'refused');
  const dryRun = Boolean(opts.dryRun);
  if (refused.length === 0 && !dryRun) {
    for (const plan of plans) {
      if (plan.status === 'unchanged' || !plan.absolute || plan.text === undefined) continue;
      const mode = statSync(plan.absolute).mode;
      writeFileAtomic(plan.absolute, plan.text);
      chmodSync(plan.absolute, mode & 0o7777); // keep a script's executable bit
    }
  }
  const report = plans.map(({ text: _text, absolute: _absolute, ...rest }) => rest);
  if (ctx.json) {
    const body: Record<string, unknown> = { ok: refused.length === 0, dryRun, decision: entry.id, fields, files: report };
    if (refused.length) body.error = { kind: 'usage', code: 'STAMP_REFUSED', message: `${refused.length} file(s) cannot be stamped; nothing was written`, fix: refused[0]!.reason };
    ctx.printJson(body);
    return refused.length ? 2 : 0;
  }
  const wrote = !dryRun && refused.length === 0;
  for (const plan of plans) {
    if (plan.status === 'refused') ctx.err(`${ctx.style.red('refused')}    ${plan.path}: ${plan.reason}`);
    else ctx.out(`${(!wrote && plan.status !== 'unchanged' ? `would ${plan.status === 'inserted' ? 'insert' : 'update'}` : plan.status).padEnd(10)} ${plan.path}:${plan.line}  ${plan.header}`);
  }
  if (refused.length) {
    ctx.err(`sentinel: ${refused.length} file(s) cannot be stamped; nothing was written`);
    return 2;
  }
  if (!known) ctx.err(`note: "${agent}" is not a roster agent, so RulesHash is ${rulesHash}`);
  return 0;
};

export const check: ActionBody = async (ctx, _args, opts) => {
  const config = await ctx.config();
  const gateCtx = createGateContext({ root: ctx.root, config, ...(typeof opts.base === 'string' ? { baseRef: opts.base } : {}) });
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
