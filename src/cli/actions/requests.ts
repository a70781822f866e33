import type { ActionBody } from '../action.js';

/** `sentinel requests [--capsule]`: start the service, send the capsules' .http requests, stop it. */
export const requests: ActionBody = async (ctx, _args, opts) => {
  const { createGateInputs } = await import('../../core/gates/inputs.js');
  const { runGates } = await import('../../core/gates/run.js');
  const config = await ctx.config();
  const inputs = createGateInputs({ root: ctx.root, config, ...(typeof opts.capsule === 'string' ? { capsule: opts.capsule } : {}) });
  // The logs gate runs too: it checks what the service logged while answering (and only waits for it).
  const [result, logs] = await runGates(['requests', 'logs'], inputs);
  const outcome = result!;
  const ok = outcome.status !== 'fail' && logs!.status !== 'fail';
  const records = (outcome.data.requests ?? []) as {
    file: string;
    line: number;
    method: string;
    url: string;
    status?: number;
    expectedStatus?: number;
    durationMs: number;
    ok: boolean;
    error?: string;
  }[];
  if (ctx.json) {
    ctx.printJson({
      ok,
      gate: 'requests',
      status: outcome.status,
      summary: outcome.summary,
      diagnostics: [...outcome.diagnostics, ...logs!.diagnostics.filter((d) => d.severity === 'error')],
      data: outcome.data,
      logs: { status: logs!.status, summary: logs!.summary },
    });
    return ok ? 0 : 1;
  }
  for (const r of records) {
    const mark = r.ok ? ctx.style.green('ok  ') : ctx.style.red('FAIL');
    ctx.out(
      `${mark} ${r.method.padEnd(6)} ${new URL(r.url).pathname.padEnd(50)} ${String(r.status ?? '-')} (expected ${r.expectedStatus ?? 'any'}) ${r.durationMs} ms  ${r.file}:${r.line}${r.error ? `  ${r.error}` : ''}`,
    );
  }
  ctx.printDiagnostics(outcome.diagnostics.filter((d) => d.severity !== 'info' || outcome.status !== 'ok'));
  ctx.printDiagnostics(logs!.diagnostics.filter((d) => d.severity === 'error'));
  ctx.out(`requests: ${ok ? ctx.style.green(outcome.status) : ctx.style.red('fail')} — ${outcome.summary}; logs: ${logs!.status} — ${logs!.summary}`);
  return ok ? 0 : 1;
};
