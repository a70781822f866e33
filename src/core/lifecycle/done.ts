import { existsSync } from 'node:fs';
import path from 'node:path';
import { capsuleSlug, findCapsule } from '../capsule/discover.js';
import { runCheck } from '../gates/run-check.js';
import { selectGates } from '../gates/run.js';
import type { GateName, GateResult } from '../gates/types.js';
import { workingTreeHash } from '../git/git.js';
import { usageError } from '../errors.js';
import { readState, statePath, type CapsuleState, type CapsuleStatus, type Evidence } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { createRedactor, type Redactor } from '../secrets/redact.js';
import { writeFileAtomic } from '../workspace/fs.js';
import { acceptanceEvidence, type AcceptanceEvidence } from './acceptance.js';
import { evidenceDirOf } from '../workspace/layout.js';
import { buildEvidence, evidenceData, gateStatuses } from './evidence.js';
import { tamperedError, updateState } from './record.js';
import { phaseRecordForDone, type PhaseRecord } from './phases.js';
import { discoverAgents } from '../agents/discover.js';
import { transition } from './transitions.js';
import { actorOf, type Caller } from '../workspace/caller.js';


/** Gates `capsule done` runs: every gate except the MCP smoke test, minus config.gates.disabled. */
export const doneGates = (config: SentinelConfig): GateName[] => selectGates({ skip: ['mcp'] }, config.gates.disabled);

export interface DoneOptions {
  base?: string;
  by?: string;
  onProgress?: (gate: GateName, message: string) => void;
  onGateDone?: (result: GateResult) => void;
  /** Cancels the gates (MCP cancellation); a cancelled run records nothing. */
  signal?: AbortSignal;
  /** Masks secrets in the evidence file (default: the secret rules; callers add secret env values). */
  redact?: Redactor;
  caller?: Caller;
  /** Why the playbook's verification phase was not entered (`--skip-phases`); stored in the evidence. */
  skipPhases?: string;
}

export interface DoneResult {
  slug: string;
  capsuleId: string | null;
  /** True when no gate failed and the capsule is now done. */
  ok: boolean;
  status: CapsuleStatus;
  phase: string | null;
  stateFile: string;
  evidenceFile: string;
  treeHash: string;
  base: string | null;
  gates: GateResult[];
  evidence: Evidence[];
  failed: GateName[];
  pending: GateName[];
  /** Each acceptance criterion and how it is proven: by a command, or checked by review. */
  acceptance: AcceptanceEvidence[];
  /** The playbook phases entered, and the verification phase skipped with its reason, if any. */
  phases: PhaseRecord;
}

/** A file name from an ISO time that sorts in time order and never overwrites an earlier run. */
function evidenceFileName(root: string, dir: string, at: string): string {
  const stamp = at.replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const name = path.posix.join(dir, `${stamp}${n > 1 ? `-${n}` : ''}.json`);
    if (!existsSync(path.join(root, name))) return name;
  }
}

/**
 * `capsule done`: the referee runs the capsule's gates itself. No failing gate → status done
 * with one evidence entry per gate (or per command a gate ran); a failing gate → the capsule stays
 * in_progress with the gate statuses recorded. Every run is also kept as an evidence file.
 */
export async function markDone(root: string, config: SentinelConfig, ref: string, options: DoneOptions = {}): Promise<DoneResult> {
  const by = options.by ?? actorOf(options.caller, 'referee');
  const capsule = await findCapsule(root, config, ref);
  const slug = capsuleSlug(capsule);
  const file = statePath(config, slug);
  // Refuse before spending minutes on gates: a hand-edited or wrong-status state cannot become done.
  const before = readState(root, config, slug);
  if (before?.tampered) throw tamperedError(file, slug);
  const now = new Date().toISOString();
  const current = before?.state ?? { slug, status: capsule.id ? ('ready' as const) : ('draft' as const), history: [] };
  transition({ schema: 1, handoffs: [], evidence: [], createdAt: now, updatedAt: now, ...current }, { to: 'done', by, now }, { file });
  // Done means the lead went through its playbook's verification phase (or said why not).
  const leadId = before?.state.lead;
  const lead = leadId ? discoverAgents(root, config).agents.find((a) => a.id === leadId) : undefined;
  const phases = phaseRecordForDone({
    slug,
    ...(leadId ? { lead: leadId } : {}),
    ...(lead ? { playbook: lead.playbook } : {}),
    state: current,
    ...(options.skipPhases !== undefined ? { skipReason: options.skipPhases } : {}),
    file,
  });

  // The tree the gates judge, hashed before they run (state and evidence files included).
  const treeHash = (await workingTreeHash(root)) ?? '';
  const report = await runCheck(root, config, {
    skip: ['mcp'],
    capsule: slug,
    requireOutputs: true,
    ...(options.base !== undefined ? { base: options.base } : {}),
    ...(options.caller ? { caller: options.caller } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onGateDone ? { onGateDone: options.onGateDone } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const { base, gates: results } = report;
  if (options.signal?.aborted) throw usageError('DONE_CANCELLED', `capsule done for ${slug} was cancelled; nothing was recorded`, { fix: 'Run it again and let the gates finish' });
  const at = new Date().toISOString();
  const evidence = buildEvidence(results, { slug, treeHash, at, ...(options.base ? { base: options.base } : {}) });
  const failed = results.filter((r) => r.status === 'fail').map((r) => r.gate);
  const pending = results.filter((r) => r.status === 'pending').map((r) => r.gate);
  const ok = failed.length === 0;

  const acceptance = acceptanceEvidence(capsule);
  const evidenceFile = evidenceFileName(root, evidenceDirOf(config, slug), at);
  const record = {
    schema: 1,
    slug,
    capsuleId: capsule.id ?? null,
    outcome: ok ? 'done' : 'failed',
    at,
    by,
    base,
    treeHash,
    gates: results.map((r) => {
      const data = evidenceData(r);
      return { gate: r.gate, status: r.status, summary: r.summary, durationMs: r.durationMs, diagnostics: r.diagnostics, ...(data ? { data } : {}) };
    }),
    evidence,
    acceptance,
    phases,
  };
  // Gate diagnostics carry command output and test failures: the file gets the redacted copy.
  const redact = options.redact ?? createRedactor();
  writeFileAtomic(path.join(root, evidenceFile), `${JSON.stringify(redact.value(record), null, 2)}\n`);

  return updateState(
    root,
    config,
    slug,
    () => {
      throw usageError('STATE_MISSING', `${file} disappeared while the gates ran`, { path: file, fix: `Restore it, then run \`sentinel capsule done ${slug}\` again` });
    },
    (state) => {
      let next: CapsuleState = { ...state, gates: gateStatuses(results), evidenceFile, updatedAt: at };
      if (ok) {
        const skipped = phases.skipped ? `; ${phases.skipped.phase} skipped: ${phases.skipped.reason}` : '';
        const note = `${results.length - failed.length - pending.length} gates ok${pending.length ? `, pending: ${pending.join(', ')}` : ''}${skipped}`;
        next = { ...transition(next, { to: 'done', by, note, now: at }, { file }), evidence };
      }
      const result: DoneResult = {
        slug,
        capsuleId: capsule.id ?? null,
        ok,
        status: next.status,
        phase: next.phase ?? null,
        stateFile: file,
        evidenceFile,
        treeHash,
        base,
        gates: results,
        evidence: ok ? evidence : [],
        failed,
        pending,
        acceptance,
        phases,
      };
      return { state: next, result };
    },
  );
}
