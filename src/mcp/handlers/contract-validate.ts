import { runContracts } from '../../core/contracts/run.js';
import { isGitRepo, resolveBase } from '../../core/git/git.js';
import { gateOutcome, optionalString, type ToolCall, type ToolOutcome } from '../tool.js';

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const id = optionalString(call.args.id);
  const fixture = optionalString(call.args.fixture);
  const baseRef = optionalString(call.args.base);
  const base = (await isGitRepo(call.root)) ? await resolveBase(call.root, baseRef) : undefined;
  const report = await runContracts({ root: call.root, config: call.config, ...(id ? { id } : {}), ...(fixture ? { fixture } : {}), ...(base ? { base } : {}) });
  return gateOutcome('contracts', report);
}
