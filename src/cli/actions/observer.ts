import path from 'node:path';
import type { GateOutcome } from '../../core/gates/types.js';
import { changedFiles, isGitRepo, resolveBase } from '../../core/git/git.js';
import { logsOutcome } from '../../core/logs/run.js';
import { expandPaths } from '../../core/secrets/files.js';
import { scannableChanges, secretsOutcome } from '../../core/secrets/run.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';

/** Print a gate-shaped result: JSON document or diagnostics plus a status line; exit 1 only on fail. */
export function printOutcome(ctx: CliContext, name: string, outcome: GateOutcome): number {
  const failed = outcome.status === 'fail';
  if (ctx.json) {
    ctx.printJson({ ok: !failed, gate: name, status: outcome.status, summary: outcome.summary, diagnostics: outcome.diagnostics, data: outcome.data });
    return failed ? 1 : 0;
  }
  ctx.printDiagnostics(outcome.diagnostics);
  const colour = failed ? ctx.style.red : outcome.status === 'ok' ? ctx.style.green : ctx.style.yellow;
  ctx.out(`${name}: ${colour(outcome.status)} — ${outcome.summary}`);
  return failed ? 1 : 0;
}

const listArg = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);

export const logsCheck: ActionBody = async (ctx, args, opts) => {
  const request: { files: string[]; schema?: string } = { files: listArg(args[0]).map((p) => relativeFromCwd(ctx, p)) };
  if (typeof opts.schema === 'string') request.schema = opts.schema;
  return printOutcome(ctx, 'logs', await logsOutcome(ctx.root, await ctx.config(), request));
};

export const secretsScan: ActionBody = async (ctx, args, opts) => {
  const config = await ctx.config();
  const paths = listArg(args[0]);
  if (paths.length > 0) {
    const files = await expandPaths(ctx.root, paths.map((p) => relativeFromCwd(ctx, p)));
    return printOutcome(ctx, 'secrets', await secretsOutcome(ctx.root, config, files, `${files.length} given file(s)`));
  }
  if (!(await isGitRepo(ctx.root))) {
    // Without git there is no "changed since base": scan the whole workspace.
    const files = await expandPaths(ctx.root, ['.']);
    return printOutcome(ctx, 'secrets', await secretsOutcome(ctx.root, config, files, 'the workspace (not a git repository)'));
  }
  const base = await resolveBase(ctx.root, typeof opts.base === 'string' ? opts.base : undefined);
  const files = scannableChanges(await changedFiles(ctx.root, base));
  return printOutcome(ctx, 'secrets', await secretsOutcome(ctx.root, config, files, `files changed since ${base.slice(0, 12)}`));
};

/** Paths on the command line are relative to where the user stands; the core wants root-relative. */
function relativeFromCwd(ctx: CliContext, p: string): string {
  return path.relative(ctx.root, path.resolve(ctx.cwd, p)).split(path.sep).join('/') || '.';
}
