import { hasErrors, sortDiagnostics } from '../diagnostics.js';
import { checkRunbooks } from '../runbook/load.js';
import type { Gate, GateOutcome } from './types.js';
import type { RunbookReport } from '../runbook/check.js';
import type { ReadText } from '../runbook/load.js';
import type { SentinelConfig } from '../workspace/config-types.js';

/** Shared by the gate and `sentinel runbook check`. */
export async function runbookOutcome(root: string, config: SentinelConfig, agents?: string[], read?: ReadText): Promise<GateOutcome> {
  const reports = await checkRunbooks(root, config, agents, read);
  const diagnostics = sortDiagnostics(reports.flatMap((r) => r.diagnostics));
  const data = { runbooks: reports.map(({ diagnostics: _d, ...rest }: RunbookReport) => rest) };
  const checked = reports.filter((r) => r.exists);
  if (reports.length === 0) return { status: 'skipped', diagnostics, data, summary: 'no runbooks configured' };
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return { status: 'fail', diagnostics, data, summary: `${errors} runbook problem(s) in ${reports.length} runbook(s)` };
  }
  if (checked.length === 0) return { status: 'skipped', diagnostics, data, summary: 'no runbook and no source files it would cover' };
  const vars = checked.reduce((n, r) => n + r.envVarsRead.length, 0);
  return { status: 'ok', diagnostics, data, summary: `${checked.length} runbook(s) complete; ${vars} environment variable(s) documented` };
}

export const gate: Gate = {
  name: 'runbook',
  description: 'runbook sections and environment-variable matrix',
  run: (ctx) => runbookOutcome(ctx.root, ctx.config, undefined, ctx.readText),
};
