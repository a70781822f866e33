import { findCapsule } from '../capsule/discover.js';
import { runRequests, type RequestsRun } from '../requests/run.js';
import type { GateInputs } from './types.js';

const runs = new WeakMap<GateInputs, Promise<RequestsRun>>();

/**
 * The one requests run of a gate run: the requests gate reports it, and the logs gate checks the
 * log lines the service wrote during it. Only the focused capsule's requests with --capsule.
 */
export function requestsRunFor(ctx: GateInputs): Promise<RequestsRun> {
  let run = runs.get(ctx);
  if (!run) {
    run = (async () => {
      const capsules = ctx.capsule ? [await findCapsule(ctx.root, ctx.config, ctx.capsule)] : await ctx.capsules();
      return runRequests({
        root: ctx.root,
        config: ctx.config,
        capsules,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(ctx.onProgress ? { onProgress: (message: string) => ctx.onProgress!('requests', message) } : {}),
      });
    })();
    runs.set(ctx, run);
  }
  return run;
}
