import { discoverAgents } from '../../core/agents/discover.js';
import { capsuleSlug, findCapsule } from '../../core/capsule/discover.js';
import { hasErrors } from '../../core/diagnostics.js';
import { usageError } from '../../core/errors.js';
import { oneLine } from '../../core/ledger/append.js';
import { decisionNumber, isDecisionId } from '../../core/ledger/ids.js';
import { loadLedger, recordDecision } from '../../core/ledger/store.js';
import type { LedgerEntry } from '../../core/ledger/types.js';
import { validateLedger } from '../../core/ledger/validate.js';
import { checkInside } from '../../core/workspace/paths.js';
import { diagnosticsLine, optionalString, stringList, type ToolCall, type ToolOutcome } from '../tool.js';

const entryJson = (e: LedgerEntry) => ({ id: e.id, date: e.date, author: e.author, scope: e.scope, decision: e.decision, rationale: e.rationale, outputs: e.outputs, supersedes: e.supersedes, capsule: e.capsule ?? null, line: e.line });

function required(call: ToolCall, name: string): string {
  const text = typeof call.args[name] === 'string' ? oneLine(call.args[name] as string) : '';
  if (!text) throw usageError('DECIDE_EMPTY_FIELD', `append needs a one-line "${name}"`, { fix: `Pass ${name}` });
  return text;
}

async function append(call: ToolCall): Promise<ToolOutcome> {
  const supersedes = optionalString(call.args.supersedes)?.trim();
  if (supersedes !== undefined && !isDecisionId(supersedes)) throw usageError('DECIDE_BAD_SUPERSEDES', `supersedes "${supersedes}" is not a decision id`, { fix: 'Pass an id such as D-0003' });
  const outputs = stringList(call.args.outputs).map((item) => {
    const inside = checkInside(call.root, item);
    if (!inside.ok) throw usageError('DECIDE_OUTPUT_OUTSIDE', inside.message, { path: item, fix: 'List outputs relative to the workspace root' });
    return inside.relative;
  });
  let capsule: string | undefined;
  const ref = optionalString(call.args.capsule);
  if (ref) {
    const found = await findCapsule(call.root, call.config, ref);
    capsule = found.id && found.id.toLowerCase() === ref.toLowerCase() ? found.id : capsuleSlug(found);
  }
  const result = await recordDecision(call.root, call.config, discoverAgents(call.root, call.config), {
    date: new Date().toISOString().slice(0, 10),
    author: required(call, 'author'),
    scope: required(call, 'scope'),
    decision: required(call, 'decision'),
    rationale: required(call, 'rationale'),
    outputs: [...new Set(outputs)],
    dryRun: call.args.dryRun === true,
    ...(supersedes ? { supersedes } : {}),
    ...(capsule ? { capsule } : {}),
  });
  const summary = `${result.dryRun ? 'dry run: would record' : 'recorded'} ${result.id} in ${result.file}`;
  return { structured: { ok: true, summary, ...result }, text: `${summary}\nheader: ${result.headers.line}` };
}

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const action = String(call.args.action);
  if (action === 'append') return append(call);
  const { file, exists, ledger } = loadLedger(call.root, call.config);
  if (action === 'list') {
    const summary = `${ledger.entries.length} decision(s) in ${file}${exists ? '' : ' (no ledger yet)'}; NEXT_ID ${ledger.nextId ?? 'missing'}`;
    const lines = ledger.entries.map((e) => `${e.id} ${e.date} ${e.author}: ${e.decision}`).join('\n');
    return { structured: { ok: true, summary, file, nextId: ledger.nextId ?? null, entries: ledger.entries.map(entryJson) }, text: `${summary}${lines ? `\n${lines}` : ''}` };
  }
  if (action === 'show') {
    const id = String(call.args.id ?? '').trim();
    if (!isDecisionId(id)) throw usageError('DECISION_BAD_ID', `"${id}" is not a decision id`, { fix: 'Pass id such as D-0003' });
    const entry = ledger.entries.find((e) => decisionNumber(e.id) === decisionNumber(id));
    if (!entry) throw usageError('DECISION_NOT_FOUND', `${id} is not in ${file}`, { path: file, fix: 'action list shows the ids' });
    const supersededBy = ledger.entries.filter((e) => e.supersedes.some((s) => decisionNumber(s) === decisionNumber(id))).map((e) => e.id);
    return { structured: { ok: true, summary: `${entry.id}: ${entry.decision}`, entry: { ...entryJson(entry), supersededBy } }, text: Object.entries(entry.raw).map(([k, v]) => `${k}: ${v}`).join('\n') };
  }
  const diagnostics = exists ? validateLedger(ledger) : [];
  const ok = !hasErrors(diagnostics);
  const summary = `${ok ? 'ok' : 'fail'}: ${file}, ${ledger.entries.length} decision(s), ${diagnostics.length} finding(s)`;
  return { structured: { ok, summary, file, diagnostics }, text: summary + diagnosticsLine(diagnostics) };
}
