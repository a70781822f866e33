import { z } from 'zod';
import { usageError } from '../errors.js';
import { asResult, defaultDocument, defineOperation, gateDocument, given } from './operation.js';

export const runbookOperation = defineOperation({
  name: 'runbook',
  input: z.object({
    action: z.enum(['check', 'set', 'append']).optional().describe('Default check'),
    file: z.string().optional().describe('set/append: runbook path'),
    section: z.string().optional().describe('set/append: H2 section'),
    text: z.string().optional().describe('set/append: content'),
    role: z.string().optional().describe('set/append: template role (default backender)'),
  }),
  async run(ctx, input) {
    const action = input.action ?? 'check';
    if (action === 'check') {
      const { runbookOutcome } = await import('../gates/runbook.js');
      return asResult<Record<string, unknown>>(await runbookOutcome(ctx.root, ctx.config, undefined, undefined, undefined, ctx.caller));
    }
    const { file, section, text } = input;
    if (file === undefined || section === undefined || text === undefined) {
      throw usageError('RUNBOOK_ARGS', `${action} needs file, section and text`, {
        fix: 'e.g. {action:"set", file:"ops/backend/runbook.md", section:"Startup", text:"npm start"}',
      });
    }
    const { writeRunbookSection } = await import('../runbook/write.js');
    const result = await writeRunbookSection(ctx.root, ctx.config, { file, section, content: text, mode: action, role: given(input.role) ?? 'backender' });
    const where = `${result.file} § ${result.section}`;
    const notes = [result.created ? `created from ${result.template}` : '', result.sectionAdded ? 'section added at the end' : ''].filter(Boolean);
    const summary = result.changed
      ? `${action === 'set' ? 'Set' : 'Appended to'} ${where}${notes.length ? ` (${notes.join('; ')})` : ''}`
      : `No change: ${where} already holds that text`;
    return { status: 'ok', summary, diagnostics: [], data: { ...result } };
  },
  document: (result, input) => ((input.action ?? 'check') === 'check' ? gateDocument('runbook', result) : defaultDocument(result)),
});
