import { runCheck } from '../../core/gates/run-check.js';
import type { GateName, GateResult } from '../../core/gates/types.js';
import { diagnosticsLine, optionalString, stringList, type ToolCall, type ToolOutcome } from '../tool.js';

/** A gate result without its bulky data, so the answer stays small. */
const brief = (g: GateResult) => ({ gate: g.gate, status: g.status, summary: g.summary, durationMs: g.durationMs, diagnostics: g.diagnostics });

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const only = stringList(call.args.gates);
  const skip = stringList(call.args.skip);
  let done = 0;
  let total = 0;
  let notes = 0;
  const capsule = optionalString(call.args.capsule);
  const base = optionalString(call.args.base);
  const report = await runCheck(call.root, call.config, {
    caller: call.caller,
    ...(only.length ? { only } : {}),
    ...(skip.length ? { skip } : {}),
    ...(capsule ? { capsule } : {}),
    ...(base ? { base } : {}),
    strict: call.args.strict === true,
    signal: call.signal,
    onStart: (gates: GateName[]) => {
      total = gates.length;
      call.progress(0, total, `running ${gates.join(', ')}`);
    },
    // Progress must grow with every notification: a gate's notes climb towards the next whole step.
    onProgress: (gate, message) => call.progress(done + 1 - 1 / (++notes + 1), total, `${gate}: ${message}`),
    onGateDone: (result) => {
      done++;
      notes = 0;
      call.progress(done, total, `${result.gate}: ${result.status}`);
    },
  });
  const lines = report.gates.map((g) => `${g.gate}: ${g.status} — ${g.summary}`).join('\n');
  const diagnostics = report.gates.flatMap((g) => g.diagnostics);
  return {
    structured: { ok: report.ok, status: report.status, summary: `${report.status}: ${report.counts.gates.fail} failed, ${report.counts.gates.pending} pending, ${report.counts.gates.ok} ok, ${report.counts.gates.skipped} skipped`, base: report.base, gates: report.gates.map(brief) },
    text: `check ${report.status}\n${lines}${diagnosticsLine(diagnostics)}`,
  };
}
