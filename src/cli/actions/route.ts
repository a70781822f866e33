import { readFileSync } from 'node:fs';
import path from 'node:path';
import { capsuleSlug } from '../../core/capsule/discover.js';
import { error, type Diagnostic } from '../../core/diagnostics.js';
import { usageError } from '../../core/errors.js';
import { checkRouterAnswer } from '../../core/router/accept.js';
import type { Explanation } from '../../core/router/decide.js';
import { advanceToRouted, appendRouterLog, buildLogEntry, type ProducedBy, type StateAdvance } from '../../core/router/log.js';
import { openRouteSession, type RouteSession } from '../../core/router/session.js';
import type { Candidate, RouterDecision } from '../../core/router/types.js';
import { loadTemplate, fillTemplate } from '../../core/prompt/template.js';
import { routerPromptValues } from '../../core/prompt/router-prompt.js';
import { schemasDir } from '../../core/workspace/package-dir.js';
import type { SentinelConfig } from '../../core/workspace/config-types.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';

const SECTION_LABELS: Record<string, string> = { goal: 'goal', requiredOutputs: 'outputs', acceptanceCriteria: 'acceptance', allowedContext: 'context', routerNotes: 'notes' };

function candidateText(ctx: CliContext, candidate: Candidate, rank: number, chosen: boolean): string {
  const bySection = new Map<string, string[]>();
  for (const hit of candidate.keywords) bySection.set(hit.keyword, [...(bySection.get(hit.keyword) ?? []), SECTION_LABELS[hit.section] ?? hit.section]);
  const id = chosen ? ctx.style.bold(candidate.id) : candidate.id;
  const lines = [`  ${rank}. ${id}  ${candidate.score}  (words ${candidate.keywordScore}, paths ${candidate.pathScore}, lead ${candidate.leadScore})`];
  if (bySection.size) lines.push(`       words: ${[...bySection].map(([k, s]) => `${k} [${s.join(', ')}]`).join(', ')}`);
  if (candidate.paths.length) lines.push(`       paths: ${candidate.paths.map((p) => `${p.output} ~ ${p.glob}`).join(', ')}`);
  if (!bySection.size && !candidate.paths.length && !candidate.leadScore) lines.push(ctx.style.dim('       nothing matched'));
  return lines.join('\n');
}

function explanationText(ctx: CliContext, explanation: Explanation): string {
  const lines: string[] = [];
  if (explanation.candidates.length) {
    lines.push('Candidates:');
    explanation.candidates.forEach((c, i) => lines.push(candidateText(ctx, c, i + 1, c.id === explanation.chosen)));
  }
  if (explanation.lead) lines.push(`${explanation.lead.reason}${explanation.lead.line ? ` (capsule line ${explanation.lead.line})` : ''}`);
  lines.push(ctx.style.dim(`Minimum score: ${explanation.minScore} (router.minScore). Points: goal/outputs word 3, other sections 1, owned output path 5, honoured lead 10.`));
  return lines.join('\n');
}

function decisionText(decision: RouterDecision): string {
  const list = (items: string[]) => (items.length ? items.map((i) => `    - ${i}`).join('\n') : '    (none)');
  return [
    `  lead agent: ${decision.leadAgent}`,
    `  required outputs:\n${list(decision.requiredOutputs)}`,
    `  acceptance criteria:\n${list(decision.acceptanceCriteria)}`,
    `  context to mount:\n${list(decision.contextToMount)}`,
  ].join('\n');
}

async function record(ctx: CliContext, config: SentinelConfig, session: RouteSession, decision: RouterDecision, producedBy: ProducedBy, scores?: { id: string; score: number }[]) {
  const entry = buildLogEntry(session.capsule, decision, session.routerRulesHash, producedBy, scores ? { scores } : {});
  const log = await appendRouterLog(ctx.root, config, capsuleSlug(session.capsule), entry);
  const state = await advanceToRouted(ctx.root, config, session.capsule, decision.leadAgent, producedBy);
  return { log, state, entry };
}

function recordText(log: string | null, state: StateAdvance | null): string {
  if (!log) return 'Not logged (--no-log / --explain).';
  const stateLine = state?.changed ? `state → routed (${state.file})` : `state unchanged: ${state?.reason}`;
  return `Logged to ${log}; ${stateLine}`;
}

function readAnswer(ctx: CliContext, source: string): { text: string; label: string } {
  if (source === '-') return { text: readFileSync(0, 'utf8'), label: '<stdin>' };
  const file = path.resolve(ctx.cwd, source);
  try {
    return { text: readFileSync(file, 'utf8'), label: path.relative(ctx.root, file).split(path.sep).join('/') || source };
  } catch {
    throw usageError('ROUTER_ANSWER_NOT_FOUND', `Cannot read the router answer ${source}`, { path: source, fix: 'Pass the JSON file the LLM wrote, or - to read stdin' });
  }
}

