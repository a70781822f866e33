import { runContracts } from '../../core/contracts/run.js';
import { isGitRepo, resolveBase } from '../../core/git/git.js';
import { gateOutcome, optionalString, output, str, READ_ONLY, type ToolDefinition } from '../tool.js';

export const tool: ToolDefinition = {
  name: 'sentinel_contract_validate',
  description: 'Validate contract fixtures (good pass, bad fail) and version discipline.',
  inputSchema: {
    type: 'object',
    properties: { id: str('Only this contract, e.g. orders.v1'), fixture: str('Only this fixture file'), base: str('Git base ref') },
  },
  outputSchema: output(),
  annotations: { title: 'Validate contracts', ...READ_ONLY },
  pathArgs: ['fixture'],
  async handler(call) {
    const id = optionalString(call.args.id);
    const fixture = optionalString(call.args.fixture);
    const baseRef = optionalString(call.args.base);
    const base = (await isGitRepo(call.root)) ? await resolveBase(call.root, baseRef) : undefined;
    const report = await runContracts({ root: call.root, config: call.config, ...(id ? { id } : {}), ...(fixture ? { fixture } : {}), ...(base ? { base } : {}) });
    return gateOutcome('contracts', report);
  },
};
