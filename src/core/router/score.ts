import type { Agent } from '../agents/types.js';
import { isBoilerplateNote } from '../capsule/boilerplate.js';
import type { Capsule } from '../capsule/types.js';
import { containsKeyword, indexWords, stemmedKeyword, stemmedWords, type WordIndex } from './keywords.js';
import { DEFAULT_NEVER_OUTPUTS, DEFAULT_OWNS, isCatchAll, matchGlobList, normalizeOutputPath } from './ownership.js';
import { LEAD_WEIGHT, OUTPUT_PATH_WORD_WEIGHT, PATH_FULL_OUTPUTS, PATH_WEIGHT, PHRASE_CAP, SECTION_WEIGHTS, type ScoredSection } from './rules.js';
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
    // What an output IS is said in its note; its path is the place, scored by ownership below.
    requiredOutputs: capsule.requiredOutputs.map((o) => (o.path && o.text.includes(o.path) ? o.text.replace(o.path, ' ') : o.text)).join('\n'),
    acceptanceCriteria: join(capsule.acceptanceCriteria),
    // Allowed Context paths are what the agent reads, not what it makes: only their notes count.
    allowedContext: capsule.allowedContext.map((c) => c.note ?? '').join('\n'),
    // What Sentinel wrote about how the capsule was made ("`sentinel route` picks one") is no routing word.
    routerNotes: join(capsule.routerNotes.items.filter((item) => !isBoilerplateNote(item.text))),
  };
}

interface ScoredText {
  sections: Record<ScoredSection, WordIndex>;
  /** Words of the Required Output paths, a weak hint where no role owns the folder. */
  outputPaths: WordIndex;
}

/** A phrase of several words is a more specific match than one word: points × words, up to PHRASE_CAP. */
const phraseFactor = (keyword: string): number => Math.min(stemmedKeyword(keyword).length, PHRASE_CAP);

function keywordHits(agent: RoutableAgent, text: ScoredText): KeywordHit[] {
  const hits: KeywordHit[] = [];
  const seen = new Set<string>();
  for (const keyword of agent.keywords) {
    const key = stemmedKeyword(keyword).join(' ');
    if (!key || seen.has(key)) continue; // "route" and "routes" are one keyword
    seen.add(key);
    const factor = phraseFactor(keyword);
    for (const section of Object.keys(SECTION_WEIGHTS) as ScoredSection[]) {
      if (containsKeyword(text.sections[section], keyword)) hits.push({ keyword, section, points: SECTION_WEIGHTS[section] * factor });
      else if (section === 'requiredOutputs' && containsKeyword(text.outputPaths, keyword))
        hits.push({ keyword, section, points: OUTPUT_PATH_WORD_WEIGHT * factor });
    }
  }
  return hits;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

const specificGlobs = (globs: readonly string[]) => globs.filter((g) => !isCatchAll(g));

/**
 * How specific an owned glob is, so the narrowest owner takes an output: a glob naming a kind of
 * file (`**\/*.test.*`) beats one naming a place (`server/src/**`); between places, the longer
 * literal prefix wins (`server/src/clients/**` over `server/src/**`).
 */
function globSpecificity(glob: string): number {
  const base = glob.slice(glob.lastIndexOf('/') + 1);
  const kind = /[^*]/.test(base.replace(/\.[\w{},-]+$/, '')) && base.includes('*') && !isCatchAll(glob) ? 1000 : 0;
  const prefix = /^[^*?{[!]*/.exec(glob)![0].length;
  return kind + prefix;
}

function pathHits(
  agent: RoutableAgent,
  outputs: string[],
  globsFor: (agent: RoutableAgent) => readonly string[],
  best: Map<string, number>,
  total: number,
): PathHit[] {
  const hits: PathHit[] = [];
  for (const output of outputs) {
    const glob = matchGlobList(globsFor(agent), output);
    if (glob && globSpecificity(glob) >= (best.get(output) ?? 0)) hits.push({ output, glob, points: PATH_WEIGHT });
  }
  const share = total > PATH_FULL_OUTPUTS ? PATH_FULL_OUTPUTS / total : 1;
  return hits.map((h) => ({ ...h, points: h.points * share }));
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
  const text: ScoredText = {
    sections: Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, indexWords(stemmedWords(v))])) as Record<ScoredSection, WordIndex>,
    outputPaths: indexWords(stemmedWords(capsule.requiredOutputs.map((o) => o.path).join('\n'))),
  };
  const outputs = capsule.requiredOutputs.map((o) => normalizeOutputPath(o.path));
  // Catch-all globs (`**/*.md`) only count when no output is owned by a specific glob of any role.
  const catchAllActive = !outputs.some((output) => agents.some((a) => matchGlobList(specificGlobs(a.owns), output)));
  const globsFor = (agent: RoutableAgent) => (catchAllActive ? agent.owns : specificGlobs(agent.owns));
  // The narrowest owner of each output takes it; roles owning it more broadly get nothing for it.
  const best = new Map<string, number>();
  for (const output of outputs) {
    for (const agent of agents) {
      const glob = matchGlobList(globsFor(agent), output);
      if (glob) best.set(output, Math.max(best.get(output) ?? 0, globSpecificity(glob)));
    }
  }
  const lead = judgeLead(capsule, agents, outputs);
  const candidates = agents.map((agent): Candidate => {
    const keywords = keywordHits(agent, text);
    const paths = pathHits(agent, outputs, globsFor, best, outputs.length);
    const keywordScore = keywords.reduce((sum, h) => sum + h.points, 0);
    const primaryKeywordScore = keywords.filter((h) => h.section === 'goal' || h.section === 'requiredOutputs').reduce((sum, h) => sum + h.points, 0);
    const pathScore = round2(paths.reduce((sum, h) => sum + h.points, 0));
    const leadScore = lead?.status === 'honoured' && lead.requested === agent.id ? LEAD_WEIGHT : 0;
    return {
      id: agent.id,
      name: agent.name,
      score: round2(keywordScore + pathScore + leadScore),
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
