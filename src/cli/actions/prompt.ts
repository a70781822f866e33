import path from 'node:path';
import { findAgent } from '../../core/agents/discover.js';
import { capsuleSlug } from '../../core/capsule/discover.js';
import { error, warning, type Diagnostic } from '../../core/diagnostics.js';
import { usageError } from '../../core/errors.js';
import { GATE_DESCRIPTIONS } from '../../core/gates/registry.js';
import { GATE_NAMES } from '../../core/gates/types.js';
import { packWithinBudget, expandContext, type Omitted, type Packed } from '../../core/prompt/pack.js';
import { agentPromptValues, packedSection } from '../../core/prompt/render.js';
import { fillTemplate, loadTemplate } from '../../core/prompt/template.js';
import { loadTokenCounter } from '../../core/prompt/tokens.js';
import { buildDecision } from '../../core/router/decide.js';
import { capsuleDecisionId } from '../../core/router/log.js';
import { openRouteSession } from '../../core/router/session.js';
import type { RouterDecision } from '../../core/router/types.js';
import { readState } from '../../core/state/state.js';
import { writeFileAtomic } from '../../core/workspace/fs.js';
import type { ActionBody } from '../action.js';

function parseBudget(raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw usageError('PROMPT_BUDGET_INVALID', `--budget "${String(raw)}" is not a positive whole number of tokens`, { fix: 'Pass e.g. --budget 16000' });
  }
  return value;
}

export const prompt: ActionBody = async (ctx, args, opts) => {
  const ref = args[0] as string;
  const config = await ctx.config();
  const budget = parseBudget(opts.budget, config.prompt.budgetTokens);
  if (opts.budget !== undefined && !opts.pack) throw usageError('PROMPT_BUDGET_WITHOUT_PACK', '--budget only applies with --pack', { fix: 'Add --pack, or drop --budget' });
  const session = await openRouteSession(ctx.root, config, ref);
  const { capsule, outcome } = session;
  const slug = capsuleSlug(capsule);
  const diagnostics: Diagnostic[] = [...session.roster.diagnostics];

  // Which agent: --agent, else the lead recorded in state, else route now (nothing logged).
  let agentId: string;
  let agentSource: 'flag' | 'state' | 'router';
  const stored = readState(ctx.root, config, slug);
  if (typeof opts.agent === 'string') {
    agentId = opts.agent;
    agentSource = 'flag';
  } else if (stored?.state.lead && !stored.tampered) {
    agentId = stored.state.lead;
    agentSource = 'state';
  } else if (outcome.ok) {
    agentId = outcome.decision.leadAgent;
    agentSource = 'router';
  } else {
    if (ctx.json) ctx.printJson({ ok: false, capsule: capsule.id ?? slug, refusal: outcome.refusal, diagnostics: [...outcome.diagnostics, ...diagnostics] });
    else {
      ctx.printDiagnostics(outcome.diagnostics);
      ctx.out(`No lead for ${capsule.id ?? slug}: ${outcome.refusal.reason}\n  fix: ${outcome.refusal.fix} (or pass --agent <id>)`);
    }
    return 1;
  }
  if (stored?.tampered) diagnostics.push(warning('STATE_TAMPERED', `${stored.file} was edited by hand; its lead is ignored`, { path: stored.file, fix: 'Route the capsule again with `sentinel route`' }));
  for (const d of session.validation) diagnostics.push({ ...d, severity: 'warning' });
  const agent = findAgent(session.roster, agentId);
  const decision: RouterDecision =
    outcome.ok && outcome.decision.leadAgent === agent.id ? outcome.decision : buildDecision(capsule, agent.id, config.agentsDir, `Prompt rendered for ${agent.id} (${agentSource}).`);

  const disabled = new Set(config.gates.disabled);
  const gates = GATE_NAMES.filter((name) => !disabled.has(name)).map((name) => ({ name, description: GATE_DESCRIPTIONS[name] }));
  const decisionId = capsuleDecisionId(capsule);
  const values = agentPromptValues({ agent, capsule, decision, gates, ...(decisionId ? { decisionId } : {}) });
  const template = loadTemplate(ctx.root, 'agent.md');
  const unknown = new Set<string>();
  const render = (blocks: string, omitted: readonly Omitted[]) => {
    const filled = fillTemplate(template.text, { ...values, packed_files: packedSection(blocks, omitted) });
    filled.unknown.forEach((k) => unknown.add(k));
    return filled.text;
  };
  const count = await loadTokenCounter();
  let text: string;
  let tokens: number;
  let packed: Packed[] = [];
  let omitted: Omitted[] = [];
  if (opts.pack) {
    const files = await expandContext(ctx.root, capsule.allowedContext.map((item) => item.path), session.forbiddenPaths);
    const result = packWithinBudget(files, budget, render, count);
    ({ prompt: text, tokens, packed, omitted } = result);
    if (tokens > budget) diagnostics.push(warning('PROMPT_OVER_BUDGET', `The prompt without any file is already ${tokens} tokens, over the budget of ${budget}`, { fix: 'Raise --budget (or prompt.budgetTokens), or shorten ROLE/PLAYBOOK/capsule' }));
  } else {
    text = render('', []);
    tokens = count(text);
  }
  for (const key of [...unknown].sort()) {
    diagnostics.push(error('PROMPT_TEMPLATE_PLACEHOLDER', `Unknown placeholder {{${key}}} left as written`, { path: template.source, fix: `Use one of: ${Object.keys(values).join(', ')}` }));
  }

  let outFile: string | undefined;
  if (typeof opts.out === 'string') {
    outFile = path.resolve(ctx.cwd, opts.out);
    writeFileAtomic(outFile, text.endsWith('\n') ? text : `${text}\n`);
  }
  if (ctx.json) {
    ctx.printJson({
      ok: true,
      agent: agent.id,
      agentSource,
      capsule: capsule.id ?? slug,
      template: template.source,
      tokens,
      ...(opts.pack ? { budget } : {}),
      packed,
      omitted,
      ...(outFile ? { out: outFile } : {}),
      diagnostics,
      prompt: text,
    });
    return 0;
  }
  if (!outFile) ctx.out(text);
  const summary = [`${agent.id} prompt for ${capsule.id ?? slug}: ${tokens} tokens${opts.pack ? ` (budget ${budget})` : ''}${outFile ? `, written to ${outFile}` : ''}`];
  if (opts.pack) summary.push(`packed ${packed.length} file${packed.length === 1 ? '' : 's'}${omitted.length ? `; not inlined: ${omitted.map((o) => `${o.path} (${o.reason}${o.tokens ? `, ${o.tokens} tokens` : ''})`).join(', ')}` : ''}`);
  for (const d of diagnostics) summary.push(`${d.severity}: ${d.code} ${d.message}`);
  // With the prompt on stdout, the summary goes to stderr so piping stays clean.
  (outFile ? ctx.out : ctx.err)(summary.join('\n'));
  return 0;
};
