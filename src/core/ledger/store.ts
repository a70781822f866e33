import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Roster } from '../agents/types.js';
import { usageError } from '../errors.js';
import { agentLabel, headersForAllFamilies, unversionedRulesHash, type ProvenanceFields } from '../provenance/header.js';
import type { CommentFamily } from '../provenance/syntax.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists, writeFileAtomic } from '../workspace/fs.js';
import { withWorkspaceLock } from '../workspace/lock.js';
import { appendEntry, type NewEntry } from './append.js';
import { decisionNumber } from './ids.js';
import { parseLedger } from './parse.js';
import type { Ledger } from './types.js';

interface LoadedLedger {
  /** Workspace-relative path. */
  file: string;
  exists: boolean;
  ledger: Ledger;
}

export function loadLedger(root: string, config: SentinelConfig): LoadedLedger {
  const file = config.ledger;
  const text = readTextIfExists(path.join(root, file));
  return { file, exists: text !== undefined, ledger: parseLedger(text ?? '', file) };
}

/** The RulesHash an agent id stamps today: its roster `rulesHash`, else `<AGENT>@unversioned`. */
export function rulesHashOf(roster: Roster, agentId: string): { rulesHash: string; known: boolean } {
  const agent = roster.agents.find((a) => a.id === agentId.trim().toLowerCase());
  return agent ? { rulesHash: agent.manifest.rulesHash, known: true } : { rulesHash: unversionedRulesHash(agentId), known: false };
}

interface DecideInput extends NewEntry {
  dryRun: boolean;
}

export interface DecideResult {
  id: string;
  nextId: string;
  file: string;
  line: number;
  entry: string[];
  created: boolean;
  dryRun: boolean;
  headerFields: ProvenanceFields;
  headers: Record<CommentFamily, string>;
  authorInRoster: boolean;
  repairedNextId?: string;
}

/** Supersedes must name a decision that exists at the moment of writing (checked under the lock). */
function checkSupersedes(ledger: Ledger, supersedes: string | undefined): void {
  if (supersedes === undefined) return;
  const wanted = decisionNumber(supersedes);
  if (!ledger.entries.some((e) => decisionNumber(e.id) === wanted)) {
    throw usageError('LEDGER_SUPERSEDES_UNKNOWN', `--supersedes ${supersedes} does not exist in ${ledger.file}`, {
      path: ledger.file,
      fix: 'Pass an existing id from `sentinel decisions list`, or drop --supersedes',
    });
  }
}

/**
 * Append a decision: read, append and atomically rewrite the ledger while holding its lock, so
 * concurrent `decide` processes get distinct ids and nothing is lost. A dry run reads only.
 */
export async function recordDecision(root: string, config: SentinelConfig, roster: Roster, input: DecideInput): Promise<DecideResult> {
  const file = config.ledger;
  const absolute = path.join(root, file);
  const { rulesHash, known } = rulesHashOf(roster, input.author);
  const apply = () => {
    const text = readTextIfExists(absolute);
    checkSupersedes(parseLedger(text ?? '', file), input.supersedes);
    const appended = appendEntry(text, file, input);
    if (!input.dryRun) writeFileAtomic(absolute, appended.text);
    return { appended, created: text === undefined };
  };
  let outcome: ReturnType<typeof apply>;
  if (input.dryRun) outcome = apply();
  else {
    mkdirSync(path.dirname(absolute), { recursive: true });
    outcome = await withWorkspaceLock(root, absolute, apply);
  }
  const { appended, created } = outcome;
  const headerFields: ProvenanceFields = { producedBy: agentLabel(input.author), rulesHash, decision: appended.id };
  if (input.capsule) headerFields.capsule = input.capsule;
  const result: DecideResult = {
    id: appended.id,
    nextId: appended.nextId,
    file,
    line: appended.line,
    entry: appended.entryLines,
    created,
    dryRun: input.dryRun,
    headerFields,
    headers: headersForAllFamilies(headerFields),
    authorInRoster: known,
  };
  if (appended.repairedNextId) result.repairedNextId = appended.repairedNextId;
  return result;
}
