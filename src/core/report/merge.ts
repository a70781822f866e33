import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { usageError } from '../errors.js';
import { concludeCapsules, type CapsulesData } from '../gates/capsules.js';
import { concludeContext, type ContextData } from '../gates/context.js';
import { concludeRunbook, type RunbookData } from '../gates/runbook.js';
import { wholeGateShard } from '../gates/shard.js';
import type { GateName, GateOutcome, GateResult } from '../gates/types.js';
import { concludeContracts, type ContractsReport } from '../contracts/run.js';
import { envTableMissing } from '../runbook/check.js';
import { buildCheckReport, type CheckReport } from './check-report.js';

const keyOf = (d: Diagnostic): string => JSON.stringify([d.severity, d.code, d.message, d.path, d.line, d.column, d.fix]);

/**
 * Every shard reports the whole-repository findings of a sliced gate (a broken limits file, a
 * contract that does not compile); per-file findings come from the one shard owning the file.
 * A diagnostic present in every shard is therefore reported once, from the first.
 */
function joinDiagnostics(lists: Diagnostic[][]): Diagnostic[] {
  const seen = lists.map((list) => new Set(list.map(keyOf)));
  const everywhere = lists.length > 1 ? new Set([...seen[0]!].filter((k) => seen.every((s) => s.has(k)))) : new Set<string>();
  return lists.flatMap((list, i) => (i === 0 ? list : list.filter((d) => !everywhere.has(keyOf(d)))));
}

