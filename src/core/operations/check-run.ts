import { configError } from '../errors.js';
import type { CheckReport } from '../report/check-report.js';
import { checkDocument, checkSummary } from '../report/summarise.js';
import { given, type OperationContext, type OperationDocument, type OperationResult } from './operation.js';

/** The check operation's input (check.ts holds its zod schema for the MCP tool). */
export interface CheckInput {
  gates?: string[] | undefined;
  skip?: string[] | undefined;
  capsule?: string | undefined;
  base?: string | undefined;
  strict?: boolean | undefined;
  shard?: string | undefined;
  full?: boolean | undefined;
}

/**
 * The check operation's body, apart from its schema: the CLI builds the input from its flags and
 * runs this without loading zod (≈ 100 modules, 0.15 s of a 20k-file warm check's CPU).
 */
export async function runCheckOperation(ctx: OperationContext, input: CheckInput): Promise<OperationResult<CheckReport>> {
  const [{ runCheck }, { isWorkspace }] = await Promise.all([import('../gates/run-check.js'), import('../workspace/root.js')]);
  // Passing on a folder nothing was set up in would be a verdict about nothing.
  if (!isWorkspace(ctx.root)) {
    throw configError('CHECK_NO_WORKSPACE', `${ctx.root} has no .sentinel/ and no .git/ (here or in any parent folder): there is nothing set up to check`, {
      fix: 'Run `sentinel init` here first (or pass --root <your repository>)',
    });
  }
  const shardText = given(input.shard);
  const shard = shardText ? (await import('../gates/shard.js')).parseShard(shardText) : undefined;
  const capsule = given(input.capsule);
  const base = given(input.base);
  const event = ctx.onEvent;
  const cache = await ctx.cache?.();
  const report: CheckReport = await runCheck(ctx.root, ctx.config, {
    caller: ctx.caller,
    ...(input.gates?.length ? { only: input.gates } : {}),
    ...(input.skip?.length ? { skip: input.skip } : {}),
    ...(capsule ? { capsule } : {}),
    ...(base ? { base } : {}),
    strict: input.strict === true,
    ...(shard ? { shard } : {}),
    ...(cache ? { cache } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(event
      ? {
          onStart: (gates) => event({ kind: 'start', steps: gates }),
          onProgress: (gate, message) => event({ kind: 'note', step: gate, message }),
          onGateDone: (result) => event({ kind: 'done', step: result.gate, status: result.status }),
        }
      : {}),
  });
  const summary = checkSummary(report);
  // The gates carry their own diagnostics; the run itself has none.
  return { status: report.status, summary, diagnostics: [], data: report };
}

/** The check report (schemas/check-report.schema.json) with its one-line summary; long lists summarised unless full. */
export const checkOperationDocument = (result: OperationResult<CheckReport>, input: CheckInput): OperationDocument => ({
  ...checkDocument(result.data, input.full === true),
});