async function renderRouterPrompt(ctx: CliContext, config: SentinelConfig, session: RouteSession): Promise<number> {
  const template = loadTemplate(ctx.root, 'router.md');
  const schema = readFileSync(path.join(schemasDir(), 'router-decision.schema.json'), 'utf8');
  const values = routerPromptValues({ capsule: session.capsule, agents: session.roster.agents, agentsDir: config.agentsDir, outcome: session.outcome, schema });
  const filled = fillTemplate(template.text, values);
  const diagnostics = filled.unknown.map((key) =>
    error('PROMPT_TEMPLATE_PLACEHOLDER', `Unknown placeholder {{${key}}} left as written`, { path: template.source, fix: `Use one of: ${Object.keys(values).join(', ')}` }),
  );
  if (ctx.json) ctx.printJson({ ok: true, capsule: session.capsule.id ?? capsuleSlug(session.capsule), template: template.source, prompt: filled.text, diagnostics });
  else {
    ctx.out(filled.text);
    for (const d of diagnostics) ctx.err(`warning: ${d.message} (${d.path})`);
  }
  return 0;
}

async function acceptAnswer(ctx: CliContext, config: SentinelConfig, session: RouteSession, source: string, log: boolean): Promise<number> {
  const answer = readAnswer(ctx, source);
  const capsuleRef = { id: session.capsule.id ?? capsuleSlug(session.capsule), file: session.capsule.file };
  let diagnostics: Diagnostic[] = session.validation.filter((d) => d.severity === 'error');
  let decision: RouterDecision | undefined;
  if (diagnostics.length === 0) {
    const checked = checkRouterAnswer({ text: answer.text, source: answer.label, capsule: session.capsule, agents: session.agents, agentsDir: config.agentsDir });
    diagnostics = checked.diagnostics;
    if (checked.ok) decision = checked.decision;
  }
  if (!decision) {
    if (ctx.json) ctx.printJson({ ok: false, capsule: capsuleRef, accepted: false, diagnostics });
    else {
      ctx.printDiagnostics(diagnostics);
      ctx.out(`Rejected the router answer from ${answer.label}: ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}; nothing logged.`);
    }
    return 1;
  }
  const recorded = log ? await record(ctx, config, session, decision, 'llm') : undefined;
  if (ctx.json) {
    ctx.printJson({ ok: true, capsule: capsuleRef, accepted: true, decision, producedBy: 'llm', routerRulesHash: session.routerRulesHash, log: recorded?.log ?? null, state: recorded?.state ?? null });
  } else {
    ctx.out(`Accepted the router answer from ${answer.label}: ${capsuleRef.id} → ${decision.leadAgent}\n${decisionText(decision)}\n${recordText(recorded?.log ?? null, recorded?.state ?? null)}`);
  }
  return 0;
}

export const route: ActionBody = async (ctx, args, opts) => {
  const ref = args[0] as string;
  if (opts.prompt && opts.accept !== undefined) throw usageError('ROUTE_FLAGS', '--prompt and --accept cannot be combined', { fix: 'Render the prompt first, then --accept the answer' });
  const config = await ctx.config();
  const explain = Boolean(opts.explain);
  const session = await openRouteSession(ctx.root, config, ref, { explainAll: explain });
  if (session.roster.diagnostics.length && !ctx.json) ctx.printDiagnostics(session.roster.diagnostics);
  if (opts.prompt) return renderRouterPrompt(ctx, config, session);
  const log = opts.log !== false && !explain;
  if (typeof opts.accept === 'string') return acceptAnswer(ctx, config, session, opts.accept, log);

  const { outcome, capsule } = session;
  const capsuleRef = { id: capsule.id ?? capsuleSlug(capsule), file: capsule.file };
  if (!outcome.ok) {
    if (ctx.json) ctx.printJson({ ok: false, capsule: capsuleRef, refusal: outcome.refusal, diagnostics: [...outcome.diagnostics, ...session.roster.diagnostics], explanation: outcome.explanation });
    else {
      ctx.printDiagnostics(outcome.diagnostics);
      ctx.out(`${ctx.style.red('Refused')} ${capsuleRef.id}: ${outcome.refusal.reason}\n  fix: ${outcome.refusal.fix}`);
      if (outcome.explanation.candidates.length) ctx.out(explanationText(ctx, outcome.explanation));
    }
    return 1;
  }
  const recorded = log ? await record(ctx, config, session, outcome.decision, 'sentinel-router', outcome.explanation.ranking) : undefined;
  if (ctx.json) {
    ctx.printJson({
      ok: true,
      capsule: capsuleRef,
      decision: outcome.decision,
      explanation: outcome.explanation,
      producedBy: 'sentinel-router',
      routerRulesHash: session.routerRulesHash,
      log: recorded?.log ?? null,
      state: recorded?.state ?? null,
      diagnostics: session.roster.diagnostics,
    });
    return 0;
  }
  const chosen = outcome.explanation.candidates.find((c) => c.id === outcome.decision.leadAgent)!;
  ctx.out(`Routed ${capsuleRef.id} → ${ctx.style.green(chosen.id)} (${chosen.name}), score ${chosen.score}\n`);
  ctx.out(explanationText(ctx, outcome.explanation));
  ctx.out(`\nDecision\n${decisionText(outcome.decision)}\n\n${recordText(recorded?.log ?? null, recorded?.state ?? null)}`);
  return 0;
};
