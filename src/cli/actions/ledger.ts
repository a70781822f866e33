import { discoverAgents } from '../../core/agents/discover.js';
import { capsuleSlug, findCapsule } from '../../core/capsule/discover.js';
import { hasErrors, info, sortDiagnostics } from '../../core/diagnostics.js';
import { usageError } from '../../core/errors.js';
import { decisionNumber, isDecisionId } from '../../core/ledger/ids.js';
import { oneLine } from '../../core/ledger/append.js';
import { loadLedger, recordDecision, rulesHashOf } from '../../core/ledger/store.js';
import type { LedgerEntry } from '../../core/ledger/types.js';
import { validateLedger } from '../../core/ledger/validate.js';
import { agentLabel, headersForAllFamilies, type ProvenanceFields } from '../../core/provenance/header.js';
import type { CommentFamily } from '../../core/provenance/syntax.js';
import { checkInside } from '../../core/workspace/paths.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { countBySeverity } from '../render/diagnostics.js';
import { formatTable } from '../render/table.js';

const FAMILY_LABEL: Record<CommentFamily, string> = { line: '//', hash: '#', html: '<!--', sql: '--', block: '/*' };

function requireText(name: string, value: unknown): string {
  const text = typeof value === 'string' ? oneLine(value) : '';
  if (!text) throw usageError('DECIDE_EMPTY_FIELD', `--${name} is empty`, { fix: `Pass a one-line --${name} "…"` });
  return text;
}

/** `--outputs a,b --outputs c` → workspace-relative POSIX paths inside the root. */
function outputPaths(root: string, values: unknown): string[] {
  const items = (Array.isArray(values) ? values : values === undefined ? [] : [values])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim().replace(/^`(.*)`$/, '$1'))
    .filter((v) => v && v !== '-' && v.toLowerCase() !== 'none');
  return [
    ...new Set(
      items.map((item) => {
        const inside = checkInside(root, item);
        if (!inside.ok) throw usageError('DECIDE_OUTPUT_OUTSIDE', inside.message, { path: item, fix: 'List outputs as paths relative to the workspace root' });
        return inside.relative;
      }),
    ),
  ];
}

function printHeaders(ctx: CliContext, headers: Record<CommentFamily, string>): void {
  ctx.out('Provenance header (use the line for the file type):');
  for (const family of Object.keys(FAMILY_LABEL) as CommentFamily[]) ctx.out(`  ${FAMILY_LABEL[family].padEnd(5)} ${headers[family]}`);
}

export const decide: ActionBody = async (ctx, _args, opts) => {
  const config = await ctx.config();
  const supersedes = opts.supersedes === undefined ? undefined : String(opts.supersedes).trim();
  if (supersedes !== undefined && !isDecisionId(supersedes)) {
    throw usageError('DECIDE_BAD_SUPERSEDES', `--supersedes "${supersedes}" is not a decision id`, { fix: 'Pass an id such as D-0003' });
  }
  let capsule: string | undefined;
  if (opts.capsule !== undefined) {
    const ref = String(opts.capsule);
    const found = await findCapsule(ctx.root, config, ref);
    capsule = found.id && found.id.toLowerCase() === ref.toLowerCase() ? found.id : capsuleSlug(found);
  }
  const input = {
    date: new Date().toISOString().slice(0, 10),
    author: requireText('author', opts.author),
    scope: requireText('scope', opts.scope),
    decision: requireText('decision', opts.decision),
    rationale: requireText('rationale', opts.rationale),
    outputs: outputPaths(ctx.root, opts.outputs),
    dryRun: Boolean(opts.dryRun),
    ...(supersedes ? { supersedes } : {}),
    ...(capsule ? { capsule } : {}),
  };
  const result = await recordDecision(ctx.root, config, discoverAgents(ctx.root, config), input);
  if (ctx.json) {
    ctx.printJson({ ok: true, ...result });
    return 0;
  }
  ctx.out(result.id);
  ctx.out(result.dryRun ? `Dry run: would append to ${result.file} (nothing written):` : `Recorded in ${result.file}:${result.line}${result.created ? ' (ledger created)' : ''}`);
  for (const line of result.entry) ctx.out(`  ${line}`);
  printHeaders(ctx, result.headers);
  if (!result.authorInRoster) ctx.err(`note: "${input.author}" is not a roster agent, so RulesHash is ${result.headerFields.rulesHash}`);
  if (result.repairedNextId) ctx.err(`note: NEXT_ID ${result.repairedNextId} was behind existing ids; it now reads ${result.nextId}`);
  return 0;
};

