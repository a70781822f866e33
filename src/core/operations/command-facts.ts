import type { FactOf } from '../cache/file-facts.js';
import type { OperationContext } from './operation.js';

export interface CommandFacts {
  fact: FactOf;
  /** Record what this run computed; a cache that cannot be written costs the next run time, never this verdict. */
  save(present?: ReadonlySet<string>): void;
  readonly counts: { reused: number; computed: number };
}

/**
 * The per-file facts `sentinel check` keeps (docs/cache.md: line counts, parsed capsules, fixture
 * verdicts…) for one command of the CLI, so `context lint` after a check, or a second `contracts
 * validate`, reads only the files that changed. Only in a git work tree (`gitRepo`): outside git
 * nothing hides the cache folder from the workspace listing. Undefined when the edge keeps no
 * cache (MCP, SENTINEL_NO_CACHE=1, no signing key).
 */
export async function commandFacts(ctx: OperationContext, gitRepo: boolean): Promise<CommandFacts | undefined> {
  if (!ctx.cache || !gitRepo) return undefined;
  const cache = await ctx.cache();
  if (!cache) return undefined;
  const [{ createFileFacts }, { createTextCache }] = await Promise.all([import('../cache/file-facts.js'), import('../gates/text-cache.js')]);
  // Budget 0: each file is read once, into one reused buffer, and its text is not kept. Each read
  // reports its bytes and descriptor stat: facts are recorded for the content they came from.
  const read = createTextCache(ctx.root, 0, (relative, bytes, stat) => facts.onRead(relative, bytes, stat));
  const facts = createFileFacts({ root: ctx.root, read, cache });
  return {
    fact: facts.fact,
    save(present) {
      try {
        facts.save(present);
      } catch {
        // the next run computes again
      }
    },
    counts: facts.counts,
  };
}