/** Code-unit order, as `Array.prototype.sort` gives the gates' own lists. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Merger = (results: GateResult[], diagnostics: Diagnostic[]) => GateOutcome;

const MERGERS: Partial<Record<GateName, Merger>> = {
  capsules(results, diagnostics) {
    const capsules = results.flatMap((r) => (r.data as unknown as CapsulesData).capsules).sort((a, b) => byText(a.file ?? '', b.file ?? ''));
    // The gate lists each capsule's findings in capsule order.
    const rank = new Map(capsules.map((c, i) => [c.file, i]));
    const ordered = diagnostics.map((d, i) => ({ d, i })).sort((a, b) => (rank.get(a.d.path ?? null) ?? -1) - (rank.get(b.d.path ?? null) ?? -1) || a.i - b.i);
    return concludeCapsules(
      { capsules },
      ordered.map((x) => x.d),
    );
  },
  context(results, diagnostics) {
    const first = results[0]!.data as unknown as ContextData;
    const files = results.flatMap((r) => (r.data as unknown as ContextData).files).sort((a, b) => byText(a.path, b.path));
    return concludeContext({ limitsFile: first.limitsFile, capsules: first.capsules, files }, sortDiagnostics(diagnostics));
  },
  contracts(results, diagnostics) {
    const datas = results.map((r) => r.data as unknown as ContractsReport['data']);
    const first = datas[0]!;
    // A contract fails when any shard saw one of its fixtures fail; pending and ok are whole facts.
    const contracts = first.contracts.map((c, i) => (datas.some((d) => d.contracts[i]?.status === 'fail') ? { ...c, status: 'fail' as const } : c));
    const order = new Map(contracts.map((c, i) => [c.id, i]));
    const fixtures = datas
      .flatMap((d) => d.fixtures)
      .sort((a, b) => (order.get(a.contract) ?? 0) - (order.get(b.contract) ?? 0) || byText(a.fixture, b.fixture));
    // The gate appends its note about a missing git repository after sorting.
    const note = diagnostics.filter((d) => d.code === 'CONTRACT_VERSIONS_UNCHECKED');
    const { status, summary, data } = concludeContracts({ ...first, contracts, fixtures }, sortDiagnostics(diagnostics.filter((d) => !note.includes(d))));
    return { status, summary, diagnostics: [...sortDiagnostics(diagnostics.filter((d) => !note.includes(d))), ...note], data };
  },
  runbook(results, diagnostics) {
    const datas = results.map((r) => r.data as unknown as RunbookData);
    const runbooks = datas[0]!.runbooks.map((r, i) => ({ ...r, envVarsRead: [...new Set(datas.flatMap((d) => d.runbooks[i]?.envVarsRead ?? []))].sort() }));
    const byFile = new Map(runbooks.map((r) => [r.file, r]));
    // Whether a documented variable is unused, and what a missing table says, depend on every shard's reads.
    const kept = diagnostics.filter((d) => {
      const runbook = d.path === undefined ? undefined : byFile.get(d.path);
      if (!runbook) return true;
      if (d.code === 'RUNBOOK_ENV_TABLE_MISSING') return false;
      return !(d.code === 'RUNBOOK_ENV_UNUSED' && runbook.envVarsRead.includes(d.message.split(' ')[0]!));
    });
    for (const r of runbooks) if (r.envSection && !r.envSection.table) kept.push(envTableMissing(r.file, r.envSection, r.envVarsRead));
    return concludeRunbook({ runbooks }, sortDiagnostics(kept));
  },
};

const outcomeKey = (r: GateResult): string => JSON.stringify([r.status, r.summary, r.diagnostics, r.data]);

function mergeSliced(gate: GateName, results: GateResult[]): GateResult {
  const timing = {
    durationMs: results.reduce((n, r) => n + r.durationMs, 0),
    ...(results.every((r) => r.waitMs !== undefined) ? { waitMs: results.reduce((n, r) => n + r.waitMs!, 0) } : {}),
    ...(results.every((r) => r.wallMs !== undefined) ? { wallMs: Math.max(...results.map((r) => r.wallMs!)) } : {}),
  };
  // Identical everywhere: a whole-repository verdict (no capsules, no runbook configured…).
  if (results.every((r) => outcomeKey(r) === outcomeKey(results[0]!))) return { ...results[0]!, ...timing };
  const merger = MERGERS[gate];
  if (!merger)
    throw usageError('REPORT_MERGE_UNSLICEABLE', `The ${gate} gate is not split by shards, yet the shard reports disagree on it`, {
      fix: 'Merge reports of one `check --shard i/n` run made by one Sentinel version',
    });
  const outcome = merger(results, joinDiagnostics(results.map((r) => r.diagnostics)));
  // The key order of runGate's results, so the JSON is byte-for-byte that of an unsharded run.
  return { gate, ...timing, status: outcome.status, diagnostics: outcome.diagnostics, data: outcome.data, summary: outcome.summary };
}

const same = (reports: CheckReport[], pick: (r: CheckReport) => unknown): boolean =>
  reports.every((r) => JSON.stringify(pick(r)) === JSON.stringify(pick(reports[0]!)));

/** Refuse reports that are not the shards of one run: a partial or mixed merge would be a verdict about something else. */
function checkShards(reports: CheckReport[]): number {
  const fix = 'Pass the `check --shard i/n --json` report of every shard i = 1…n of one run';
  if (reports.length === 0) throw usageError('REPORT_MERGE_EMPTY', 'No shard reports to merge', { fix });
  const missing = reports.findIndex((r) => !r.shard);
  if (missing >= 0) throw usageError('REPORT_MERGE_NOT_SHARD', `Report ${missing + 1} is not a shard report (no "shard" field)`, { fix });
  const count = reports[0]!.shard!.count;
  const indices = reports.map((r) => r.shard!.index).sort((a, b) => a - b);
  if (!same(reports, (r) => r.shard!.count) || indices.length !== count || indices.some((index, i) => index !== i + 1)) {
    throw usageError(
      'REPORT_MERGE_INCOMPLETE',
      `Expected shards 1…${count} once each, got ${reports.map((r) => `${r.shard!.index}/${r.shard!.count}`).join(', ')}`,
      { fix },
    );
  }
  for (const [what, pick] of [
    ['base', (r: CheckReport) => r.base],
    ['strict', (r: CheckReport) => r.strict],
    ['capsule', (r: CheckReport) => r.capsule],
    ['gates', (r: CheckReport) => r.gates.map((g) => g.gate)],
    ['sliced gates', (r: CheckReport) => r.shard!.sliced],
  ] as const) {
    if (!same(reports, pick)) throw usageError('REPORT_MERGE_MISMATCH', `The shard reports differ in ${what}: they come from different runs`, { fix });
  }
  return count;
}

/** Join the reports of `check --shard 1/n … n/n` into the report one unsharded `check` gives. */
export function mergeCheckReports(reports: CheckReport[]): CheckReport {
  const count = checkShards(reports);
  const shards = [...reports].sort((a, b) => a.shard!.index - b.shard!.index);
  const first = shards[0]!;
  const names = first.gates.map((g) => g.gate);
  const sliced = new Set(first.shard!.sliced);
  const gates = names.map((gate, i) => {
    if (sliced.has(gate))
      return mergeSliced(
        gate,
        shards.map((s) => s.gates[i]!),
      );
    return shards[wholeGateShard(names, gate, count) - 1]!.gates[i]!;
  });
  const sharedMs = shards.every((s) => s.sharedMs !== undefined) ? shards.reduce((n, s) => n + s.sharedMs!, 0) : undefined;
  return buildCheckReport({
    gates,
    strict: first.strict,
    base: first.base,
    baseReason: first.baseReason ?? null,
    capsule: first.capsule,
    durationMs: Math.max(...shards.map((s) => s.durationMs)),
    ...(sharedMs !== undefined ? { sharedMs } : {}),
  });
}
