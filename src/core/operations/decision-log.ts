import { z } from 'zod';
import { hasErrors, info } from '../diagnostics.js';
import { usageError } from '../errors.js';
import { defineOperation, given, type OperationContext, type OperationResult } from './operation.js';

const input = z.object({
  action: z.enum(['list', 'show', 'validate', 'append']).describe('What to do'),
  id: z.string().optional().describe('show: D-####'),
  author: z.string().optional().describe('append: agent id'),
  scope: z.string().optional().describe('append'),
  decision: z.string().optional().describe('append'),
  rationale: z.string().optional().describe('append'),
  outputs: z.array(z.string()).optional().describe('append: files produced'),
  supersedes: z.string().optional().describe('append: D-#### it replaces'),
  capsule: z.string().optional().describe('append: capsule'),
  dryRun: z.boolean().optional().describe('append: write nothing'),
});
type Input = z.output<typeof input>;
type Result = OperationResult<Record<string, unknown>>;

async function requireText(name: 'author' | 'scope' | 'decision' | 'rationale', value: string | undefined): Promise<string> {
  const { oneLine } = await import('../ledger/append.js');
  const text = value === undefined ? '' : oneLine(value);
  if (!text) throw usageError('DECIDE_EMPTY_FIELD', `${name} is empty`, { fix: `Pass a one-line ${name} (--${name} "…" on the command line)` });
  return text;
}

/** `a,b` and `` `c` `` → workspace-relative POSIX paths inside the root; `-` and `none` mean no output. */
async function outputPaths(root: string, values: string[]): Promise<string[]> {
  const { checkInside } = await import('../workspace/paths.js');
  const items = values
    .flatMap((v) => v.split(','))
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

async function append(ctx: OperationContext, input: Input): Promise<Result> {
  const [{ discoverAgents }, { capsuleSlug, findCapsule }, { isDecisionId }, { recordDecision }] = await Promise.all([
    import('../agents/discover.js'),
    import('../capsule/discover.js'),
    import('../ledger/ids.js'),
    import('../ledger/store.js'),
  ]);
  const supersedes = input.supersedes?.trim();
  if (supersedes !== undefined && supersedes !== '' && !isDecisionId(supersedes)) {
    throw usageError('DECIDE_BAD_SUPERSEDES', `supersedes "${supersedes}" is not a decision id`, { fix: 'Pass an id such as D-0003' });
  }
  let capsule: string | undefined;
  const ref = given(input.capsule);
  if (ref) {
    const found = await findCapsule(ctx.root, ctx.config, ref);
    capsule = found.id && found.id.toLowerCase() === ref.toLowerCase() ? found.id : capsuleSlug(found);
  }
  const author = await requireText('author', input.author);
  const result = await recordDecision(ctx.root, ctx.config, discoverAgents(ctx.root, ctx.config), {
    date: new Date().toISOString().slice(0, 10),
    author,
    scope: await requireText('scope', input.scope),
    decision: await requireText('decision', input.decision),
    rationale: await requireText('rationale', input.rationale),
    outputs: await outputPaths(ctx.root, input.outputs ?? []),
    dryRun: input.dryRun === true,
    ...(supersedes ? { supersedes } : {}),
    ...(capsule ? { capsule } : {}),
  });
  const diagnostics = [
    ...(result.authorInRoster
      ? []
      : [info('DECIDE_AUTHOR_NOT_IN_ROSTER', `"${author}" is not a roster agent, so RulesHash is ${result.headerFields.rulesHash}`)]),
    ...(result.repairedNextId
      ? [info('LEDGER_NEXT_ID_REPAIRED', `NEXT_ID ${result.repairedNextId} was behind existing ids; it now reads ${result.nextId}`)]
      : []),
  ];
  const summary = `${result.dryRun ? 'dry run: would record' : 'recorded'} ${result.id} in ${result.file}`;
  return { status: 'ok', summary, diagnostics, data: { ...result } };
}

/** `decide`, `decisions list|show|validate` / `sentinel_decision_log`: the same checks and shapes on both edges. */
export const decisionLogOperation = defineOperation({
  name: 'decisions',
  input,
  async run(ctx, input): Promise<Result> {
    if (input.action === 'append') return append(ctx, input);
    const [{ loadLedger }, { entryViews }] = await Promise.all([import('../ledger/store.js'), import('../ledger/view.js')]);
    const { file, exists, ledger } = loadLedger(ctx.root, ctx.config);
    const nextId = ledger.nextId ?? null;
    if (input.action === 'list') {
      const entries = entryViews(ledger);
      const summary = `${entries.length} decision(s) in ${file}${exists ? '' : ' (no ledger yet)'}; NEXT_ID ${ledger.nextId ?? ledger.nextIdRaw ?? 'missing'}`;
      return { status: 'ok', summary, diagnostics: [], data: { file, exists, nextId, entries } };
    }
    if (input.action === 'show') {
      const [{ decisionNumber, isDecisionId }, { discoverAgents }, { rulesHashOf }, { agentLabel, headersForAllFamilies }] = await Promise.all([
        import('../ledger/ids.js'),
        import('../agents/discover.js'),
        import('../ledger/store.js'),
        import('../provenance/header.js'),
      ]);
      const id = (input.id ?? '').trim();
      if (!isDecisionId(id)) throw usageError('DECISION_BAD_ID', `"${id}" is not a decision id`, { fix: 'Pass an id such as D-0003' });
      const view = entryViews(ledger).find((e) => decisionNumber(e.id) === decisionNumber(id));
      if (!view)
        throw usageError('DECISION_NOT_FOUND', `${id} is not in ${file}`, { path: file, fix: '`sentinel decisions list` (action list) shows the ids' });
      const raw = ledger.entries.find((e) => e.id === view.id)!.raw;
      const headers = headersForAllFamilies({
        producedBy: agentLabel(view.author),
        rulesHash: rulesHashOf(discoverAgents(ctx.root, ctx.config), view.author).rulesHash,
        decision: view.id,
        ...(view.capsule ? { capsule: view.capsule } : {}),
      });
      return { status: 'ok', summary: `${view.id}: ${view.decision}`, diagnostics: [], data: { file, entry: view, raw, headers } };
    }
    const [{ sortDiagnostics }, { validateLedger }] = await Promise.all([import('../diagnostics.js'), import('../ledger/validate.js')]);
    const diagnostics = exists
      ? sortDiagnostics(validateLedger(ledger))
      : [
          info('LEDGER_ABSENT', `No ledger at ${file} yet`, {
            path: file,
            fix: 'Record the first decision with `sentinel decide` (sentinel_decision_log append)',
          }),
        ];
    const ok = !hasErrors(diagnostics);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const summary = `${file}: ${ledger.entries.length} decision(s), ${errors} error(s), ${warnings} warning(s)`;
    return { status: ok ? 'ok' : 'fail', summary, diagnostics, data: { file, exists, entries: ledger.entries.length, nextId } };
  },
});
