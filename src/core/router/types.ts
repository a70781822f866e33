import type { ScoredSection } from './rules.js';

/** The parts of an agent the router scores; built from agent.json (see toRoutable in score.ts). */
export interface RoutableAgent {
  id: string;
  name: string;
  keywords: readonly string[];
  owns: readonly string[];
  ownsSource: 'agent.json' | 'default' | 'none';
  neverOutputs: readonly string[];
}

export interface KeywordHit {
  keyword: string;
  section: ScoredSection;
  points: number;
}

export interface PathHit {
  /** The Required Output, normalised. */
  output: string;
  /** The owned glob that matched it. */
  glob: string;
  points: number;
}

export interface Candidate {
  id: string;
  name: string;
  score: number;
  keywordScore: number;
  /** Keyword points from Goal and Required Outputs only (a tie-breaker). */
  primaryKeywordScore: number;
  pathScore: number;
  leadScore: number;
  keywords: KeywordHit[];
  paths: PathHit[];
}

export type LeadStatus = 'honoured' | 'overruled' | 'unknown';

export interface LeadVerdict {
  requested: string;
  line?: number;
  status: LeadStatus;
  reason: string;
  conflicts: { output: string; glob: string }[];
}

export interface Scoring {
  /** Every agent, best first (see compareCandidates). */
  candidates: Candidate[];
  lead?: LeadVerdict;
}

/** What the router hands the lead: the capsule's own words, and nothing beyond its Allowed Context. */
export interface RouterDecision {
  leadAgent: string;
  requiredOutputs: string[];
  acceptanceCriteria: string[];
  contextToMount: string[];
  notes: string;
}
