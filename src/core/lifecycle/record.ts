import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { discoverAgents, requirePromptFiles } from '../agents/discover.js';
import type { Agent } from '../agents/types.js';
import { createCapsuleChecker } from '../capsule/check.js';
import { capsuleSlug, findCapsule } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import { SentinelError, configError, usageError } from '../errors.js';
import { headCommit, isGitRepo } from '../git/git.js';
import { emptyState, readState, statePath, writeState, type CapsuleState, type CapsuleStatus } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { withWorkspaceLock } from '../workspace/lock.js';
import { tamperedDiagnostic } from './status.js';
import { planPhase, transition } from './transitions.js';

/** A hand-edited state is a failed check (exit 1), never silently re-sealed. */
export function tamperedError(file: string, slug: string): SentinelError {
  const d = tamperedDiagnostic(file, slug);
  return new SentinelError('check', d.code, d.message, { path: file, ...(d.fix ? { fix: d.fix } : {}) });
}

/** Read-modify-write of one capsule's state under its file lock; a tampered state is refused. */
export async function updateState<T>(
  root: string,
  config: SentinelConfig,
  slug: string,
  initial: () => Promise<CapsuleState> | CapsuleState,
  fn: (state: CapsuleState, file: string) => Promise<{ state?: CapsuleState; result: T }> | { state?: CapsuleState; result: T },
): Promise<T> {
  const file = statePath(config, slug);
  const absolute = path.join(root, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  return withWorkspaceLock(root, absolute, async () => {
    const loaded = readState(root, config, slug);
    if (loaded?.tampered) throw tamperedError(file, slug);
    const { state, result } = await fn(loaded?.state ?? (await initial()), file);
    if (state) writeState(root, config, state, state.updatedAt);
    return result;
  });
}

/** The status a capsule has without a state file: `ready` when it validates, else `draft`. */
export async function derivedStatus(root: string, config: SentinelConfig, capsule: Capsule): Promise<CapsuleStatus> {
  const checker = await createCapsuleChecker(root, config, discoverAgents(root, config));
  return checker.check(capsule).ok ? 'ready' : 'draft';
}

function leadAgent(root: string, config: SentinelConfig, state: CapsuleState, file: string): Agent {
  const roster = discoverAgents(root, config);
  const agent = roster.agents.find((a) => a.id === state.lead);
  if (!agent) {
    throw configError(
      'LEAD_NOT_IN_ROSTER',
      `Lead "${state.lead}" of ${state.slug} is not in the roster (${roster.agents.map((a) => a.id).join(', ') || 'empty'})`,
      {
        path: file,
        fix: `Restore ${config.agentsDir}/${state.lead}/, or re-route the capsule with \`sentinel route ${state.slug}\``,
      },
    );
  }
  return agent;
}

interface PhaseResult {
  slug: string;
  stateFile: string;
  lead: string;
  status: CapsuleStatus;
  phase: string;
  previousPhase: string | null;
  changed: boolean;
  phases: string[];
}

/** `capsule phase`: move through the lead's playbook, forward only; routed/blocked → in_progress. */
export async function recordPhase(root: string, config: SentinelConfig, ref: string, requested: string, by = 'cli'): Promise<PhaseResult> {
  const capsule = await findCapsule(root, config, ref);
  const slug = capsuleSlug(capsule);
  const now = new Date().toISOString();
  const head = (await isGitRepo(root)) ? await headCommit(root) : undefined;
  return updateState<PhaseResult>(
    root,
    config,
    slug,
    async () => ({ ...emptyState(slug, now), status: await derivedStatus(root, config, capsule) }),
    (state, file) => {
      if (!state.lead || !['routed', 'in_progress', 'blocked'].includes(state.status)) {
        if (!state.lead && state.status !== 'done') {
          throw usageError('CAPSULE_NOT_ROUTED', `Capsule ${slug} has no lead yet (status ${state.status})`, {
            path: file,
            fix: `Route it first: \`sentinel route ${slug}\``,
          });
        }
        // Let the status machine produce the error and its fix.
        transition(state, { to: 'in_progress', by, now }, { file });
      }
      const agent = requirePromptFiles(leadAgent(root, config, state, file));
      const playbookFile = agent.playbookFile ?? path.posix.join(agent.dir, 'PLAYBOOK.md');
      const step = planPhase(agent.playbook, state.phase, requested, { lead: agent.id, file: playbookFile });
      const base = {
        slug,
        stateFile: file,
        lead: agent.id,
        phase: step.phase,
        previousPhase: state.phase ?? null,
        phases: agent.playbook.phases.map((p) => p.name),
      };
      if (step.kind === 'same' && state.status === 'in_progress') return { result: { ...base, status: state.status, changed: false } };
      const next = { ...transition(state, { to: 'in_progress', by, phase: step.phase, now }, { file }), updatedAt: now };
      // A capsule routed before bases were recorded gets one when its work starts.
      if (!next.base && head !== undefined) next.base = { commit: head, at: now, when: 'in_progress' };
      return { state: next, result: { ...base, status: next.status, changed: true } };
    },
  );
}

interface BlockResult {
  slug: string;
  stateFile: string;
  status: CapsuleStatus;
  previousStatus: CapsuleStatus;
  reason: string;
}

/** `capsule block`: record why work stopped; the phase is kept so work resumes where it stopped. */
export async function blockCapsule(root: string, config: SentinelConfig, ref: string, reason: string, by = 'cli'): Promise<BlockResult> {
  const capsule = await findCapsule(root, config, ref);
  const slug = capsuleSlug(capsule);
  const now = new Date().toISOString();
  return updateState(
    root,
    config,
    slug,
    async () => ({
      ...emptyState(slug, now),
      status: await derivedStatus(root, config, capsule),
      ...(capsule.id ? { capsuleId: capsule.id } : {}),
      ...(capsule.file ? { capsuleFile: capsule.file } : {}),
    }),
    (state, file) => {
      const next = { ...transition(state, { to: 'blocked', by, note: reason, now }, { file }), updatedAt: now };
      return { state: next, result: { slug, stateFile: file, status: next.status, previousStatus: state.status, reason } };
    },
  );
}
