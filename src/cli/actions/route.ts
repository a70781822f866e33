import { readFileSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../../core/errors.js';
import type { Explanation } from '../../core/router/decide.js';
import { routeOperation } from '../../core/operations/route.js';
import type { CapsuleRef, Recorded } from '../../core/router/run.js';
import type { Candidate, RouterDecision } from '../../core/router/types.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { runOperationCommand } from '../operation-action.js';

const SECTION_LABELS: Record<string, string> = {
  goal: 'goal',
  requiredOutputs: 'outputs',
  acceptanceCriteria: 'acceptance',
  allowedContext: 'context',
  routerNotes: 'notes',
};

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
  lines.push(
    ctx.style.dim(
      `Minimum score: ${explanation.minScore} (router.minScore). Points: goal/output-note word 3 (a phrase × its words, up to 3), output-path and other words 1, owned output 5 (10 at most, narrowest owner), honoured lead 10.`,
    ),
  );
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

function recordText(recorded: { log: string | null; state: Recorded['state'] | null }): string {
  if (!recorded.log || !recorded.state) return 'Not logged (--no-log / --explain).';
  const { state } = recorded;
  return `Logged to ${recorded.log}; ${state.changed ? `state → routed (${state.file})` : `state unchanged: ${state.reason}`}`;
}

function readAnswer(ctx: CliContext, source: string): { text: string; source: string } {
  if (source === '-') return { text: readFileSync(0, 'utf8'), source: '<stdin>' };
  const file = path.resolve(ctx.cwd, source);
  try {
    return { text: readFileSync(file, 'utf8'), source: path.relative(ctx.root, file).split(path.sep).join('/') || source };
  } catch {
    throw usageError('ROUTER_ANSWER_NOT_FOUND', `Cannot read the router answer ${source}`, {
      path: source,
      fix: 'Pass the JSON file the LLM wrote, or - to read stdin',
    });
  }
}

export const route: ActionBody = async (ctx, args, opts) => {
  const ref = args[0] as string;
  if (opts.prompt && opts.accept !== undefined)
    throw usageError('ROUTE_FLAGS', '--prompt and --accept cannot be combined', { fix: 'Render the prompt first, then --accept the answer' });
  const explain = Boolean(opts.explain);
  const log = opts.log !== false && !explain;

  if (opts.prompt) {
    return runOperationCommand(
      ctx,
      routeOperation,
      { capsule: ref, mode: 'prompt' },
      {
        text(c, result) {
          c.out(String(result.data.prompt));
          for (const d of result.diagnostics) c.err(`warning: ${d.message} (${d.path})`);
        },
      },
    );
  }

  if (typeof opts.accept === 'string') {
    const answer = readAnswer(ctx, opts.accept);
    return runOperationCommand(
      ctx,
      routeOperation,
      { capsule: ref, mode: 'accept', answer: answer.text, source: answer.source, log },
      {
        text(c, result) {
          const data = result.data as { capsule: CapsuleRef; decision: RouterDecision | null; log: string | null; state: Recorded['state'] | null };
          if (result.status === 'fail') {
            c.printDiagnostics(result.diagnostics);
            c.out(
              `Rejected the router answer from ${answer.source}: ${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'}; nothing logged.`,
            );
          } else {
            c.out(
              `Accepted the router answer from ${answer.source}: ${data.capsule.id} → ${data.decision!.leadAgent}\n${decisionText(data.decision!)}\n${recordText(data)}`,
            );
          }
        },
      },
    );
  }

  return runOperationCommand(
    ctx,
    routeOperation,
    { capsule: ref, mode: explain ? 'explain' : 'route', log },
    {
      text(c, result) {
        const data = result.data as {
          capsule: CapsuleRef;
          refusal?: { reason: string; fix: string };
          explanation: Explanation;
          decision?: RouterDecision;
          log: string | null;
          state: Recorded['state'] | null;
        };
        if (result.status === 'fail') {
          c.printDiagnostics(result.diagnostics);
          c.out(`${c.style.red('Refused')} ${data.capsule.id}: ${data.refusal!.reason}\n  fix: ${data.refusal!.fix}`);
          if (data.explanation.candidates.length) c.out(explanationText(c, data.explanation));
          return;
        }
        // Judgement calls on the capsule (vague criteria, vague outputs…) never block routing; they are shown here.
        c.printDiagnostics(result.diagnostics);
        const chosen = data.explanation.candidates.find((candidate) => candidate.id === data.decision!.leadAgent)!;
        c.out(`Routed ${data.capsule.id} → ${c.style.green(chosen.id)} (${chosen.name}), score ${chosen.score}\n`);
        c.out(explanationText(c, data.explanation));
        c.out(`\nDecision\n${decisionText(data.decision!)}\n\n${recordText(data)}`);
      },
    },
  );
};
