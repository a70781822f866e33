import { usageError } from '../../core/errors.js';
import { runbookOutcome } from '../../core/gates/runbook.js';
import { writeRunbookSection } from '../../core/runbook/write.js';
import { gateOutcome, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const action = (call.args.action as string | undefined) ?? 'check';
  if (action === 'check') return gateOutcome('runbook', await runbookOutcome(call.root, call.config, undefined, undefined, undefined, call.caller));
  const { file, section, text } = call.args;
  if (typeof file !== 'string' || typeof section !== 'string' || typeof text !== 'string') {
    throw usageError('RUNBOOK_ARGS', `${action} needs file, section and text`, { fix: 'e.g. {action:"set", file:"ops/backend/runbook.md", section:"Startup", text:"npm start"}' });
  }
  const result = await writeRunbookSection(call.root, call.config, { file, section, content: text, mode: action as 'set' | 'append', role: typeof call.args.role === 'string' ? call.args.role : 'backender' });
  const summary = result.changed ? `${action === 'set' ? 'set' : 'appended to'} ${result.file} § ${result.section}${result.created ? ' (created)' : ''}` : `no change: ${result.file} § ${result.section}`;
  return { structured: { ok: true, summary, ...result }, text: summary };
}
