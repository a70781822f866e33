import { promptOperation } from '../../core/operations/prompt.js';
import { operationTool } from '../operation-tool.js';
import { READ_ONLY } from '../tool.js';

export const tool = operationTool(promptOperation, {
  name: 'sentinel_prompt',
  description: "Render the lead agent's prompt for a capsule (ROLE, PLAYBOOK, capsule, context).",
  annotations: { title: 'Agent prompt', ...READ_ONLY },
  text: (document) =>
    typeof document.prompt === 'string' ? document.prompt : `${document.summary} (fix: ${(document.refusal as { fix: string }).fix}, or pass agent)`,
});
