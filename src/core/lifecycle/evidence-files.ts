import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { Evidence } from '../state/state.js';
import type { AcceptanceEvidence } from './acceptance.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { evidenceDirOf as evidenceDir } from '../workspace/layout.js';

/** One gate of a `capsule done` run as kept in its evidence file. */
export interface EvidenceGate {
  gate: string;
  status: string;
  summary: string;
  durationMs: number;
  diagnostics: Diagnostic[];
  /** What the gate ran and saw, for gates whose data is evidence (requests, commits, boundaries). */
  data?: Record<string, unknown>;
}

/** The evidence file `capsule done` writes under `.sentinel/evidence/<slug>/<timestamp>.json`. */
export interface EvidenceRecord {
  schema: number;
  slug: string;
  capsuleId: string | null;
  outcome: 'done' | 'failed';
  at: string;
  by: string;
  base: string | null;
  treeHash: string;
  gates: EvidenceGate[];
  evidence: Evidence[];
  /** Each acceptance criterion and how it is proven (records written before it was added lack it). */
  acceptance?: AcceptanceEvidence[];
}

type EvidenceRead = { ok: true; record: EvidenceRecord } | { ok: false; message: string };

/** Workspace-relative evidence files of one capsule, oldest first (names sort in time order). */
export function listEvidenceFiles(root: string, config: SentinelConfig, slug: string): string[] {
  const dir = evidenceDir(config, slug);
  try {
    return readdirSync(path.join(root, dir))
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .sort()
      .map((name) => path.posix.join(dir, name));
  } catch {
    return [];
  }
}

/** Slugs that have an evidence folder. */
export function listEvidenceSlugs(root: string, config: SentinelConfig): string[] {
  const dir = path.posix.dirname(evidenceDir(config, 'x'));
  try {
    return readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parse an evidence file's text; a file that is not an evidence record says why. */
export function parseEvidenceRecord(text: string): EvidenceRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `not valid JSON (${(err as Error).message})` };
  }
  if (!isObject(value)) return { ok: false, message: 'not a JSON object' };
  if (typeof value.slug !== 'string' || typeof value.at !== 'string') return { ok: false, message: 'missing "slug" or "at"' };
  if (!Array.isArray(value.gates) || !value.gates.every((g) => isObject(g) && typeof g.gate === 'string' && typeof g.status === 'string')) {
    return { ok: false, message: '"gates" is not a list of {gate, status}' };
  }
  const gates = (value.gates as Record<string, unknown>[]).map((g) => ({
    gate: g.gate as string,
    status: g.status as string,
    summary: typeof g.summary === 'string' ? g.summary : '',
    durationMs: typeof g.durationMs === 'number' ? g.durationMs : 0,
    diagnostics: Array.isArray(g.diagnostics) ? (g.diagnostics as Diagnostic[]).filter(isObject) : [],
    ...(isObject(g.data) ? { data: g.data } : {}),
  }));
  const outcome = value.outcome === 'done' ? 'done' : 'failed';
  return {
    ok: true,
    record: {
      schema: typeof value.schema === 'number' ? value.schema : 1,
      slug: value.slug,
      capsuleId: typeof value.capsuleId === 'string' ? value.capsuleId : null,
      outcome,
      at: value.at,
      by: typeof value.by === 'string' ? value.by : '',
      base: typeof value.base === 'string' ? value.base : null,
      treeHash: typeof value.treeHash === 'string' ? value.treeHash : '',
      gates,
      evidence: Array.isArray(value.evidence) ? (value.evidence as Evidence[]) : [],
      ...(Array.isArray(value.acceptance) ? { acceptance: (value.acceptance as AcceptanceEvidence[]).filter(isObject) } : {}),
    },
  };
}
