import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { discoverAgents, findAgent } from '../agents/discover.js';
import type { Agent } from '../agents/types.js';
import { createCapsuleChecker } from '../capsule/check.js';
import { capsuleSlug, findCapsule } from '../capsule/discover.js';
import { parseCapsule } from '../capsule/parse.js';
import { renderCapsule } from '../capsule/generate.js';
import type { Capsule } from '../capsule/types.js';
import { error, hasErrors, info, type Diagnostic } from '../diagnostics.js';
import { usageError } from '../errors.js';
import { resolveBase } from '../git/git.js';
import { derivedStatus, tamperedError, updateState } from '../lifecycle/record.js';
import { DEFAULT_OWNS } from '../router/ownership.js';
import { emptyState, readState, statePath, type HandoffRecord } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { normalizeText, readTextIfExists, writeFileAtomic } from '../workspace/fs.js';
import { withWorkspaceLock } from '../workspace/lock.js';
import { handoffDraft, handoffFile, type RoleInfo } from './capsule.js';
import { readDiffFacts } from './diff.js';
import { namedRoles, suggestHandoffs, type Evidence, type Suggestion } from './suggest.js';
import { isScannable, networkCallsIn } from '../boundaries/run.js';
import type { NetworkCall } from '../boundaries/network.js';

const roleInfo = (agent: Agent): RoleInfo => ({
  id: agent.id,
  name: agent.manifest.name,
  summary: agent.manifest.summary,
  ...(agent.manifest.owns ? { owns: agent.manifest.owns } : {}),
});

/** The parent's lead: its routed state, else the lead its Router Notes name. */
function parentLead(root: string, config: SentinelConfig, capsule: Capsule, slug: string): string {
  const lead = readState(root, config, slug)?.state.lead ?? capsule.routerNotes.lead;
  if (!lead) {
    throw usageError('CAPSULE_NOT_ROUTED', `Capsule ${slug} has no lead yet, so nothing can be handed off from it`, {
      ...(capsule.file ? { path: capsule.file } : {}),
      fix: `Route it first: \`sentinel route ${slug}\``,
    });
  }
  return lead;
}

interface HandoffResult {
  parent: string;
  to: string;
  reason: string;
  capsule: string;
  file: string;
  /** `invalid`: the follow-up would not validate, so nothing was written or recorded. */
  outcome: 'created' | 'unchanged' | 'invalid';
  stateFile: string;
  /** False when the same handoff was already recorded. */
  recorded: boolean;
  diagnostics: Diagnostic[];
}

/**
 * `handoff --to`: write the follow-up capsule next to the parent's folder (never over a different
 * file: `-2`, `-3`… are tried), check that it validates, and record the handoff in the parent's state.
 */
