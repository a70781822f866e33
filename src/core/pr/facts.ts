import path from 'node:path';
import { capsuleSlug, findCapsule, loadCapsules } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import { commitsSince, outputCovers, type CommitFacts } from '../commits/check.js';
import { changedFiles, git, isGitRepo, resolveBase, type ChangeStatus } from '../git/git.js';
import { loadLedger } from '../ledger/store.js';
import type { LedgerEntry } from '../ledger/types.js';
import { listEvidenceFiles, parseEvidenceRecord, type EvidenceRecord } from '../lifecycle/evidence-files.js';
import { inspectFile } from '../provenance/files.js';
import type { CheckReport } from '../report/check-report.js';
import { readState, resolveActiveCapsule, type CapsuleStatus, type LoadedState } from '../state/state.js';
import type { Caller } from '../workspace/caller.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists } from '../workspace/fs.js';
import { criterionStatus, type PrCommand, type PrCriterion, type PrGate } from './acceptance-status.js';
import { slugOfRef } from '../capsule/ref.js';

/** Where a capsule's gate results come from. */
export interface GatesSource {
  kind: 'report' | 'evidence' | 'none';
  /** The report or evidence file. */
  file?: string;
  at?: string;
  outcome?: string;
  /** Evidence only: files changed since the tree it judged (undefined when that tree is not in this clone). */
  changedSince?: number;
  /** Evidence only: why the file may not be what the referee recorded. */
  doubt?: string;
}

export interface PrHandoff {
  to: string;
  reason: string;
  capsule: string;
  status?: CapsuleStatus;
}

export interface PrCapsule {
  id: string;
  slug: string;
  file?: string;
  goal: string;
  lead?: string;
  status?: CapsuleStatus;
  phase?: string;
  decision?: string;
  source: GatesSource;
  gates: PrGate[];
  acceptance: PrCriterion[];
  handoffs: PrHandoff[];
}

export interface PrDecision {
  id: string;
  decision?: string;
  date?: string;
  author?: string;
  /** `.sentinel/DECISIONS.md` and the line of its ID, when the ledger holds it. */
  file?: string;
  line?: number;
  /** Why it is listed: the capsule's Router Notes, a commit trailer, a file header, Outputs. */
  via: string[];
}

export interface PrFile {
  path: string;
  status: ChangeStatus;
  /** Capsules whose Required Outputs cover it. */
  capsules: string[];
  /** Its provenance header, the reason it cannot hold one, or nothing. */
  header?: { producedBy?: string; decision?: string; capsule?: string };
  headerNote?: string;
  /** Ledger decisions listing it in Outputs. */
  decisions: string[];
  /** Commits since the base touching it, with their Sentinel-Capsule trailers. */
  commits: { sha: string; subject: string; capsules: string[] }[];
}

export interface PrFacts {
  base: string | null;
  capsules: PrCapsule[];
  /** Why these capsules: explicit, the caller's, the outputs the branch changes, the active one. */
  selectedBy: 'explicit' | 'changed-outputs' | 'active' | 'none';
  decisions: PrDecision[];
  files: PrFile[];
  ledgerFile: string;
  /** The report's gates when one was given (PR-wide), else none. */
  reportGates?: PrGate[];
}

interface PrOptions {
  capsule?: string;
  base?: string;
  /** A `sentinel check --json` document from the same run (CI), preferred over evidence files. */
  report?: { file: string; report: CheckReport };
  caller?: Caller;
}

const SENTINEL_OWN = /^\.sentinel\/(?:state|evidence|tmp)\//;

function readEvidence(root: string, file: string): { file: string; record: EvidenceRecord } | undefined {
  const text = readTextIfExists(path.join(root, file));
  const read = text === undefined ? undefined : parseEvidenceRecord(text);
  return read?.ok ? { file, record: read.record } : undefined;
}

/** The evidence file the capsule state points at, else the newest readable one. */
function latestEvidence(root: string, config: SentinelConfig, slug: string, pointed?: string): { file: string; record: EvidenceRecord } | undefined {
  const fromState = pointed ? readEvidence(root, pointed) : undefined;
  if (fromState) return fromState;
  const files = listEvidenceFiles(root, config, slug).filter((f) => !path.posix.basename(f).startsWith('tampered-'));
  for (const file of files.reverse()) {
    const found = readEvidence(root, file);
    if (found) return found;
  }
  return undefined;
}

/**
 * Why an evidence file may not say what the referee saw: the state was edited by hand, points at
 * another file, or recorded other gate statuses for this run (an edited evidence file).
 */
