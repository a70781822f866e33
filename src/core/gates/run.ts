import { error } from '../diagnostics.js';
import { SentinelError } from '../errors.js';
import { GATE_LOADERS } from './registry.js';
import { GATE_NAMES, type GateInputs, type GateName, type GateResult } from './types.js';

export interface GateSelection {
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

/** Run one gate, timing it; a crash inside a gate is a `fail` with the error, never a pass. */
export async function runGate(name: GateName, ctx: GateInputs): Promise<GateResult> {
  const started = performance.now();
  try {
    const gate = await GATE_LOADERS[name]();
    const outcome = await gate.run(ctx);
    return { gate: name, durationMs: Math.round(performance.now() - started), ...outcome };
  } catch (err) {
    if (err instanceof SentinelError && err.kind !== 'check') throw err;
    return {
      gate: name,
      status: 'fail',
      durationMs: Math.round(performance.now() - started),
      diagnostics: [error('GATE_CRASHED', `The ${name} gate crashed: ${(err as Error).message}`, { fix: 'Report this with `--json` output attached' })],
      data: {},
      summary: 'crashed',
    };
  }
}

/** Run gates concurrently (they only read the workspace) and return results in the stable order. */
export async function runGates(names: GateName[], ctx: GateInputs, onDone?: (result: GateResult) => void): Promise<GateResult[]> {
  const shared: GateInputs = { ...ctx, gatesInRun: names };
  const results = await Promise.all(
    names.map(async (name) => {
      const result = await runGate(name, shared);
      onDone?.(result);
      return result;
    }),
  );
  return results;
}

export function overallStatus(results: GateResult[], strict: boolean): 'ok' | 'fail' {
  return results.some((r) => r.status === 'fail' || (strict && r.status === 'pending')) ? 'fail' : 'ok';
}
