import { existsSync } from 'node:fs';
import path from 'node:path';
import { capsuleSlug, findCapsule } from '../capsule/discover.js';
import type { GateName, GateResult } from '../gates/types.js';
import { workingTreeHash } from '../git/git.js';
import { SentinelError, usageError } from '../errors.js';
import { sha256 } from '../workspace/fs.js';
import { evidenceSeal, judgeCapsule, judgeSetup } from './judge.js';
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

interface DoneOptions {
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
  /** Why that base (recorded at routing, or an explicit --base at or before it). */
  baseReason: string | null;
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
 * The capsule must read as it did when it was routed: a lead that widens its own Allowed Context or
 * drops an acceptance criterion has to go through `sentinel route` again, which is logged.
 */
function refuseChangedCapsule(state: CapsuleState | undefined, text: string, where: { file: string; slug: string }): void {
  const routed = state?.capsuleHash;
  if (routed === undefined || routed === sha256(text)) return;
  throw new SentinelError(
    'check',
    'CAPSULE_CHANGED_SINCE_ROUTING',
    `${where.file} changed since ${where.slug} was routed (hash ${routed.slice(0, 12)} → ${sha256(text).slice(0, 12)}): the referee judges the capsule as routed`,
    {
      path: where.file,
      fix: `Revert the change (\`git diff\` shows it), or have it reviewed and run \`sentinel route ${where.slug}\` again, which logs the new text`,
    },
  );
}

/**
 * `capsule done`: the referee runs the capsule's gates itself. No failing gate → status done
 * with one evidence entry per gate (or per command a gate ran); a failing gate → the capsule stays
 * in_progress with the gate statuses recorded. Every run is also kept as an evidence file.
 */
export async function markDone(root: string, workingConfig: SentinelConfig, ref: string, options: DoneOptions = {}): Promise<DoneResult> {
  const by = options.by ?? actorOf(options.caller, 'referee');
  const capsule = await findCapsule(root, workingConfig, ref);
  const slug = capsuleSlug(capsule);
  const file = statePath(workingConfig, slug);
  // Refuse before spending minutes on gates: a hand-edited or wrong-status state cannot become done.
  const before = readState(root, workingConfig, slug);
  if (before?.tampered) throw tamperedError(file, slug);
  const now = new Date().toISOString();
  const current = before?.state ?? { slug, status: capsule.id ? ('ready' as const) : ('draft' as const), history: [] };
  transition({ schema: 1, handoffs: [], evidence: [], createdAt: now, updatedAt: now, ...current }, { to: 'done', by, now }, { file });
  const recordedBase = before?.state.base?.commit ? { recordedBase: before.state.base.commit } : {};
  const setup = await judgeSetup(root, workingConfig, slug, { ...recordedBase, ...(options.base !== undefined ? { base: options.base } : {}) });
  // Done means the lead went through its playbook's verification phase (or said why not), as the
  // playbook read at the base: the lead cannot drop that phase from its own playbook.
  const leadId = before?.state.lead;
  const lead = leadId ? discoverAgents(root, setup.referee.config, setup.settings).agents.find((a) => a.id === leadId) : undefined;
  const phases = phaseRecordForDone({
    slug,
    ...(leadId ? { lead: leadId } : {}),
    ...(lead ? { playbook: lead.playbook } : {}),
    state: current,
    ...(options.skipPhases !== undefined ? { skipReason: options.skipPhases } : {}),
    file,
  });

  refuseChangedCapsule(before?.state, capsule.text, { file: capsule.file ?? file, slug });

  // The tree the gates judge, hashed before they run (state and evidence files included).
  const treeHash = (await workingTreeHash(root)) ?? '';
  const { choice, referee, settings, results } = await judgeCapsule(
    root,
    workingConfig,
    slug,
    {
      ...recordedBase,
      ...(options.base !== undefined ? { base: options.base } : {}),
      ...(options.caller ? { caller: options.caller } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onGateDone ? { onGateDone: options.onGateDone } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
    setup,
  );
  const base = choice?.commit ?? null;
  const config = referee.config;
  if (options.signal?.aborted)
    throw usageError('DONE_CANCELLED', `capsule done for ${slug} was cancelled; nothing was recorded`, { fix: 'Run it again and let the gates finish' });
  const at = new Date().toISOString();
  const evidence = buildEvidence(results, { slug, treeHash, at, ...(options.base ? { base: options.base } : {}) });
  const failed = results.filter((r) => r.status === 'fail').map((r) => r.gate);
  const pending = results.filter((r) => r.status === 'pending').map((r) => r.gate);
  const ok = failed.length === 0;

  const acceptance = acceptanceEvidence(capsule);
  const evidenceFile = evidenceFileName(root, evidenceDirOf(workingConfig, slug), at);
  const record: Record<string, unknown> = {
    schema: 1,
    slug,
    capsuleId: capsule.id ?? null,
    outcome: ok ? 'done' : 'failed',
    at,
    by,
    base,
    ...(choice
      ? {
          baseChoice: {
            source: choice.source,
            reason: choice.reason,
            ...(choice.recorded ? { recorded: choice.recorded } : {}),
            ...(choice.explicit !== undefined ? { override: choice.explicit } : {}),
          },
        }
      : {}),
    capsuleHash: sha256(capsule.text),
    refereeConfig: { source: referee.source, reason: referee.reason, sha256: sha256(JSON.stringify(config)), settings: settings?.origin ?? 'working tree' },
    treeHash,
    gates: results.map((r) => {
      const data = evidenceData(r);
      return { gate: r.gate, status: r.status, summary: r.summary, durationMs: r.durationMs, diagnostics: r.diagnostics, ...(data ? { data } : {}) };
    }),
    evidence,
    acceptance,
    phases,
  };
  // Gate diagnostics carry command output and test failures: the file gets the redacted copy,
  // sealed as written.
  const redact = options.redact ?? createRedactor();
  const written = redact.value(record) as Record<string, unknown>;
  written.seal = evidenceSeal(written);
  record.seal = written.seal;
  writeFileAtomic(
    path.join(root, evidenceFile),
    `${JSON.stringify(written, null, 2)}
`,
  );

  return updateState(
    root,
    workingConfig,
    slug,
    () => {
      throw usageError('STATE_MISSING', `${file} disappeared while the gates ran`, {
        path: file,
        fix: `Restore it, then run \`sentinel capsule done ${slug}\` again`,
      });
    },
    (state) => {
      let next: CapsuleState = { ...state, gates: gateStatuses(results), evidenceFile, evidenceSeal: record.seal as string, updatedAt: at };
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
        baseReason: choice?.reason ?? null,
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
