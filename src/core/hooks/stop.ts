import { cachedGates, checkStateKey, recordCheck, toCachedGate, type CachedGate } from '../cache/verdict.js';
import type { Cache } from '../cache/store.js';
import { runCheck } from '../gates/run-check.js';
import { selectGates } from '../gates/run.js';
import { overallCheckStatus } from '../report/check-report.js';
import { resolveActiveCapsule } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { stopAlreadyBlocked, type HookInput, type HookVerdict } from './input.js';
import type { Caller } from '../workspace/caller.js';

/** The gates the stop hook runs: all but mcp (and those the config disables). */
const SKIP = ['mcp'];

/**
 * `sentinel hook stop`: the agent may not finish while `sentinel check` fails for the active
 * capsule. A second stop in the same turn (stop_hook_active) is let through, so a failing gate
 * the agent cannot fix does not loop forever. With a cache, a workspace whose every file, HEAD,
 * base, capsule and caller are as they were at the last stop gets that stop's verdict back
 * without running the gates again (docs/cache.md).
 */
export async function stopVerdict(root: string, config: SentinelConfig, input: HookInput, caller: Caller = {}, cache?: Cache): Promise<HookVerdict> {
  if (stopAlreadyBlocked(input)) return { block: false, reason: 'sentinel: already blocked once this turn; letting the agent stop' };
  const active = resolveActiveCapsule(root, config, undefined, caller);
  if (!active) return { block: false, reason: 'sentinel: no active capsule; nothing to check before stopping' };
  const names = selectGates({ skip: SKIP }, config.gates.disabled);
  const stateRequest = { capsule: active, strict: false, caller };
  const key = cache ? await checkStateKey(root, config, cache, stateRequest) : undefined;
  if (cache && key) {
    const hit = cachedGates(cache, key, names);
    if (hit) return verdictOf(active, hit, false, ' (unchanged since the last check)');
  }
  const report = await runCheck(root, config, { capsule: active, skip: SKIP, caller });
  // Recorded only when nothing changed while the gates ran: the verdict then belongs to that state.
  if (cache && key && (await checkStateKey(root, config, cache, stateRequest)) === key) recordCheck(cache, key, report.gates);
  return verdictOf(active, report.gates.map(toCachedGate), report.strict, '');
}

function verdictOf(active: string, gates: readonly CachedGate[], strict: boolean, note: string): HookVerdict {
  const status = overallCheckStatus(gates, strict);
  if (status !== 'fail') return { block: false, reason: `sentinel: check ${status} for ${active}${note}` };
  const failing = gates.filter((g) => g.status === 'fail' || (strict && g.status === 'pending'));
  const lines = failing.flatMap((g) => [
    `- ${g.gate}: ${g.summary}`,
    ...g.errors.map(
      (d) => `    ${d.code}${d.path ? ` ${d.path}${d.line ? `:${d.line}` : ''}` : ''}: ${d.message.split('\n')[0]}${d.fix ? ` (fix: ${d.fix})` : ''}`,
    ),
  ]);
  return {
    block: true,
    reason: `sentinel: not done yet: \`sentinel check --capsule ${active}\` fails${note}.\n${lines.join('\n')}\nFix these, then stop again (sentinel_check shows the details).`,
  };
}
