import { usageError } from '../errors.js';
import type { OperationContext } from './operation.js';

/** The capsule validate operation's body, apart from its schema: a hot path that loads no zod. */
export async function runCapsuleValidate(ctx: OperationContext, input: { paths?: string[] | undefined }) {
  const [{ statSync }, path, { discoverAgents }, { createCapsuleChecker }, { loadCapsuleFile, loadCapsules }, { resolveInside, relativeToRoot }] =
    await Promise.all([
      import('node:fs'),
      import('node:path'),
      import('../agents/discover.js'),
      import('../capsule/check.js'),
      import('../capsule/discover.js'),
      import('../workspace/paths.js'),
    ]);
  // A folder stands for its capsule.md.
  const capsuleFile = (given: string): string => {
    let file = resolveInside(ctx.root, given);
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'capsule.md');
      statSync(file);
    } catch {
      throw usageError('CAPSULE_NOT_FOUND', `No capsule file at ${given}`, {
        path: given,
        fix: 'Pass a capsule.md path (or its folder); `sentinel capsule list` shows them',
      });
    }
    return relativeToRoot(ctx.root, file);
  };
  const given = input.paths ?? [];
  const capsules = given.length ? given.map((p) => loadCapsuleFile(ctx.root, capsuleFile(p))) : await loadCapsules(ctx.root, ctx.config);
  const checker = await createCapsuleChecker(ctx.root, ctx.config, discoverAgents(ctx.root, ctx.config));
  const checks = capsules.map((capsule) => checker.check(capsule));
  const valid = checks.filter((c) => c.ok).length;
  const diagnostics = checks.flatMap((c) => c.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return {
    status: valid === checks.length ? ('ok' as const) : ('fail' as const),
    summary: `${checks.length} capsule(s): ${valid} valid, ${checks.length - valid} invalid; ${errors} error(s), ${warnings} warning(s)`,
    diagnostics,
    data: {
      capsules: checks.map((c) => ({ file: c.capsule.file ?? null, id: c.capsule.id ?? null, ok: c.ok, diagnostics: c.diagnostics })),
      counts: { capsules: checks.length, valid, errors, warnings },
    },
  };
}