function evidenceDoubt(loaded: LoadedState | undefined, file: string, record: EvidenceRecord): string | undefined {
  if (!loaded) return 'no capsule state records this run';
  if (loaded.tampered) return 'the capsule state was edited by hand (`sentinel status` explains)';
  if (loaded.state.evidenceFile !== file) return `the capsule state points at ${loaded.state.evidenceFile ?? 'no evidence file'}`;
  const recorded = loaded.state.gates ?? {};
  const differs = record.gates.filter((g) => recorded[g.gate] !== g.status).map((g) => g.gate);
  return differs.length ? `its gate statuses differ from the ones the state recorded (${differs.join(', ')})` : undefined;
}

/** Files changed between the tree a `capsule done` judged and now, Sentinel's own files aside. */
async function changedSinceTree(root: string, tree: string): Promise<number | undefined> {
  if (!tree) return undefined;
  const result = await git(root, ['diff', '--name-only', tree, '--', '.', ':(exclude).sentinel/state', ':(exclude).sentinel/evidence']);
  return result.code === 0 ? result.stdout.split('\n').filter(Boolean).length : undefined;
}

function commandsOf(gates: readonly PrGate[], record: EvidenceRecord | undefined): PrCommand[] {
  const fromReport = gates.find((g) => g.gate === 'commands')?.data?.commands;
  if (Array.isArray(fromReport)) return (fromReport as { command: string; status: string }[]).filter((c) => typeof c.command === 'string');
  return (record?.evidence ?? []).filter((e) => e.gate === 'commands').map((e) => ({ command: e.command, status: e.status }));
}

async function capsuleFacts(root: string, config: SentinelConfig, capsule: Capsule, all: readonly Capsule[], options: PrOptions): Promise<PrCapsule> {
  const slug = capsuleSlug(capsule);
  const loaded = readState(root, config, slug);
  const state = loaded?.state;
  const evidence = options.report ? undefined : latestEvidence(root, config, slug, state?.evidenceFile);
  let source: GatesSource = { kind: 'none' };
  let gates: PrGate[] = [];
  if (options.report) {
    source = { kind: 'report', file: options.report.file };
    gates = options.report.report.gates.map((g) => ({ gate: g.gate, status: g.status, summary: g.summary, data: g.data }));
  } else if (evidence) {
    const changedSince = await changedSinceTree(root, evidence.record.treeHash);
    const doubt = evidenceDoubt(loaded, evidence.file, evidence.record);
    source = {
      kind: 'evidence',
      file: evidence.file,
      at: evidence.record.at,
      outcome: evidence.record.outcome,
      ...(changedSince !== undefined ? { changedSince } : {}),
      ...(doubt ? { doubt } : {}),
    };
    gates = evidence.record.gates.map((g) => ({ gate: g.gate, status: g.status, summary: g.summary, ...(g.data ? { data: g.data } : {}) }));
  }
  const commands = commandsOf(gates, evidence?.record);
  const acceptance = capsule.acceptanceCriteria.map((item) => criterionStatus(item.text, item.line, gates, commands));
  const handoffs: PrHandoff[] = (state?.handoffs ?? []).map((h) => ({ to: h.to, reason: h.reason, capsule: h.capsule }));
  // Capsules naming this one as Parent are handoffs too, even when written by hand.
  for (const child of all) {
    const parent = child.routerNotes.parent !== undefined ? slugOfRef(child.routerNotes.parent) : undefined;
    const childSlug = capsuleSlug(child);
    if (parent !== slug || handoffs.some((h) => slugOfRef(h.capsule) === childSlug)) continue;
    const childState = readState(root, config, childSlug)?.state;
    handoffs.push({ to: childState?.lead ?? child.routerNotes.lead ?? 'not routed yet', reason: child.title, capsule: child.id ?? childSlug });
  }
  for (const handoff of handoffs) {
    const status = readState(root, config, slugOfRef(handoff.capsule))?.state.status;
    if (status) handoff.status = status;
  }
  const lead = state?.lead ?? capsule.routerNotes.lead;
  return {
    id: capsule.id ?? slug,
    slug,
    ...(capsule.file ? { file: capsule.file } : {}),
    goal: capsule.goal.trim(),
    ...(lead ? { lead } : {}),
    ...(state ? { status: state.status } : {}),
    ...(state?.phase ? { phase: state.phase } : {}),
    ...(capsule.routerNotes.decision ? { decision: capsule.routerNotes.decision } : {}),
    source,
    gates,
    acceptance,
    handoffs,
  };
}

