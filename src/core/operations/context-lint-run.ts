import { SentinelError } from '../errors.js';
import type { ContextLintResult } from '../context/lint.js';
import { commandFacts } from './command-facts.js';
import { defaultDocument, given, type OperationContext, type OperationDocument, type OperationResult } from './operation.js';
import { summariseResult } from '../report/summarise.js';

export interface ContextLintInput {
  capsule?: string | undefined;
  strict?: boolean | undefined;
  full?: boolean | undefined;
}

type ContextLintData = {
  strict: boolean;
  limitsFile: string | null;
  capsules: string[];
  files: ContextLintResult['files'];
  counts: { errors: number; warnings: number; infos: number };
};

/** The context lint operation's body, apart from its schema: `context lint` is a hot CLI path that loads no zod. */
export async function runContextLintOperation(ctx: OperationContext, input: ContextLintInput): Promise<OperationResult<ContextLintData>> {
  const [{ discoverAgents }, { findCapsule, loadCapsules }, { runContextLint }, { lintStatus }, { isGitRepo }, { loadLimits }, { readTextIfExists }] =
    await Promise.all([
      import('../agents/discover.js'),
      import('../capsule/discover.js'),
      import('../context/run.js'),
      import('../context/lint.js'),
      import('../git/git.js'),
      import('../context/limits.js'),
      import('../workspace/fs.js'),
    ]);
  const ref = given(input.capsule);
  const strict = input.strict === true;
  const roster = discoverAgents(ctx.root, ctx.config);
  const limits = loadLimits(ctx.root, ctx.config.contextLimits, readTextIfExists);
  // With a cache (the CLI), a whole lint of an unchanged workspace is answered from its record (lint-memo.ts).
  // Outside git no record holds: git's listing is part of what it was computed from.
  const cache = ctx.cache && ref === undefined ? await ctx.cache() : undefined;
  const memo = cache ? await import('../context/lint-memo.js') : undefined;
  const known = cache && memo ? await memo.lintFromMemo(ctx.root, cache, { config: ctx.config, limits, roster }) : undefined;
  const gitRepo = !known && ctx.cache ? await isGitRepo(ctx.root) : false;
  // Else unchanged files' line counts and parsed capsules come from the cache.
  const facts = known || !ctx.cache ? undefined : await commandFacts(cache ? { ...ctx, cache: async () => cache } : ctx, gitRepo, { listing: true });
  const shared = facts?.inputs;
  const trace: [string, string, string][] = [];
  const capsules = known ? [] : ref ? [await findCapsule(ctx.root, ctx.config, ref)] : await (shared ? shared.capsules() : loadCapsules(ctx.root, ctx.config));
  const result =
    known ??
    (await runContextLint({
      root: ctx.root,
      config: ctx.config,
      roster,
      capsules,
      focused: ref !== undefined,
      limits,
      ...(memo ? { trace } : {}),
      ...(shared ? { files: await shared.workspaceFiles(), read: shared.readText, fact: shared.fileFact } : {}),
    }));
  await facts?.save();
  if (!known && cache && memo && shared) {
    const { gateFactIdentities, gateListing } = await import('../gates/inputs.js');
    try {
      memo.recordLint(cache, {
        inputs: { config: ctx.config, limits, roster, capsuleFiles: capsules.map((c) => c.file ?? '') },
        output: (await gateListing(shared))?.output,
        identities: gateFactIdentities(shared),
        trace,
        result,
      });
    } catch {
      // the next run lints again
    }
  }
  // A broken limits file is the user's configuration, not a finding about their context: exit 2 on both edges.
  const first = result.diagnostics.find((d) => d.code.startsWith('CONTEXT_LIMITS_') && d.severity === 'error');
  if (first) {
    throw new SentinelError('config', first.code, `${first.path}${first.line ? `:${first.line}` : ''}: ${first.message}`, {
      ...(first.path ? { path: first.path } : {}),
      ...(first.line ? { line: first.line } : {}),
      ...(first.fix ? { fix: first.fix } : {}),
    });
  }
  const status = lintStatus(result, strict);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const flagged = result.files.filter((f) => f.level !== 'ok').length;
  const summary = `${result.files.length} file(s) measured against ${result.limitsFile ?? 'default limits'}, ${result.capsules.length} capsule(s), ${flagged} over budget or near it; ${errors} error(s), ${warnings} warning(s)${strict && !errors && warnings ? ' (strict: warnings fail)' : ''}`;
  return {
    status,
    summary,
    diagnostics: result.diagnostics,
    data: {
      strict,
      limitsFile: result.limitsFile,
      capsules: result.capsules,
      files: result.files,
      counts: { errors, warnings, infos: result.diagnostics.length - errors - warnings },
    },
  };
}

/** 20,000 measured files are megabytes of rows that say "ok": summarised (not-ok rows first) unless asked for in full. */
export function contextLintDocument(result: OperationResult<ContextLintData>, input: ContextLintInput): OperationDocument {
  if (input.full) return defaultDocument(result);
  const shown = summariseResult(result);
  return { ...defaultDocument(shown), ...(shown.truncated ? { truncated: shown.truncated } : {}) };
}