function supersededByMap(entries: LedgerEntry[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const entry of entries) {
    for (const target of entry.supersedes) {
      const n = decisionNumber(target);
      if (n !== undefined) map.set(n, [...(map.get(n) ?? []), entry.id]);
    }
  }
  return map;
}

const entryJson = (entry: LedgerEntry, supersededBy: string[]) => ({
  id: entry.id,
  date: entry.date,
  author: entry.author,
  scope: entry.scope,
  decision: entry.decision,
  rationale: entry.rationale,
  outputs: entry.outputs,
  supersedes: entry.supersedes,
  supersededBy,
  ...(entry.capsule ? { capsule: entry.capsule } : {}),
  line: entry.line,
});

export const list: ActionBody = async (ctx) => {
  const config = await ctx.config();
  const { file, exists, ledger } = loadLedger(ctx.root, config);
  const by = supersededByMap(ledger.entries);
  const entries = ledger.entries.map((e) => entryJson(e, by.get(decisionNumber(e.id) ?? -1) ?? []));
  if (ctx.json) {
    ctx.printJson({ ok: true, file, exists, nextId: ledger.nextId ?? null, entries });
    return 0;
  }
  if (!exists) {
    ctx.out(`No ledger at ${file} yet; \`sentinel decide\` creates it.`);
    return 0;
  }
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const rows = entries.map((e) => [e.id, e.date, e.author, e.supersededBy.length ? `superseded by ${e.supersededBy.join(', ')}` : 'active', clip(e.decision, 60)]);
  ctx.out(formatTable(['ID', 'DATE', 'AUTHOR', 'STATUS', 'DECISION'], rows));
  ctx.out(`${entries.length} decision(s); NEXT_ID ${ledger.nextId ?? ledger.nextIdRaw ?? 'missing'}`);
  return 0;
};

export const show: ActionBody = async (ctx, args) => {
  const id = String(args[0] ?? '').trim();
  if (!isDecisionId(id)) throw usageError('DECISION_BAD_ID', `"${id}" is not a decision id`, { fix: 'Pass an id such as D-0003' });
  const config = await ctx.config();
  const { file, ledger } = loadLedger(ctx.root, config);
  const entry = ledger.entries.find((e) => decisionNumber(e.id) === decisionNumber(id));
  if (!entry) throw usageError('DECISION_NOT_FOUND', `${id} is not in ${file}`, { path: file, fix: '`sentinel decisions list` shows the ids' });
  const supersededBy = supersededByMap(ledger.entries).get(decisionNumber(id)!) ?? [];
  const fields: ProvenanceFields = { producedBy: agentLabel(entry.author), rulesHash: rulesHashOf(discoverAgents(ctx.root, config), entry.author).rulesHash, decision: entry.id };
  if (entry.capsule) fields.capsule = entry.capsule;
  const headers = headersForAllFamilies(fields);
  if (ctx.json) {
    ctx.printJson({ ok: true, file, entry: entryJson(entry, supersededBy), headers });
    return 0;
  }
  for (const [field, value] of Object.entries(entry.raw)) ctx.out(`${field}: ${value}`);
  if (supersededBy.length) ctx.out(`Superseded by: ${supersededBy.join(', ')}`);
  ctx.out(`(${file}:${entry.line})`);
  printHeaders(ctx, headers);
  return 0;
};

export const validate: ActionBody = async (ctx) => {
  const config = await ctx.config();
  const { file, exists, ledger } = loadLedger(ctx.root, config);
  const diagnostics = exists
    ? sortDiagnostics(validateLedger(ledger))
    : [info('LEDGER_ABSENT', `No ledger at ${file} yet`, { path: file, fix: 'Record the first decision with `sentinel decide`' })];
  const ok = !hasErrors(diagnostics);
  if (ctx.json) {
    ctx.printJson({ ok, file, exists, entries: ledger.entries.length, nextId: ledger.nextId ?? null, diagnostics });
    return ok ? 0 : 1;
  }
  ctx.printDiagnostics(diagnostics);
  const counts = countBySeverity(diagnostics);
  ctx.out(`${ok ? ctx.style.green('ok') : ctx.style.red('fail')}  ${file}: ${ledger.entries.length} decision(s), ${counts.errors} error(s), ${counts.warnings} warning(s)`);
  return ok ? 0 : 1;
};