export async function createHandoff(
  root: string,
  config: SentinelConfig,
  ref: string,
  to: string,
  reason: string,
  now = new Date().toISOString(),
): Promise<HandoffResult> {
  if (!reason.trim()) throw usageError('HANDOFF_REASON_MISSING', 'A handoff needs a reason', { fix: 'Pass --reason "what the next role must do and why"' });
  const roster = discoverAgents(root, config);
  const target = findAgent(roster, to);
  const parent = await findCapsule(root, config, ref);
  const parentSlug = capsuleSlug(parent);
  const parentId = parent.id ?? parentSlug;
  const stateFile = statePath(config, parentSlug);
  if (readState(root, config, parentSlug)?.tampered) throw tamperedError(stateFile, parentSlug);
  const leadId = parentLead(root, config, parent, parentSlug);
  const lead = roster.agents.find((a) => a.id === leadId);
  const leadInfo: RoleInfo = lead ? roleInfo(lead) : { id: leadId, name: leadId, summary: '' };
  if (target.id === leadId) {
    throw usageError('HANDOFF_TO_SELF', `${target.id} already leads ${parentSlug}`, { fix: 'Hand off to another role, or keep the work in this capsule' });
  }
  const checker = await createCapsuleChecker(root, config, roster);
  const present = (entry: string) => (/[*?[{]/.test(entry) ? checker.view.globMatches(entry) : checker.view.exists(entry));

  let file = '';
  let text = '';
  let outcome: HandoffResult['outcome'] = 'created';
  let diagnostics: Diagnostic[] = [];
  for (let n = 1; ; n++) {
    const slug = `${parentSlug}-${target.id}${n > 1 ? `-${n}` : ''}`;
    file = handoffFile(parent.file, slug);
    text = renderCapsule(handoffDraft({ parent, parentSlug, parentId, parentLead: leadInfo, to: roleInfo(target), reason, slug, config, present }));
    const existing = readTextIfExists(path.join(root, file));
    if (existing === undefined) break;
    if (normalizeText(existing) === text) {
      outcome = 'unchanged';
      break;
    }
  }
  const check = checker.check(parseCapsule(text, file));
  diagnostics = check.diagnostics;
  if (hasErrors(diagnostics)) {
    // A refusal is a result, not a crash: both edges show the same failed document with the reasons.
    const refused = error('HANDOFF_CAPSULE_INVALID', `The follow-up capsule ${file} would not validate; nothing was written`, {
      path: file,
      fix: `Fix the parent's Required Outputs (see \`sentinel capsule validate ${parentSlug}\`) and try again`,
    });
    const capsule = check.capsule.id ?? capsuleSlug(check.capsule);
    return {
      parent: parentId,
      to: target.id,
      reason: reason.trim(),
      capsule,
      file,
      outcome: 'invalid',
      stateFile,
      recorded: false,
      diagnostics: [refused, ...diagnostics],
    };
  }
  const childId = check.capsule.id ?? capsuleSlug(check.capsule);
  if (outcome === 'created') {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    await withWorkspaceLock(root, path.join(root, file), () => {
      if (readTextIfExists(path.join(root, file)) !== undefined)
        throw usageError('HANDOFF_RACE', `${file} appeared while writing`, { path: file, fix: 'Run the handoff again' });
      writeFileAtomic(path.join(root, file), text);
    });
  }
  const record: HandoffRecord = { to: target.id, reason: reason.trim(), capsule: childId, at: now };
  const recorded = await updateState(
    root,
    config,
    parentSlug,
    async () => ({
      ...emptyState(parentSlug, now),
      status: await derivedStatus(root, config, parent),
      ...(parent.id ? { capsuleId: parent.id } : {}),
      ...(parent.file ? { capsuleFile: parent.file } : {}),
    }),
    (state) => {
      if (state.handoffs.some((h) => h.capsule === childId && h.to === target.id)) return { result: false };
      return { state: { ...state, handoffs: [...state.handoffs, record], updatedAt: now }, result: true };
    },
  );
  return { parent: parentId, to: target.id, reason: record.reason, capsule: childId, file, outcome, stateFile, recorded, diagnostics };
}

interface SuggestResult {
  capsule: string;
  lead: string;
  base: string;
  /** The lead's HANDOFF phase, when it has one. */
  phase: string | null;
  /** Roles that phase tags (only these can be proposed). */
  named: string[];
  suggestions: Suggestion[];
  /** One proposed capsule per outbound call found: the client the handoff role should write. */
  proposals: ProposedCapsule[];
  diagnostics: Diagnostic[];
}

interface ProposedCapsule {
  to: string;
  /** Where the raw call is now. */
  call: { path: string; line?: number; callee: string };
  reason: string;
  /** The command that writes this capsule (a `handoff --to`). */
  command: string;
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** The Integrator capsule for one raw call: a client function the lead's code calls instead. */
function proposeClientCapsule(parentSlug: string, to: string, e: Evidence): ProposedCapsule {
  const reason = `Write a client for ${e.call} (called directly at ${e.path}${e.line ? `:${e.line}` : ''}) with timeout, retries and a versioned contract, and replace the raw call with it`;
  return {
    to,
    call: { path: e.path, ...(e.line ? { line: e.line } : {}), callee: e.call! },
    reason,
    command: `sentinel handoff ${parentSlug} --to ${to} --reason ${shellQuote(reason)}`,
  };
}

/** `handoff --suggest`: the roles the lead's HANDOFF phase tags whose rule finds evidence in the diff. */
export async function suggestFor(root: string, config: SentinelConfig, ref: string, baseRef?: string): Promise<SuggestResult> {
  const capsule = await findCapsule(root, config, ref);
  const slug = capsuleSlug(capsule);
  const roster = discoverAgents(root, config);
  const lead = findAgent(roster, parentLead(root, config, capsule, slug));
  const phase = lead.playbook.phases.find((p) => p.name === 'HANDOFF' || p.name.startsWith('HANDOFF'));
  const base = await resolveBase(root, baseRef);
  const diagnostics: Diagnostic[] = [];
  const playbookFile = path.posix.join(lead.dir, 'PLAYBOOK.md');
  if (!phase)
    diagnostics.push(
      info('HANDOFF_PHASE_MISSING', `The ${lead.id} playbook has no HANDOFF phase, so no role is tagged`, {
        path: playbookFile,
        fix: 'Add a final "N) HANDOFF" phase with "- Tag <Role> when …" bullets',
      }),
    );
  const named = namedRoles(
    phase,
    roster.agents.map((a) => ({ id: a.id, name: a.manifest.name })),
  );
  const facts = await readDiffFacts(root, config, base);
  const integrator = roster.agents.find((a) => a.id === 'integrator');
  const schema = readTextIfExists(path.join(root, config.logs.schema));
  let knownLogFields = new Set<string>();
  try {
    knownLogFields = new Set(Object.keys((JSON.parse(schema ?? '{}') as { properties?: object }).properties ?? {}));
  } catch {
    diagnostics.push(
      info('HANDOFF_LOG_SCHEMA_UNREADABLE', `${config.logs.schema} is not JSON; every new log field counts as new`, {
        path: config.logs.schema,
        fix: 'Fix the log schema (`sentinel logs check` reports where)',
      }),
    );
  }
  const networkCalls: Record<string, NetworkCall[]> = {};
  for (const file of facts.files) {
    if (file.status === 'deleted' || !isScannable(file.path)) continue;
    const text = readTextIfExists(path.join(root, file.path));
    if (text !== undefined) networkCalls[file.path] = networkCallsIn(file.path, text);
  }
  const suggestions = suggestHandoffs(named, facts, {
    migrationGlobs: config.migrations.globs,
    clientGlobs: integrator?.manifest.owns?.length ? integrator.manifest.owns : [...(DEFAULT_OWNS.integrator ?? ['src/clients/**'])],
    knownLogFields,
    networkCalls,
  });
  const id = capsule.id ?? slug;
  const proposals = suggestions.flatMap((s) => s.evidence.filter((e) => e.call).map((e) => proposeClientCapsule(slug, s.to, e)));
  return { capsule: id, lead: lead.id, base, phase: phase?.name ?? null, named: named.map((n) => n.id), suggestions, proposals, diagnostics };
}
