import { readFileSync } from 'node:fs';
import { discoverAgents } from '../agents/discover.js';
import { capsuleSlug, findCapsule } from '../capsule/discover.js';
import { usageError } from '../errors.js';
import { decisionNumber, isDecisionId } from '../ledger/ids.js';
import { loadLedger, rulesHashOf } from '../ledger/store.js';
import { readState, resolveActiveCapsule } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { writeFileAtomic } from '../workspace/fs.js';
import { checkInside } from '../workspace/paths.js';
import { agentLabel, type ProvenanceFields } from './header.js';
import { stampText } from './stamp.js';
import { BINARY_REASON, looksBinary, syntaxFor } from './syntax.js';
import type { Caller } from '../workspace/caller.js';

export interface FilePlan {
  path: string;
  status: 'inserted' | 'updated' | 'unchanged' | 'refused';
  line?: number;
  header?: string;
  reason?: string;
  text?: string;
  absolute?: string;
}

interface StampRequest {
  files: string[];
  decision: string;
  agent?: string;
  capsule?: string;
  dryRun: boolean;
  caller?: Caller;
}

interface StampRun {
  decision: string;
  fields: ProvenanceFields;
  /** Per-file outcome (without the new text). */
  files: Omit<FilePlan, 'text' | 'absolute'>[];
  refused: number;
  /** True when files were written (no refusal, not a dry run). */
  wrote: boolean;
  agent: string;
  rulesHash: string;
  agentKnown: boolean;
}

/** The producing agent: explicit, else the lead of the active capsule (whose slug becomes the default capsule). */
function resolveAgent(
  root: string,
  config: SentinelConfig,
  explicit: string | undefined,
  caller: Caller | undefined,
): { agent: string; activeCapsule?: string } {
  if (explicit?.trim()) return { agent: explicit.trim() };
  const active = resolveActiveCapsule(root, config, undefined, caller);
  const lead = active ? readState(root, config, active)?.state.lead : undefined;
  if (!active || !lead) {
    throw usageError(
      'STAMP_NO_AGENT',
      active ? `The active capsule ${active} has no lead agent yet` : 'No --agent given and no active capsule to take the lead agent from',
      {
        fix: 'Pass --agent <id>, or route the capsule first (`sentinel route`)',
      },
    );
  }
  return { agent: lead, activeCapsule: active };
}

function planFile(root: string, file: string, fields: ProvenanceFields): FilePlan {
  const inside = checkInside(root, file);
  if (!inside.ok) return { path: file, status: 'refused', reason: inside.message };
  const lookup = syntaxFor(inside.relative);
  if (!lookup.ok) return { path: inside.relative, status: 'refused', reason: lookup.reason };
  let content: Buffer;
  try {
    content = readFileSync(inside.absolute);
  } catch {
    return { path: inside.relative, status: 'refused', reason: 'no such file' };
  }
  if (looksBinary(content)) return { path: inside.relative, status: 'refused', reason: BINARY_REASON };
  const result = stampText(content.toString('utf8'), lookup.syntax, fields);
  if (!result.ok) return { path: inside.relative, status: 'refused', reason: result.reason };
  return { path: inside.relative, status: result.status, line: result.line, header: result.header, text: result.text, absolute: inside.absolute };
}

/** `sentinel stamp` and `sentinel_provenance` (stamp): plan every file, write only when none is refused. */
export async function stampFiles(root: string, config: SentinelConfig, request: StampRequest): Promise<StampRun> {
  const decision = request.decision.trim();
  if (!isDecisionId(decision)) throw usageError('STAMP_BAD_DECISION', `--decision "${decision}" is not a decision id`, { fix: 'Pass an id such as D-0003' });
  const { file: ledgerFile, ledger } = loadLedger(root, config);
  const entry = ledger.entries.find((e) => decisionNumber(e.id) === decisionNumber(decision));
  if (!entry) {
    throw usageError('DECISION_NOT_FOUND', `${decision} is not in ${ledgerFile}`, {
      path: ledgerFile,
      fix: 'Record it first with `sentinel decide`, or pass an id from `sentinel decisions list`',
    });
  }
  const { agent, activeCapsule } = resolveAgent(root, config, request.agent, request.caller);
  let capsule: string | undefined = entry.capsule ?? activeCapsule;
  if (request.capsule !== undefined) {
    const found = await findCapsule(root, config, request.capsule);
    capsule = found.id && found.id.toLowerCase() === request.capsule.toLowerCase() ? found.id : capsuleSlug(found);
  }
  const { rulesHash, known } = rulesHashOf(discoverAgents(root, config), agent);
  const fields: ProvenanceFields = { producedBy: agentLabel(agent), rulesHash, decision: entry.id };
  if (capsule) fields.capsule = capsule;

  const plans = request.files.map((f) => planFile(root, f, fields));
  const refused = plans.filter((p) => p.status === 'refused').length;
  const wrote = refused === 0 && !request.dryRun;
  if (wrote) {
    for (const plan of plans) {
      if (plan.status === 'unchanged' || !plan.absolute || plan.text === undefined) continue;
      writeFileAtomic(plan.absolute, plan.text); // keeps a script's executable bit
    }
  }
  const files = plans.map(({ text: _text, absolute: _absolute, ...rest }) => rest);
  return { decision: entry.id, fields, files, refused, wrote, agent, rulesHash, agentKnown: known };
}
