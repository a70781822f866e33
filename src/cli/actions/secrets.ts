import { usageError } from '../../core/errors.js';
import { changedFiles, isGitRepo, resolveBase } from '../../core/git/git.js';
import { expandPaths } from '../../core/secrets/files.js';
import { scannableChanges, secretsOutcome } from '../../core/secrets/run.js';
import type { ActionBody } from '../action.js';
import { listArg, printOutcome, relativeFromCwd } from '../render/outcome.js';

export const secretsScan: ActionBody = async (ctx, args, opts) => {
  const config = await ctx.config();
  const paths = listArg(args[0]);
  if (opts.all === true) {
    if (paths.length > 0)
      throw usageError('SECRETS_ALL_WITH_PATHS', '--all scans the whole workspace; it takes no paths', { fix: 'Drop the paths, or drop --all' });
    const { listWorkspaceFiles } = await import('../../core/workspace/listing.js');
    const files = await listWorkspaceFiles(ctx.root);
    return printOutcome(ctx, 'secrets', await secretsOutcome(ctx.root, config, files, 'the whole workspace (git-ignored files left out)'));
  }
  if (paths.length > 0) {
    const files = await expandPaths(
      ctx.root,
      paths.map((p) => relativeFromCwd(ctx, p)),
    );
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
