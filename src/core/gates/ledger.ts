import path from 'node:path';
import { error, hasErrors, info, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { checkAppendOnly } from '../ledger/history.js';
import { parseLedger } from '../ledger/parse.js';
import { validateLedger } from '../ledger/validate.js';
import { inspectFile, provenanceFilter } from '../provenance/files.js';
import { readTextIfExists } from '../workspace/fs.js';
import type { Gate, GateInputs, GateOutcome } from './types.js';

/** Without a ledger, the gate passes unless a changed file's header points at a decision. */
async function absentLedger(ctx: GateInputs): Promise<GateOutcome> {
  const file = ctx.config.ledger;
  const wanted = provenanceFilter(ctx.config.provenance.include, ctx.config.provenance.exclude);
  const diagnostics: Diagnostic[] = [];
  for (const changed of await ctx.changedFiles()) {
    if (changed.status === 'deleted' || !wanted(changed.path)) continue;
    const state = inspectFile(ctx.root, changed.path);
    if (state.kind === 'found' && state.header.fields.decision) {
      diagnostics.push(
        error('LEDGER_MISSING', `Header names ${state.header.fields.decision} but there is no ledger at ${file}`, {
          path: changed.path,
          line: state.line,
          fix: `Restore ${file}, or record the decision with \`sentinel decide\``,
        }),
      );
    }
  }
  if (diagnostics.length)
    return {
      status: 'fail',
      diagnostics: sortDiagnostics(diagnostics),
      data: { exists: false },
      summary: `no ledger, ${diagnostics.length} header(s) refer to one`,
    };
  return {
    status: 'ok',
    diagnostics: [info('LEDGER_ABSENT', `No ledger at ${file} yet`, { path: file, fix: 'Record the first decision with `sentinel decide`' })],
    data: { exists: false, entries: 0 },
    summary: 'no ledger yet',
  };
}

/** Ledger integrity (`decisions validate`) plus append-only history against base. */
export const gate: Gate = {
  name: 'ledger',
  description: 'decision ledger integrity',
  async run(ctx) {
    const file = ctx.config.ledger;
    const text = readTextIfExists(path.join(ctx.root, file));
    if (text === undefined) return absentLedger(ctx);
    const ledger = parseLedger(text, file);
    const diagnostics = validateLedger(ledger);
    if (await ctx.isGitRepo()) {
      const baseText = await ctx.fileAtBase(file);
      if (baseText !== undefined) diagnostics.push(...checkAppendOnly(parseLedger(baseText, file), ledger));
    }
    sortDiagnostics(diagnostics);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return {
      status: hasErrors(diagnostics) ? 'fail' : 'ok',
      diagnostics,
      data: { exists: true, entries: ledger.entries.length, nextId: ledger.nextId ?? null },
      summary: `${ledger.entries.length} decision(s)${errors ? `, ${errors} error(s)` : ''}`,
    };
  },
};
