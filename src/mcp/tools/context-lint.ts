import { discoverAgents } from '../../core/agents/discover.js';
import { findCapsule, loadCapsules } from '../../core/capsule/discover.js';
import { lintStatus } from '../../core/context/lint.js';
import { runContextLint } from '../../core/context/run.js';
import { bool, diagnosticsLine, optionalString, output, str, READ_ONLY, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_context_lint',
  description: 'Check line/token budgets and Allowed Context entries.',
  inputSchema: { type: 'object', properties: { capsule: str('Only this capsule'), strict: bool('Warnings fail too') } },
  outputSchema: output(),
  annotations: { title: 'Lint context', ...READ_ONLY },
  async handler(call) {
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
  },
};
