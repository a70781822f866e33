import { classifyCriterion } from '../capsule/acceptance.js';
import { capsuleSlug } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import type { Diagnostic } from '../diagnostics.js';
import { routeCapsule } from '../router/decide.js';
import { capsuleDecisionId, type RouterLogEntry } from '../router/log.js';
import { toRoutable } from '../router/score.js';
import { sha256 } from '../workspace/fs.js';
import { cardFor } from './board.js';
import { decisionViews, decisionsOf, handoffEdges } from './relations.js';
import type { UiSource } from './source.js';
import type { CapsuleDetail, CriterionClass, RoutingView } from './types.js';

/** The core's class, in the page's words: command (a run proves it), review (a person checks it), vague. */
function criterionClass(text: string): { class: CriterionClass; signals: string[] } {
  const verdict = classifyCriterion(text);
  return { class: verdict.class === 'inspectable' ? 'review' : verdict.class, signals: verdict.signals };
}

function routingView(source: UiSource, capsule: Capsule, validation: Diagnostic[], log: RouterLogEntry[]): RoutingView {
  const roster = source.getRoster();
  const outcome = routeCapsule({
    capsule,
    agents: roster.agents.map(toRoutable),
    minScore: source.config.router.minScore,
    agentsDir: source.config.agentsDir,
    validation,
    explainAll: true,
  });
  const last = log[log.length - 1];
  return {
    logged: last
      ? {
          at: last.timestamp,
          lead: last.decision.leadAgent,
          producedBy: last.producedBy,
          notes: last.decision.notes ?? '',
          decisionId: last.decisionId ?? null,
          scores: last.scores ?? [],
          stale: last.capsuleContentHash !== sha256(capsule.text),
        }
      : null,
    routes: log.length,
    now: {
      chosen: outcome.explanation.chosen ?? null,
      minScore: outcome.explanation.minScore,
      refusal: outcome.ok ? null : outcome.refusal.reason,
      candidates: outcome.explanation.candidates.map((c) => ({
        id: c.id,
        score: c.score,
        keywordScore: c.keywordScore,
        pathScore: c.pathScore,
        leadScore: c.leadScore,
        keywords: c.keywords.map((k) => ({ keyword: k.keyword, section: k.section, points: k.points })),
        paths: c.paths.map((p) => ({ output: p.output, glob: p.glob, points: p.points })),
      })),
    },
  };
}

/** Everything the capsule page shows; undefined when no capsule or state has this slug. */
export async function buildCapsuleDetail(source: UiSource, slug: string): Promise<CapsuleDetail | undefined> {
  const [{ capsules, errors: capsuleErrors }, { states, errors: stateErrors }] = await Promise.all([source.capsules(), source.states()]);
  const capsule = capsules.find((c) => capsuleSlug(c) === slug);
  const loaded = states.find((s) => s.state.slug === slug);
  if (!capsule && !loaded) return undefined;
  const roster = source.getRoster();
  const check = capsule ? await source.check(capsule) : undefined;
  const card = cardFor(roster, slug, capsule, loaded, check?.ok ? 'ready' : 'draft');
  const [log, evidence, { ledger }] = await Promise.all([source.routerLog(slug), source.evidence(slug), source.ledger()]);
  const edges = handoffEdges(capsules, states);
  const state = loaded?.state;
  const emptyRouting: RoutingView = {
    logged: null,
    routes: 0,
    now: { chosen: null, minScore: source.config.router.minScore, refusal: 'capsule file not found', candidates: [] },
  };
  const ownErrors = [...capsuleErrors, ...stateErrors].filter((e) => e.file === capsule?.file || e.file === loaded?.file);
  return {
    slug,
    id: card.id,
    file: capsule?.file ?? state?.capsuleFile ?? null,
    title: card.title,
    status: card.status,
    lead: card.lead,
    phase: card.phase,
    phases: roster.agents.find((a) => a.id === state?.lead)?.playbook.phases.map((p) => p.name) ?? [],
    goal: capsule?.goal ?? '',
    goalLine: capsule?.goalLine ?? null,
    criteria: (capsule?.acceptanceCriteria ?? []).map((item) => ({ text: item.text, line: item.line, ...criterionClass(item.text) })),
    requiredOutputs: (capsule?.requiredOutputs ?? []).map((i) => ({ path: i.path, ...(i.note ? { note: i.note } : {}), line: i.line })),
    allowedContext: (capsule?.allowedContext ?? []).map((i) => ({ path: i.path, ...(i.note ? { note: i.note } : {}), line: i.line })),
    validation: check?.diagnostics ?? [],
    routing: capsule && check ? routingView(source, capsule, check.diagnostics, log.entries) : emptyRouting,
    evidence: evidence.records
      .map(({ file, record }) => ({
        file,
        at: record.at,
        by: record.by,
        outcome: record.outcome,
        base: record.base,
        treeHash: record.treeHash,
        gates: record.gates,
      }))
      .reverse(),
    decisions: decisionsOf(decisionViews(ledger), slug, capsule ? capsuleDecisionId(capsule) : undefined),
    handoffsIn: edges.filter((e) => e.to === slug),
    handoffsOut: edges.filter((e) => e.from === slug),
    history: state?.history ?? [],
    tampered: card.tampered,
    errors: [...ownErrors, ...log.errors, ...evidence.errors],
  };
}
