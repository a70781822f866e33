import type { DecideResult } from '../../core/ledger/store.js';
import type { EntryView } from '../../core/ledger/view.js';
import { decisionLogOperation } from '../../core/operations/decision-log.js';
import type { CommentFamily } from '../../core/provenance/syntax.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { runOperationCommand } from '../operation-action.js';
import { formatTable } from '../render/table.js';

const FAMILY_LABEL: Record<CommentFamily, string> = { line: '//', hash: '#', html: '<!--', sql: '--', block: '/*' };

function printHeaders(ctx: CliContext, headers: Record<CommentFamily, string>): void {
  ctx.out('Provenance header (use the line for the file type):');
  for (const family of Object.keys(FAMILY_LABEL) as CommentFamily[]) ctx.out(`  ${FAMILY_LABEL[family].padEnd(5)} ${headers[family]}`);
}

const text = (value: unknown): string | undefined => (value === undefined ? undefined : String(value));

export const decide: ActionBody = async (ctx, _args, opts) => {
  const input = {
    action: 'append' as const,
    author: String(opts.author ?? ''),
    scope: String(opts.scope ?? ''),
    decision: String(opts.decision ?? ''),
    rationale: String(opts.rationale ?? ''),
    outputs: Array.isArray(opts.outputs) ? opts.outputs.map(String) : [],
    dryRun: Boolean(opts.dryRun),
    ...(text(opts.supersedes) !== undefined ? { supersedes: text(opts.supersedes)! } : {}),
    ...(text(opts.capsule) !== undefined ? { capsule: text(opts.capsule)! } : {}),
  };
  return runOperationCommand(ctx, decisionLogOperation, input, {
    text(c, { data, diagnostics }) {
      const result = data as unknown as DecideResult;
      c.out(result.id);
      c.out(
        result.dryRun
          ? `Dry run: would append to ${result.file} (nothing written):`
          : `Recorded in ${result.file}:${result.line}${result.created ? ' (ledger created)' : ''}`,
      );
      for (const line of result.entry) c.out(`  ${line}`);
      printHeaders(c, result.headers);
      for (const d of diagnostics) c.err(`note: ${d.message}`);
    },
  });
};

export const list: ActionBody = async (ctx) =>
  runOperationCommand(
    ctx,
    decisionLogOperation,
    { action: 'list' },
    {
      text(c, { data, summary }) {
        if (!data.exists) {
          c.out(`No ledger at ${String(data.file)} yet; \`sentinel decide\` creates it.`);
          return;
        }
        const entries = data.entries as EntryView[];
        const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
        const rows = entries.map((e) => [
          e.id,
          e.date,
          e.author,
          e.supersededBy.length ? `superseded by ${e.supersededBy.join(', ')}` : 'active',
          clip(e.decision, 60),
        ]);
        c.out(formatTable(['ID', 'DATE', 'AUTHOR', 'STATUS', 'DECISION'], rows));
        c.out(summary);
      },
    },
  );

export const show: ActionBody = async (ctx, args) =>
  runOperationCommand(
    ctx,
    decisionLogOperation,
    { action: 'show', id: String(args[0] ?? '') },
    {
      text(c, { data }) {
        const entry = data.entry as EntryView;
        for (const [field, value] of Object.entries(data.raw as Record<string, string>)) c.out(`${field}: ${value}`);
        if (entry.supersededBy.length) c.out(`Superseded by: ${entry.supersededBy.join(', ')}`);
        c.out(`(${String(data.file)}:${entry.line})`);
        printHeaders(c, data.headers as Record<CommentFamily, string>);
      },
    },
  );

export const validate: ActionBody = async (ctx) =>
  runOperationCommand(
    ctx,
    decisionLogOperation,
    { action: 'validate' },
    {
      text(c, result) {
        c.printDiagnostics(result.diagnostics);
        c.out(`${result.status === 'ok' ? c.style.green('ok') : c.style.red('fail')}  ${result.summary}`);
      },
    },
  );
