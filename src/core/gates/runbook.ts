import { hasErrors, info, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { readState, resolveActiveCapsule } from '../state/state.js';
import { ROLE_RUNBOOKS } from '../workspace/config-types.js';
import { checkRunbooks } from '../runbook/load.js';
import type { FactOf } from '../cache/file-facts.js';
import type { Gate, GateOutcome } from './types.js';
import type { RunbookReport } from '../runbook/check.js';
import type { ReadText } from '../runbook/load.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import type { Caller } from '../workspace/caller.js';
import { slugOfRef } from '../capsule/ref.js';

const TURN_ON = `sentinel runbook set --file ${ROLE_RUNBOOKS.backender!.file} --section "Startup" --text "…" --role backender`;

/** The lead of the capsule under way (explicit --capsule first), if it has been routed. */
function activeLead(root: string, config: SentinelConfig, explicit?: string, caller?: Caller): string | undefined {
  const ref = resolveActiveCapsule(root, config, explicit, caller);
  return ref ? readState(root, config, slugOfRef(ref))?.state.lead : undefined;
}

export interface RunbookData {
  runbooks: Omit<RunbookReport, 'diagnostics'>[];
}

/** Shared by the gate and `sentinel runbook check`. */
export async function runbookOutcome(
  root: string,
  config: SentinelConfig,
  agents?: string[],
  read?: ReadText,
  capsule?: string,
  caller?: Caller,
  owns?: (relative: string) => boolean,
  fact?: FactOf,
  files?: () => Promise<readonly string[]>,
): Promise<GateOutcome> {
  const reports = await checkRunbooks(root, config, agents, read, activeLead(root, config, capsule, caller), owns, fact, files);
  const diagnostics = sortDiagnostics(reports.flatMap((r) => r.diagnostics));
  return concludeRunbook({ runbooks: reports.map(({ diagnostics: _d, ...rest }: RunbookReport) => rest) }, diagnostics);
}

/** Status and summary from the runbook reports: shared by the gate and `report merge`. */
export function concludeRunbook(data: RunbookData, diagnostics: Diagnostic[]): GateOutcome {
  const checked = data.runbooks.filter((r) => r.exists);
  if (data.runbooks.length === 0) {
    const note = info('RUNBOOK_NONE', 'No runbook is configured: `sentinel init` found no service (no server dependency or entry point)', {
      fix: `If this project runs a service, start its runbook, which turns the gate on: ${TURN_ON}`,
    });
    return { status: 'skipped', diagnostics: [note], data: { ...data }, summary: 'no runbook configured (no service detected)' };
  }
  const out = { diagnostics, data: { ...data } };
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return { status: 'fail', ...out, summary: `${errors} runbook problem(s) in ${data.runbooks.length} runbook(s)` };
  }
  const unwritten = diagnostics.filter((d) => d.code === 'RUNBOOK_MISSING');
  if (unwritten.length > 0) return { status: 'pending', ...out, summary: `${unwritten.map((d) => d.path).join(', ')} not written yet` };
  if (checked.length === 0) return { status: 'skipped', ...out, summary: 'no runbook and no source files it would cover' };
  const vars = checked.reduce((n, r) => n + r.envVarsRead.length, 0);
  return { status: 'ok', ...out, summary: `${checked.length} runbook(s) complete; ${vars} environment variable(s) documented` };
}

export const gate: Gate = {
  name: 'runbook',
  description: 'runbook sections and environment-variable matrix',
  run: (ctx) =>
    runbookOutcome(ctx.root, ctx.config, undefined, ctx.readText, ctx.capsule, ctx.caller, ctx.shard ? ctx.owns : undefined, ctx.fileFact, ctx.workspaceFiles),
};
