import type { ActionBody } from '../action.js';

/** `sentinel boundaries [--all]`: changed files by default, the whole tree with --all. */
export const boundaries: ActionBody = async (ctx, _args, opts) => {
  const { createGateInputs } = await import('../../core/gates/inputs.js');
  const { boundariesOutcome } = await import('../../core/boundaries/run.js');
  const { resolveActiveCapsule } = await import('../../core/state/state.js');
  const config = await ctx.config();
  const known = typeof opts.base === 'string' ? { base: await (await import('../../core/git/git.js')).resolveBase(ctx.root, opts.base) } : {};
  const gateCtx = createGateInputs({ root: ctx.root, config, known, ...(typeof opts.base === 'string' ? { baseRef: opts.base } : {}) });
  const all = await gateCtx.workspaceFiles();
  const whole = opts.all === true || !(await gateCtx.isGitRepo());
  const files = whole ? all : (await gateCtx.changedFiles()).filter((f) => f.status !== 'deleted').map((f) => f.path);
  const capsule = resolveActiveCapsule(ctx.root, config, typeof opts.capsule === 'string' ? opts.capsule : undefined, ctx.caller);
  const { findings: _f, ...outcome } = boundariesOutcome({
    config,
    roster: gateCtx.roster(),
    files,
    workspaceFiles: all,
    read: gateCtx.readText,
    ...(capsule ? { capsule } : {}),
    scope: whole ? 'all' : 'changed',
  });
  const ok = outcome.status !== 'fail';
  if (ctx.json) ctx.printJson({ ok, gate: 'boundaries', status: outcome.status, summary: outcome.summary, diagnostics: outcome.diagnostics, data: outcome.data });
  else {
    ctx.printDiagnostics(outcome.diagnostics);
    ctx.out(`boundaries: ${ok ? ctx.style.green(outcome.status) : ctx.style.red('fail')} — ${outcome.summary}`);
  }
  return ok ? 0 : 1;
};
