import { error } from '../diagnostics.js';
import { SentinelError } from '../errors.js';
import type { GateClock } from './clock.js';
import { GATE_LOADERS } from './registry.js';
import { GATE_NAMES, type GateInputs, type GateName, type GateResult } from './types.js';

interface GateSelection {
  only?: string[];
  skip?: string[];
}

/** Resolve --only/--skip against the stable gate names; unknown names are usage errors. */
export function selectGates(selection: GateSelection, disabled: string[] = []): GateName[] {
  const known = new Set<string>(GATE_NAMES);
  for (const name of [...(selection.only ?? []), ...(selection.skip ?? [])]) {
    if (!known.has(name)) {
      throw new SentinelError('usage', 'GATE_UNKNOWN', `Unknown gate "${name}"`, { fix: `Use one of: ${GATE_NAMES.join(', ')}` });
    }
  }
  const base = selection.only?.length ? GATE_NAMES.filter((g) => selection.only!.includes(g)) : GATE_NAMES.filter((g) => !disabled.includes(g));
  return base.filter((g) => !(selection.skip ?? []).includes(g));
}

/** The shared facts a gate awaits, each timed into `wait`: time spent waiting, not working. */
function timedInputs(ctx: GateInputs, wait: { ms: number }, now: () => number): GateInputs {
  const timed =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      const started = now();
      const settle = () => (wait.ms += now() - started);
      const value = fn(...args);
      if (value instanceof Promise) return value.finally(settle) as R;
      settle();
      return value;
    };
  return {
    ...ctx,
    base: timed(ctx.base),
    changedFiles: timed(ctx.changedFiles),
    capsules: timed(ctx.capsules),
    roster: timed(ctx.roster),
    isGitRepo: timed(ctx.isGitRepo),
    workspaceFiles: timed(ctx.workspaceFiles),
    readText: timed(ctx.readText),
    fileAtBase: timed(ctx.fileAtBase),
  };
}

/**
 * Run one gate, timing it; a crash inside a gate is a `fail` with the error, never a pass. With a
 * clock, `durationMs` is the gate's own time and `waitMs` the time it waited on shared facts.
 */
export async function runGate(name: GateName, ctx: GateInputs, clock?: GateClock): Promise<GateResult> {
  const now = clock ? () => clock.now() : () => performance.now();
  const started = now();
  const wait = { ms: 0 };
  const times = (): Pick<GateResult, 'durationMs' | 'waitMs' | 'wallMs'> => {
    const wall = Math.round(now() - started);
    return clock ? { durationMs: Math.round(clock.spent(name)), waitMs: Math.round(wait.ms), wallMs: wall } : { durationMs: wall };
  };
  const body = async () => {
    const gate = await GATE_LOADERS[name]();
    return gate.run(clock ? timedInputs(ctx, wait, now) : ctx);
  };
  try {
    const outcome = await (clock ? clock.run(name, body) : body());
    return { gate: name, ...times(), ...outcome };
  } catch (err) {
    if (err instanceof SentinelError && err.kind !== 'check') throw err;
    return {
      gate: name,
      status: 'fail',
      ...times(),
      diagnostics: [error('GATE_CRASHED', `The ${name} gate crashed: ${(err as Error).message}`, { fix: 'Report this with `--json` output attached' })],
      data: {},
      summary: 'crashed',
    };
  }
}

/** Run gates concurrently (they only read the workspace) and return results in the stable order. */
export async function runGates(names: GateName[], ctx: GateInputs, onDone?: (result: GateResult) => void, clock?: GateClock): Promise<GateResult[]> {
  const shared: GateInputs = { ...ctx, gatesInRun: ctx.gatesInRun ?? names };
  const results = await Promise.all(
    names.map(async (name) => {
      const result = await runGate(name, shared, clock);
      onDone?.(result);
      return result;
    }),
  );
  return results;
}
