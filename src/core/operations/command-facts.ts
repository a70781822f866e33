import type { GateInputs } from '../gates/types.js';
import type { OperationContext } from './operation.js';

export interface CommandFacts {
  /** The workspace facts of one run, as `check` builds them: the listing, capsules, text reads and per-file facts. */
  inputs: GateInputs;
  /** Record what this run computed; a cache that cannot be written costs the next run time, never this verdict. */
  save(): Promise<void>;
}

/**
 * The per-file facts `sentinel check` keeps (docs/cache.md: line counts, parsed capsules, fixture
 * verdicts…) for one command of the CLI, through the same shared inputs as a check (so the same
 * listing and the same store), so `context lint` after a check, or a second `contracts validate`,
 * works on the files that changed only. Only in a git work tree (`gitRepo`): outside git nothing
 * hides the cache folder from the workspace listing. Undefined when the edge keeps no cache (MCP,
 * SENTINEL_NO_CACHE=1, no signing key). `listing`: the command lists the workspace anyway.
 */
export async function commandFacts(ctx: OperationContext, gitRepo: boolean, options: { listing: boolean }): Promise<CommandFacts | undefined> {
  if (!ctx.cache || !gitRepo) return undefined;
  const cache = await ctx.cache();
  if (!cache) return undefined;
  const { createGateInputs, saveGateFacts } = await import('../gates/inputs.js');
  const inputs = createGateInputs({ root: ctx.root, config: ctx.config, caller: ctx.caller, cache, known: { isGitRepo: true } });
  // Git's listing before any fact is looked up: it tells the store which files are unchanged, and which left.
  if (options.listing) await inputs.workspaceFiles();
  return {
    inputs,
    async save() {
      try {
        await saveGateFacts(inputs);
      } catch {
        // the next run computes again
      }
    },
  };
}
