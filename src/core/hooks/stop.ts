import { runCheck } from '../gates/run-check.js';
import { resolveActiveCapsule } from '../state/state.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { stopAlreadyBlocked, type HookInput, type HookVerdict } from './input.js';
import type { Caller } from '../workspace/caller.js';

/**
 * `sentinel hook stop`: the agent may not finish while `sentinel check` fails for the active
 * capsule. A second stop in the same turn (stop_hook_active) is let through, so a failing gate
 * the agent cannot fix does not loop forever.
 */
export async function stopVerdict(root: string, config: SentinelConfig, input: HookInput, caller: Caller = {}): Promise<HookVerdict> {
  if (stopAlreadyBlocked(input)) return { block: false, reason: 'sentinel: already blocked once this turn; letting the agent stop' };
  const active = resolveActiveCapsule(root, config, undefined, caller);
  if (!active) return { block: false, reason: 'sentinel: no active capsule; nothing to check before stopping' };
  const report = await runCheck(root, config, { capsule: active, skip: ['mcp'], caller });
  if (report.ok) return { block: false, reason: `sentinel: check ${report.status} for ${active}` };
  const failing = report.gates.filter((g) => g.status === 'fail' || (report.strict && g.status === 'pending'));
  const lines = failing.flatMap((g) => [
    `- ${g.gate}: ${g.summary}`,
    ...g.diagnostics
      .filter((d) => d.severity === 'error')
      .slice(0, 3)
      .map((d) => `    ${d.code}${d.path ? ` ${d.path}${d.line ? `:${d.line}` : ''}` : ''}: ${d.message.split('\n')[0]}${d.fix ? ` (fix: ${d.fix})` : ''}`),
  ]);
  return {
    block: true,
    reason: `sentinel: not done yet: \`sentinel check --capsule ${active}\` fails.\n${lines.join('\n')}\nFix these, then stop again (sentinel_check shows the details).`,
  };
}
