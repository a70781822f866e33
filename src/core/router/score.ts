import type { Agent } from '../agents/types.js';
import type { Capsule } from '../capsule/types.js';
import { containsKeyword, stemmedWords } from './keywords.js';
import { DEFAULT_NEVER_OUTPUTS, DEFAULT_OWNS, isCatchAll, matchGlobList, normalizeOutputPath } from './ownership.js';
import { LEAD_WEIGHT, PATH_WEIGHT, SECTION_WEIGHTS, type ScoredSection } from './rules.js';
import type { Candidate, KeywordHit, LeadVerdict, PathHit, RoutableAgent, Scoring } from './types.js';

/** agent.json `owns`/`never_outputs` win; otherwise the built-in defaults for the known role ids. */
export function toRoutable(agent: Agent): RoutableAgent {
  const declared = agent.manifest.owns;
  const fallback = DEFAULT_OWNS[agent.id];
  return {
    id: agent.id,
    name: agent.manifest.name,
    keywords: agent.manifest.routing_keywords,
    owns: declared ?? fallback ?? [],
    ownsSource: declared ? 'agent.json' : fallback ? 'default' : 'none',
    neverOutputs: agent.manifest.never_outputs ?? DEFAULT_NEVER_OUTPUTS[agent.id] ?? [],
  };
}

function sectionTexts(capsule: Capsule): Record<ScoredSection, string> {
  const join = (items: { text: string }[]) => items.map((i) => i.text).join('\n');
  return {
    goal: capsule.goal,
    requiredOutputs: join(capsule.requiredOutputs),
    acceptanceCriteria: join(capsule.acceptanceCriteria),
    allowedContext: join(capsule.allowedContext),
    routerNotes: join(capsule.routerNotes.items),
  };
}

function keywordHits(agent: RoutableAgent, sections: Record<ScoredSection, string[]>): KeywordHit[] {
  const hits: KeywordHit[] = [];
  const seen = new Set<string>();
  for (const keyword of agent.keywords) {
    const key = stemmedWords(keyword).join(' ');
    if (!key || seen.has(key)) continue; // "route" and "routes" are one keyword
    seen.add(key);
    for (const section of Object.keys(SECTION_WEIGHTS) as ScoredSection[]) {
      if (containsKeyword(sections[section], keyword)) hits.push({ keyword, section, points: SECTION_WEIGHTS[section] });
    }
  }
  return hits;
}

const specificGlobs = (globs: readonly string[]) => globs.filter((g) => !isCatchAll(g));

function pathHits(agent: RoutableAgent, outputs: string[], catchAllActive: boolean): PathHit[] {
  const globs = catchAllActive ? agent.owns : specificGlobs(agent.owns);
  const hits: PathHit[] = [];
  for (const output of outputs) {
    const glob = matchGlobList(globs, output);
    if (glob) hits.push({ output, glob, points: PATH_WEIGHT });
  }
  return hits;
}

function judgeLead(capsule: Capsule, agents: readonly RoutableAgent[], outputs: string[]): LeadVerdict | undefined {
  const requested = capsule.routerNotes.lead;
  if (!requested) return undefined;
  const base = { requested, ...(capsule.routerNotes.leadLine ? { line: capsule.routerNotes.leadLine } : {}) };
  const agent = agents.find((a) => a.id === requested);
  if (!agent) {
    return { ...base, status: 'unknown', reason: `Router Notes name "${requested}", which is not in the roster; ignored`, conflicts: [] };
  }
  const conflicts = outputs.flatMap((output) => {
    const glob = matchGlobList(agent.neverOutputs, output);
    return glob ? [{ output, glob }] : [];
  });
  if (conflicts.length > 0) {
    const list = conflicts.map((c) => `${c.output} (never_outputs ${c.glob})`).join(', ');
    return { ...base, status: 'overruled', reason: `Router Notes lead "${requested}" overruled: its charter forbids producing ${list}`, conflicts };
  }
  return { ...base, status: 'honoured', reason: `Router Notes lead "${requested}" honoured (+${LEAD_WEIGHT}, chosen outright)`, conflicts: [] };
}

/**
 * Ranking: an honoured Router Notes lead first; then the higher total; ties go to the higher path
 * score, then the higher Goal/Required Outputs keyword score, then the alphabetically first id.
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    b.leadScore - a.leadScore ||
    b.score - a.score ||
    b.pathScore - a.pathScore ||
    b.primaryKeywordScore - a.primaryKeywordScore ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Score every agent for a capsule. Pure: same capsule and roster, same result. */
export function scoreCapsule(capsule: Capsule, agents: readonly RoutableAgent[]): Scoring {
  const texts = sectionTexts(capsule);
  const sections = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, stemmedWords(v)])) as Record<ScoredSection, string[]>;
  const outputs = capsule.requiredOutputs.map((o) => normalizeOutputPath(o.path));
  // Catch-all globs (`**/*.md`) only count when no output is owned by a specific glob of any role.
  const catchAllActive = !outputs.some((output) => agents.some((a) => matchGlobList(specificGlobs(a.owns), output)));
  const lead = judgeLead(capsule, agents, outputs);
  const candidates = agents.map((agent): Candidate => {
    const keywords = keywordHits(agent, sections);
    const paths = pathHits(agent, outputs, catchAllActive);
    const keywordScore = keywords.reduce((sum, h) => sum + h.points, 0);
    const primaryKeywordScore = keywords.filter((h) => h.section === 'goal' || h.section === 'requiredOutputs').reduce((sum, h) => sum + h.points, 0);
    const pathScore = paths.reduce((sum, h) => sum + h.points, 0);
    const leadScore = lead?.status === 'honoured' && lead.requested === agent.id ? LEAD_WEIGHT : 0;
    return {
      id: agent.id,
      name: agent.name,
      score: keywordScore + pathScore + leadScore,
      keywordScore,
      primaryKeywordScore,
      pathScore,
      leadScore,
      keywords,
      paths,
    };
  });
  candidates.sort(compareCandidates);
  return lead ? { candidates, lead } : { candidates };
}
