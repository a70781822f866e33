import { readFileSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../../core/errors.js';
import type { Explanation } from '../../core/router/decide.js';
import { acceptAndRecord, renderRouterPrompt, routeAndRecord, type Recorded } from '../../core/router/run.js';
import type { Candidate, RouterDecision } from '../../core/router/types.js';
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
  lines.push(ctx.style.dim(`Minimum score: ${explanation.minScore} (router.minScore). Points: goal/output-note word 3 (a phrase × its words, up to 3), output-path and other words 1, owned output 5 (10 at most, narrowest owner), honoured lead 10.`));
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

function recordText(recorded: Recorded | undefined): string {
  if (!recorded) return 'Not logged (--no-log / --explain).';
  const { state } = recorded;
  return `Logged to ${recorded.log}; ${state.changed ? `state → routed (${state.file})` : `state unchanged: ${state.reason}`}`;
}

function readAnswer(ctx: CliContext, source: string): { text: string; source: string } {
  if (source === '-') return { text: readFileSync(0, 'utf8'), source: '<stdin>' };
  const file = path.resolve(ctx.cwd, source);
  try {
    return { text: readFileSync(file, 'utf8'), source: path.relative(ctx.root, file).split(path.sep).join('/') || source };
  } catch {
    throw usageError('ROUTER_ANSWER_NOT_FOUND', `Cannot read the router answer ${source}`, { path: source, fix: 'Pass the JSON file the LLM wrote, or - to read stdin' });
  }
}

const jsonRecord = (recorded: Recorded | undefined) => ({ log: recorded?.log ?? null, state: recorded?.state ?? null });

export const route: ActionBody = async (ctx, args, opts) => {
  const ref = args[0] as string;
  if (opts.prompt && opts.accept !== undefined) throw usageError('ROUTE_FLAGS', '--prompt and --accept cannot be combined', { fix: 'Render the prompt first, then --accept the answer' });
  const config = await ctx.config();
  const explain = Boolean(opts.explain);
  const log = opts.log !== false && !explain;

  if (opts.prompt) {
    const run = await renderRouterPrompt(ctx.root, config, ref);
    if (ctx.json) ctx.printJson({ ok: true, ...run });
    else {
      ctx.out(run.prompt);
      for (const d of run.diagnostics) ctx.err(`warning: ${d.message} (${d.path})`);
    }
    return 0;
  }

  if (typeof opts.accept === 'string') {
    const answer = readAnswer(ctx, opts.accept);
    const run = await acceptAndRecord(ctx.root, config, ref, answer, { log });
    if (ctx.json) {
      const { recorded, ...rest } = run;
      ctx.printJson({ ok: run.accepted, ...rest, ...(run.accepted ? { producedBy: 'llm', ...jsonRecord(recorded) } : {}) });
    } else if (!run.accepted) {
      ctx.printDiagnostics(run.diagnostics);
      ctx.out(`Rejected the router answer from ${answer.source}: ${run.diagnostics.length} problem${run.diagnostics.length === 1 ? '' : 's'}; nothing logged.`);
    } else {
      ctx.out(`Accepted the router answer from ${answer.source}: ${run.capsule.id} → ${run.decision!.leadAgent}\n${decisionText(run.decision!)}\n${recordText(run.recorded)}`);
    }
    return run.accepted ? 0 : 1;
  }

  const run = await routeAndRecord(ctx.root, config, ref, { log, explainAll: explain });
  const { outcome } = run;
  // The roster's own problems are not this command's result: stderr, so stdout stays the route's answer.
  ctx.warnDiagnostics(run.rosterDiagnostics);
  if (!outcome.ok) {
    if (ctx.json) ctx.printJson({ ok: false, capsule: run.capsule, refusal: outcome.refusal, diagnostics: outcome.diagnostics, explanation: outcome.explanation });
    else {
      ctx.printDiagnostics(outcome.diagnostics);
      ctx.out(`${ctx.style.red('Refused')} ${run.capsule.id}: ${outcome.refusal.reason}\n  fix: ${outcome.refusal.fix}`);
      if (outcome.explanation.candidates.length) ctx.out(explanationText(ctx, outcome.explanation));
    }
    return 1;
  }
  if (ctx.json) {
    ctx.printJson({
      ok: true,
      capsule: run.capsule,
      decision: outcome.decision,
      explanation: outcome.explanation,
      producedBy: 'sentinel-router',
      routerRulesHash: run.routerRulesHash,
      ...jsonRecord(run.recorded),
      diagnostics: outcome.warnings,
    });
    return 0;
  }
  // Judgement calls on the capsule (vague criteria, vague outputs…) never block routing; they are shown here.
  ctx.printDiagnostics(outcome.warnings);
  const chosen = outcome.explanation.candidates.find((c) => c.id === outcome.decision.leadAgent)!;
  ctx.out(`Routed ${run.capsule.id} → ${ctx.style.green(chosen.id)} (${chosen.name}), score ${chosen.score}\n`);
  ctx.out(explanationText(ctx, outcome.explanation));
  ctx.out(`\nDecision\n${decisionText(outcome.decision)}\n\n${recordText(run.recorded)}`);
  return 0;
};
