import { statusOperation } from '../../core/operations/status.js';
import type { StatusRow } from '../../core/lifecycle/status.js';
import { operationTool } from '../operation-tool.js';
import { diagnosticsLine, READ_ONLY } from '../tool.js';

export const tool = operationTool(statusOperation, {
  name: 'sentinel_status',
  description: 'Every capsule with status, lead, phase and last gate results.',
  annotations: { title: 'Capsule status', ...READ_ONLY },
  async text(document) {
    const { gatesSummary } = await import('../../core/lifecycle/status.js');
    const lines = (document.capsules as StatusRow[]).map(
      (r) =>
        `${r.slug}: ${r.status}${r.tampered ? ' TAMPERED' : ''}, lead ${r.lead ?? '-'}, phase ${r.phase ?? '-'}${Object.keys(r.gates).length ? `, gates ${gatesSummary(r.gates)}` : ''}`,
    );
    return [document.summary, ...lines].join('\n') + diagnosticsLine(document.diagnostics as unknown[]);
  },
});