/** The decisions a PR carries, each with why it is listed, in id order. */
function collectDecisions(entries: readonly LedgerEntry[], ledgerFile: string, refs: Map<string, Set<string>>): PrDecision[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return [...refs.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([id, via]) => {
      const entry = byId.get(id);
      return { id, via: [...via], ...(entry ? { decision: entry.decision, date: entry.date, author: entry.author, file: ledgerFile, line: entry.line } : {}) };
    });
}

/**
 * Everything `sentinel pr body` shows, gathered once: the capsules this branch works on, their
 * gates (from a check report or their latest `capsule done`), acceptance criteria with their
 * status, handoffs, the decisions involved, and each changed file's provenance.
 */
export async function gatherPrFacts(root: string, config: SentinelConfig, options: PrOptions = {}): Promise<PrFacts> {
  const repo = await isGitRepo(root);
  const base = repo ? await resolveBase(root, options.base) : null;
  const changed = repo && base ? (await changedFiles(root, base)).filter((f) => !SENTINEL_OWN.test(f.path)) : [];
  const commits: CommitFacts[] = repo && base ? await commitsSince(root, base).catch(() => []) : [];
  const all = await loadCapsules(root, config);
  // Which capsules list each changed file among their Required Outputs: matched once, used twice.
  const owners = new Map(changed.map((f) => [f.path, all.filter((c) => c.requiredOutputs.some((o) => o.path && outputCovers(o.path, f.path)))]));

  let selected: Capsule[] = [];
  let selectedBy: PrFacts['selectedBy'] = 'none';
  const explicit = options.capsule ?? options.caller?.capsule;
  if (explicit) {
    selected = [await findCapsule(root, config, explicit)];
    selectedBy = 'explicit';
  } else {
    const trailerSlugs = new Set(commits.flatMap((c) => c.capsules.map(slugOfRef)));
    const owning = new Set([...owners.values()].flat());
    selected = all.filter((c) => trailerSlugs.has(capsuleSlug(c)) || owning.has(c));
    if (selected.length) selectedBy = 'changed-outputs';
    else {
      const active = resolveActiveCapsule(root, config);
      if (active) {
        selected = [await findCapsule(root, config, active)];
        selectedBy = 'active';
      }
    }
  }
  const capsules = await Promise.all(selected.map((c) => capsuleFacts(root, config, c, all, options)));

  const { ledger, file: ledgerFile } = loadLedger(root, config);
  const refs = new Map<string, Set<string>>();
  const cite = (id: string | undefined, why: string) => {
    if (!id || !/^D-\d{4,}$/.test(id)) return;
    refs.set(id, (refs.get(id) ?? new Set()).add(why));
  };
  for (const c of capsules) cite(c.decision, `Router Notes of ${c.id}`);
  for (const entry of ledger.entries)
    if (entry.capsule && capsules.some((c) => c.slug === slugOfRef(entry.capsule!))) cite(entry.id, `Scope names ${entry.capsule}`);
  for (const commit of commits) for (const d of commit.decisions) cite(d, `trailer of ${commit.sha.slice(0, 7)}`);

  const files: PrFile[] = changed.map((f) => {
    const state = f.status === 'deleted' ? undefined : inspectFile(root, f.path);
    const header = state?.kind === 'found' ? state.header.fields : undefined;
    if (header?.decision) cite(header.decision, `header of ${f.path}`);
    const decisions = ledger.entries.filter((e) => e.outputs.some((o) => outputCovers(o, f.path))).map((e) => e.id);
    for (const id of decisions) cite(id, `Outputs list ${f.path}`);
    const headerNote = state?.kind === 'refused' ? 'cannot hold a header' : state?.kind === 'missing' ? 'no header' : undefined;
    return {
      path: f.path,
      status: f.status,
      capsules: owners.get(f.path)!.map((c) => c.id ?? capsuleSlug(c)),
      ...(header
        ? {
            header: {
              ...(header.producedBy ? { producedBy: header.producedBy } : {}),
              ...(header.decision ? { decision: header.decision } : {}),
              ...(header.capsule ? { capsule: header.capsule } : {}),
            },
          }
        : {}),
      ...(headerNote ? { headerNote } : {}),
      decisions,
      commits: commits.filter((c) => c.files.includes(f.path)).map((c) => ({ sha: c.sha, subject: c.subject, capsules: c.capsules })),
    };
  });

  return {
    base,
    capsules,
    selectedBy,
    decisions: collectDecisions(ledger.entries, ledgerFile, refs),
    files,
    ledgerFile,
    // With no capsule to hang them on, the report's gates are shown for the whole branch.
    ...(options.report && capsules.length === 0
      ? { reportGates: options.report.report.gates.map((g) => ({ gate: g.gate, status: g.status, summary: g.summary })) }
      : {}),
  };
}
