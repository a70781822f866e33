import { discoverAgents } from '../../core/agents/discover.js';
import { findCapsule, loadCapsules } from '../../core/capsule/discover.js';
import { lintStatus } from '../../core/context/lint.js';
import { runContextLint } from '../../core/context/run.js';
import { diagnosticsLine, optionalString, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const ref = optionalString(call.args.capsule);
  const capsules = ref ? [await findCapsule(call.root, call.config, ref)] : await loadCapsules(call.root, call.config);
  const result = await runContextLint({ root: call.root, config: call.config, roster: discoverAgents(call.root, call.config), capsules, focused: ref !== undefined });
  const status = lintStatus(result, call.args.strict === true);
  const flagged = result.files.filter((f) => f.level !== 'ok');
  const summary = `${status}: ${result.files.length} file(s), ${result.capsules.length} capsule(s), ${flagged.length} over budget or near it`;
  return {
    structured: { ok: status !== 'fail', status, summary, limitsFile: result.limitsFile, flagged, diagnostics: result.diagnostics },
    text: summary + diagnosticsLine(result.diagnostics),
  };
}
