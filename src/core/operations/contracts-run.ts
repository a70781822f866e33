import { commandFacts } from './command-facts.js';
import { asResult, gateDocument, given, type OperationContext, type OperationDocument, type OperationResult } from './operation.js';
import type { ContractsReport } from '../contracts/run.js';
import { summariseResult } from '../report/summarise.js';

export interface ContractsInput {
  id?: string | undefined;
  fixture?: string | undefined;
  base?: string | undefined;
  full?: boolean | undefined;
}

type ContractsResult = OperationResult<ContractsReport['data']>;

/** The contracts operation's body, apart from its schema: `contracts validate` is a hot CLI path that loads no zod. */
export async function runContractsOperation(ctx: OperationContext, input: ContractsInput): Promise<ContractsResult> {
  const id = given(input.id);
  const fixture = given(input.fixture);
  const explicitBase = given(input.base);
  // A whole run on a workspace whose contracts, fixtures, config and refs are as a kept report saw them: that report.
  const cache = ctx.cache && id === undefined && fixture === undefined ? await ctx.cache() : undefined;
  const memo = cache
    ? await (
        await import('../contracts/memo.js')
      ).openContractsMemo({ root: ctx.root, config: ctx.config, cache, ...(explicitBase ? { base: explicitBase } : {}) })
    : undefined;
  const recalled = memo?.recall();
  if (recalled) return asResult(recalled);
  const [{ runContracts }, { isGitRepo, resolveBase }] = await Promise.all([import('../contracts/run.js'), import('../git/git.js')]);
  const gitRepo = await isGitRepo(ctx.root);
  const base = gitRepo ? await resolveBase(ctx.root, explicitBase) : undefined;
  // With a cache (the CLI), unchanged fixtures' verdicts and schema findings come from it: ajv is not even loaded.
  const facts = await commandFacts(ctx, gitRepo, { listing: false });
  const report = await runContracts({
    root: ctx.root,
    config: ctx.config,
    ...(id ? { id } : {}),
    ...(fixture ? { fixture } : {}),
    ...(base ? { base } : {}),
    ...(facts ? { fact: facts.inputs.fileFact } : {}),
  });
  await facts?.save();
  // Only what a git work tree answered: outside one the memo's key (the refs) says nothing.
  if (gitRepo) await memo?.remember(report);
  return asResult(report);
}

/** 2,000 fixture verdicts that are all as expected say nothing the summary does not: summarised (failures first) unless asked for in full. */
export function contractsDocument(result: ContractsResult, input: ContractsInput): OperationDocument {
  if (input.full) return gateDocument('contracts', result);
  const shown = summariseResult(result);
  return { ...gateDocument('contracts', shown), ...(shown.truncated ? { truncated: shown.truncated } : {}) };
}
