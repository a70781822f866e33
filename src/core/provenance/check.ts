import { statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { capsuleSlug } from '../capsule/discover.js';
import { error, hasErrors, info, warning, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { GateInputs, GateOutcome } from '../gates/types.js';
import { decisionNumber } from '../ledger/ids.js';
import { parseLedger } from '../ledger/parse.js';
import { loadLedger } from '../ledger/store.js';
import type { LedgerEntry } from '../ledger/types.js';
import { resolveActiveCapsule } from '../state/state.js';
import { normalizeRelative } from '../workspace/paths.js';
import { excludedBy, inspectFile, listWorkspaceFiles, provenanceFilter } from './files.js';
import type { ParsedHeader } from './header.js';

interface ProvenanceCheckOptions {
  /** Check every file in the workspace, not only the files changed since base. */
  all?: boolean;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Outputs are free text ("README router section"): only a single token is taken for a file path. */
const isOutputPath = (output: string): boolean => !/\s/.test(output.trim());

const stampFix = (file: string, decision?: string) => `Run \`sentinel stamp ${file} --decision ${decision ?? 'D-…'}\``;

/** Which decisions' Outputs to hold to account: all of them, or those recorded since base. */
async function outputsToCheck(ctx: GateInputs, entries: LedgerEntry[], all: boolean, changed: Set<string>): Promise<LedgerEntry[]> {
  if (all) return entries;
  let baseIds = new Set<number>();
  if (await ctx.isGitRepo()) {
    const baseText = await ctx.fileAtBase(ctx.config.ledger);
    if (baseText !== undefined) baseIds = new Set(parseLedger(baseText, ctx.config.ledger).entries.map((e) => decisionNumber(e.id) ?? -1));
  }
  return entries.filter((e) => !baseIds.has(decisionNumber(e.id) ?? -1) || e.outputs.some((o) => changed.has(normalizeRelative(o))));
}

class HeaderChecker {
  private capsuleRefs: Promise<Set<string>> | undefined;
  constructor(
    private readonly ctx: GateInputs,
    private readonly byNumber: Map<number, LedgerEntry>,
    private readonly supersededBy: Map<number, string>,
    private readonly changedMode: boolean,
  ) {}

  private capsules(): Promise<Set<string>> {
    return (this.capsuleRefs ??= this.ctx.capsules().then((list) => {
      const refs = new Set<string>();
      for (const c of list) {
        refs.add(capsuleSlug(c).toLowerCase());
        if (c.id) refs.add(c.id.toLowerCase());
      }
      return refs;
    }));
  }

  async check(file: string, line: number, header: ParsedHeader, out: Diagnostic[]): Promise<void> {
    const at = { path: file, line };
    const { producedBy, rulesHash, decision, capsule } = header.fields;
    if (header.missing.length) {
      out.push(error('PROVENANCE_HEADER_MALFORMED', `Provenance header lacks ${header.missing.join(', ')}`, { ...at, fix: stampFix(file, decision) }));
      return;
    }
    const n = decisionNumber(decision!);
    const entry = n === undefined ? undefined : this.byNumber.get(n);
    if (!entry) {
      out.push(
        error('PROVENANCE_DECISION_UNKNOWN', `Header names ${decision}, which is not in ${this.ctx.config.ledger}`, {
          ...at,
          fix: `Record the decision with \`sentinel decide\` and ${stampFix(file, 'D-…').replace(/^Run/, 'run')}`,
        }),
      );
    } else {
      const successor = this.supersededBy.get(n!);
      if (successor && this.changedMode) {
        out.push(
          warning('PROVENANCE_DECISION_SUPERSEDED', `Changed file names ${decision}, which ${successor} supersedes`, { ...at, fix: stampFix(file, successor) }),
        );
      }
      if (entry.outputs.length && !entry.outputs.some((o) => outputMatches(o, file))) {
        out.push(
          info('PROVENANCE_NOT_IN_OUTPUTS', `${decision} does not list this file in its Outputs`, {
            ...at,
            fix: `Mention ${file} in the Outputs of the next decision about it`,
          }),
        );
      }
    }
    if (capsule && !(await this.capsules()).has(capsule.toLowerCase())) {
      out.push(
        error('PROVENANCE_CAPSULE_UNKNOWN', `Header names capsule ${capsule}, which does not exist`, {
          ...at,
          fix: `${stampFix(file, decision)} --capsule <existing capsule slug>`,
        }),
      );
    }
    const rulesAgent = rulesHash!.split('@')[0]!;
    if (rulesAgent.toUpperCase() !== producedBy!.toUpperCase()) {
      out.push(
        error('PROVENANCE_HEADER_MISMATCH', `ProducedBy=${producedBy} but RulesHash=${rulesHash} belongs to ${rulesAgent}`, {
          ...at,
          fix: stampFix(file, decision),
        }),
      );
      return;
    }
    const agent = this.ctx.roster().agents.find((a) => a.id === producedBy!.toLowerCase());
    if (agent) {
      if (agent.manifest.rulesHash !== rulesHash) {
        out.push(
          error('PROVENANCE_RULES_STALE', `RulesHash=${rulesHash} is stale: ${agent.id} now runs ${agent.manifest.rulesHash}`, {
            ...at,
            fix: `re-stamp with \`sentinel stamp ${file} --decision ${decision} --agent ${agent.id}\``,
          }),
        );
      }
    } else if (rulesHash !== `${producedBy}@unversioned`) {
      out.push(
        error('PROVENANCE_AGENT_UNKNOWN', `ProducedBy=${producedBy} is not an agent in ${this.ctx.config.agentsDir}`, {
          ...at,
          fix: `Stamp with a roster agent (\`sentinel agents list\`), or use RulesHash=${producedBy}@unversioned for a person`,
        }),
      );
    }
  }
}

/** An Outputs item names the file exactly, as a folder prefix, or as a glob. */
function outputMatches(output: string, file: string): boolean {
  const normal = normalizeRelative(output);
  if (normal === file) return true;
  if (file.startsWith(`${normal}/`)) return true;
  return GLOB_CHARS.test(normal) && picomatch(normal, { dot: true })(file);
}

/**
 * The provenance check: every changed file (or every file with `all`) that can hold a header has
 * a valid one — its decision is in the ledger, its capsule exists, its RulesHash is the agent's
 * current one — and every file a decision lists in Outputs carries a header (JSON and binary
 * files excepted: the Outputs entry is their provenance).
 */
export async function checkProvenance(ctx: GateInputs, options: ProvenanceCheckOptions = {}): Promise<GateOutcome> {
  const all = Boolean(options.all);
  const gitRepo = await ctx.isGitRepo();
  const diagnostics: Diagnostic[] = [];
  if (!all && !gitRepo) {
    return {
      status: 'ok',
      diagnostics: [
        info('PROVENANCE_NO_GIT', 'Not a git repository, so there are no changed files to check', {
          fix: 'Run `sentinel provenance check --all` to check every file',
        }),
      ],
      data: { mode: 'changed', checked: 0, stamped: 0 },
      summary: 'no changed files (not a git repository)',
    };
  }
  const { ledger } = loadLedger(ctx.root, ctx.config);
  const byNumber = new Map<number, LedgerEntry>();
  const supersededBy = new Map<number, string>();
  for (const e of ledger.entries) {
    const n = decisionNumber(e.id);
    if (n !== undefined && !byNumber.has(n)) byNumber.set(n, e);
  }
  for (const e of ledger.entries) for (const s of e.supersedes) if (decisionNumber(s) !== undefined) supersededBy.set(decisionNumber(s)!, e.id);

  const wanted = provenanceFilter(ctx.config.provenance.include, ctx.config.provenance.exclude);
  const candidates = all ? await listWorkspaceFiles(ctx.root, gitRepo) : (await ctx.changedFiles()).filter((c) => c.status !== 'deleted').map((c) => c.path);
  const files = candidates.filter((f) => f !== ctx.config.ledger && wanted(f));
  const fileSet = new Set(files);
  const checker = new HeaderChecker(ctx, byNumber, supersededBy, !all);
  const listedIn = new Map<string, string>();
  const relevant = await outputsToCheck(ctx, ledger.entries, all, new Set(candidates));
  const outputsLine = new Map<string, number>();
  for (const entry of relevant) {
    if (entry.fieldLines.Outputs !== undefined) outputsLine.set(entry.id, entry.fieldLines.Outputs);
    for (const o of entry.outputs) if (!GLOB_CHARS.test(o) && isOutputPath(o)) listedIn.set(normalizeRelative(o), entry.id);
  }

  // Agents stamp what they produce. With no capsule under way (and no --all), a changed file with
  // no header is a person's edit, not a missing stamp: noted, never failed, unless a decision lists it.
  const agentWork = all || resolveActiveCapsule(ctx.root, ctx.config, ctx.capsule, ctx.caller) !== undefined;
  let stamped = 0;
  let unstamped = 0;
  const reported = new Set<string>();
  for (const file of files) {
    const state = inspectFile(ctx.root, file);
    if (state.kind === 'unreadable') continue;
    if (state.kind === 'refused') {
      if (!listedIn.has(file) && ![...byNumber.values()].some((e) => e.outputs.some((o) => outputMatches(o, file)))) {
        diagnostics.push(
          error('PROVENANCE_UNLISTED', `${state.reason}; no decision lists it`, {
            path: file,
            fix: 'Name the file in the Outputs of a decision (`sentinel decide --outputs …`)',
          }),
        );
      }
      continue;
    }
    if (state.kind === 'missing') {
      reported.add(file);
      const where = listedIn.has(file) ? ` (listed in the Outputs of ${listedIn.get(file)})` : '';
      const syntaxNote = state.wrongSyntaxLine ? `; line ${state.wrongSyntaxLine} has one in the wrong comment syntax` : '';
      if (!agentWork && !listedIn.has(file)) {
        unstamped++;
        diagnostics.push(
          info('PROVENANCE_MISSING', `No provenance header (no capsule under way, so not required)${syntaxNote}`, {
            path: file,
            line: state.wrongSyntaxLine ?? 1,
            fix: stampFix(file, undefined),
          }),
        );
        continue;
      }
      diagnostics.push(
        error('PROVENANCE_MISSING', `No provenance header${where}${syntaxNote}`, {
          path: file,
          line: state.wrongSyntaxLine ?? 1,
          fix: stampFix(file, listedIn.get(file)),
        }),
      );
      continue;
    }
    stamped++;
    await checker.check(file, state.line, state.header, diagnostics);
  }

  const excluded = excludedBy(ctx.config.provenance.exclude);
  for (const [output, id] of listedIn) {
    if (reported.has(output) || fileSet.has(output) || excluded(output)) continue;
    let isFile = false;
    try {
      isFile = statSync(path.join(ctx.root, output)).isFile();
    } catch {
      const line = outputsLine.get(id);
      diagnostics.push(
        warning('PROVENANCE_OUTPUT_ABSENT', `${id} lists ${output} in its Outputs, but the file does not exist`, {
          path: ctx.config.ledger,
          ...(line ? { line } : {}),
          fix: 'Create the file, or record a new decision with corrected Outputs',
        }),
      );
      continue;
    }
    if (!isFile) continue;
    const state = inspectFile(ctx.root, output);
    if (state.kind === 'missing') {
      diagnostics.push(
        error('PROVENANCE_OUTPUT_UNSTAMPED', `Listed in the Outputs of ${id} but has no provenance header`, {
          path: output,
          line: 1,
          fix: stampFix(output, id),
        }),
      );
    } else if (state.kind === 'found') {
      stamped++;
      await checker.check(output, state.line, state.header, diagnostics);
    }
  }

  sortDiagnostics(diagnostics);
  const failed = hasErrors(diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    status: failed ? 'fail' : 'ok',
    diagnostics,
    data: { mode: all ? 'all' : 'changed', checked: files.length, stamped, outputsChecked: listedIn.size },
    summary: `${files.length} file(s) checked, ${stamped} header(s)${unstamped ? `, ${unstamped} unstamped outside any capsule` : ''}${errors ? `, ${errors} error(s)` : ''}`,
  };
}
