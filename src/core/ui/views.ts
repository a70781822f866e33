import { capsuleSlug } from '../capsule/discover.js';
import { decisionViews, handoffEdges } from './relations.js';
import type { UiSource } from './source.js';
import type { ChecksView, ErrorCard, GraphView, HistoryView, LedgerView, RosterView } from './types.js';

export async function buildLedger(source: UiSource): Promise<LedgerView> {
  const { ledger, exists } = await source.ledger();
  return { file: ledger.file, exists, entries: decisionViews(ledger), diagnostics: ledger.diagnostics };
}

export async function buildRoster(source: UiSource): Promise<RosterView> {
  const roster = source.getRoster();
  const { states } = await source.states();
  const leads = new Map<string, number>();
  for (const { state } of states) if (state.lead) leads.set(state.lead, (leads.get(state.lead) ?? 0) + 1);
  return {
    agents: roster.agents.map((a) => ({
      id: a.id,
      name: a.manifest.name,
      summary: a.manifest.summary,
      dir: a.dir,
      phases: a.playbook.phases.map((p) => p.name),
      owns: a.manifest.owns ?? [],
      neverOutputs: a.manifest.never_outputs ?? [],
      handoffs: a.manifest.handoffs ?? [],
      capsules: leads.get(a.id) ?? 0,
    })),
    diagnostics: roster.diagnostics,
  };
}

export async function buildGraph(source: UiSource): Promise<GraphView> {
  const [{ capsules }, { states }] = await Promise.all([source.capsules(), source.states()]);
  const edges = handoffEdges(capsules, states);
  const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
  const bySlug = new Map(states.map((s) => [s.state.slug, s.state]));
  const titles = new Map(capsules.map((c) => [capsuleSlug(c), c.title]));
  return {
    nodes: [...linked].sort().map((slug) => ({
      slug,
      title: titles.get(slug) ?? '(capsule file not found)',
      status: bySlug.get(slug)?.status ?? (titles.has(slug) ? 'draft' : 'missing'),
      lead: bySlug.get(slug)?.lead ?? null,
    })),
    edges,
  };
}

/** A gate run from the board's "run check" action, kept in memory for the latest-check page. */
export type BoardCheckResult = ChecksView['gates'][number];

/** Latest result per gate: a check run from the board wins over an older evidence file. */
export async function buildChecks(source: UiSource, fromBoard: readonly BoardCheckResult[]): Promise<ChecksView & { errors: ErrorCard[] }> {
  const { records, errors } = await source.allEvidence();
  const latest = new Map<string, BoardCheckResult>();
  const offer = (candidate: BoardCheckResult) => {
    const current = latest.get(candidate.gate);
    if (!current || current.at <= candidate.at) latest.set(candidate.gate, candidate);
  };
  for (const { record } of records) {
    for (const g of record.gates) {
      offer({
        gate: g.gate,
        status: g.status,
        summary: g.summary,
        at: record.at,
        capsule: record.slug,
        source: 'evidence',
        durationMs: g.durationMs,
        diagnostics: g.diagnostics,
      });
    }
  }
  for (const result of fromBoard) offer(result);
  return { gates: [...latest.values()].sort((a, b) => a.gate.localeCompare(b.gate)), errors };
}

export async function buildHistory(source: UiSource): Promise<HistoryView & { errors: ErrorCard[] }> {
  const { records, errors } = await source.allEvidence();
  const runs = records.map(({ file, record }) => {
    const count = (status: string) => record.gates.filter((g) => g.status === status).length;
    return { at: record.at, capsule: record.slug, file, ok: count('ok'), fail: count('fail'), pending: count('pending'), skipped: count('skipped') };
  });
  runs.sort((a, b) => a.at.localeCompare(b.at));
  return { runs, errors };
}
