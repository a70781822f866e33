import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { CapsuleChecker } from '../../core/capsule/check.js';
import type { CapsuleDraft } from '../../core/capsule/generate.js';
import { sortDiagnostics, warning, type Diagnostic } from '../../core/diagnostics.js';
import { errorDocument, usageError } from '../../core/errors.js';
import { readTextIfExists } from '../../core/workspace/fs.js';
import { relativeToRoot, resolveInside, toPosix } from '../../core/workspace/paths.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { runOperationCommand } from '../operation-action.js';
import { formatTable } from '../render/table.js';

async function checker(ctx: CliContext): Promise<CapsuleChecker> {
  const config = await ctx.config();
  const [{ discoverAgents }, { createCapsuleChecker }] = await Promise.all([import('../../core/agents/discover.js'), import('../../core/capsule/check.js')]);
  return createCapsuleChecker(ctx.root, config, discoverAgents(ctx.root, config));
}

/**
 * A path from the command line as a workspace-relative path: relative to the current folder
 * when that lands inside the root, else relative to the root (for --root from elsewhere).
 */
function workspacePath(ctx: CliContext, given: string): string {
  const fromCwd = path.relative(ctx.root, path.resolve(ctx.cwd, given));
  const candidate = fromCwd === '' ? '.' : fromCwd;
  const inside = !candidate.startsWith('..') && !path.isAbsolute(candidate) ? candidate : given;
  return relativeToRoot(ctx.root, resolveInside(ctx.root, toPosix(inside)));
}

export const validate: ActionBody = async (ctx, args) => {
  // The operation without its zod schema: validate is on the agent's hot path (test/e2e/module-load.test.ts).
  const { runCapsuleValidate } = await import('../../core/operations/capsule-validate-run.js');
  const given = (args[0] as string[] | undefined) ?? [];
  return runOperationCommand(
    ctx,
    { name: 'capsule validate', run: runCapsuleValidate },
    { paths: given.map((p) => workspacePath(ctx, p)) },
    {
      async text(c, result) {
        if (result.data.capsules.length === 0) {
          c.out(`No capsules found (looked in ${(await c.config()).capsules.globs.join(', ')}). Create one with \`sentinel capsule new <slug> --goal …\`.`);
          return;
        }
        for (const capsule of result.data.capsules) {
          const mark = capsule.ok ? c.style.green('✓') : c.style.red('✗');
          c.out(`${mark} ${capsule.file ?? '(capsule)'}${capsule.id ? `  ${c.style.dim(capsule.id)}` : ''}`);
        }
        c.printDiagnostics(result.diagnostics);
        c.out(result.summary);
      },
    },
  );
};

interface Generated {
  draft: CapsuleDraft;
  file: string;
  notes: Diagnostic[];
}

/** Validate generated text as if it were at `file`, then print or write it. */
async function emit(ctx: CliContext, generated: Generated, opts: Record<string, unknown>, mustValidate: boolean): Promise<number> {
  const [{ renderCapsule }, { parseCapsule }, { writeCapsuleFile }] = await Promise.all([
    import('../../core/capsule/generate.js'),
    import('../../core/capsule/parse.js'),
    import('../../core/capsule/write.js'),
  ]);
  const text = renderCapsule(generated.draft);
  const capsule = parseCapsule(text, generated.file);
  const check = (await checker(ctx)).check(capsule);
  const { globMatcher } = await import('../../core/context/budget.js');
  const config = await ctx.config();
  const discoverable = config.capsules.globs.some((g) => globMatcher(g)(generated.file))
    ? []
    : [
        warning('CAPSULE_NOT_DISCOVERABLE', `${generated.file} matches no capsules.globs entry, so validate, list and check will not see it`, {
          path: generated.file,
          fix: `Write it under one of ${config.capsules.globs.join(', ')}, or add its folder to capsules.globs in .sentinel/config.json`,
        }),
      ];
  const diagnostics = sortDiagnostics([...generated.notes, ...discoverable, ...check.diagnostics]);
  const id = `${generated.draft.slug}@${generated.draft.hash}`;
  if (mustValidate && !check.ok) {
    const refused = usageError('CAPSULE_NEW_INVALID', `The capsule for "${generated.draft.slug}" would not validate; nothing was written`, {
      fix: 'Add the missing pieces with --output, --accept and --context (see the diagnostics)',
    });
    // The error document every refusal prints, with what was generated beside it.
    if (ctx.json) ctx.printJson({ ...errorDocument(refused), id, file: generated.file, diagnostics });
    else {
      ctx.printDiagnostics(diagnostics);
      ctx.err(`sentinel: ${refused.message}\n  fix: ${refused.fix}`);
    }
    return 2;
  }
  if (opts.dryRun) {
    if (ctx.json) ctx.printJson({ ok: check.ok, dryRun: true, id, file: generated.file, valid: check.ok, text, diagnostics });
    else {
      ctx.out(text);
      if (diagnostics.length) ctx.err(diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`).join('\n'));
    }
    return check.ok ? 0 : 1;
  }
  const written = await writeCapsuleFile(ctx.root, generated.file, text, Boolean(opts.force));
  if (ctx.json) {
    ctx.printJson({ ok: check.ok, id, file: generated.file, outcome: written.outcome, backup: written.backup ?? null, valid: check.ok, diagnostics });
  } else {
    const verb = written.outcome === 'unchanged' ? 'unchanged' : written.outcome === 'replaced' ? `replaced (old copy in ${written.backup})` : 'created';
    ctx.out(`${generated.file}  ${id}  ${verb}`);
    ctx.printDiagnostics(diagnostics);
    if (!check.ok) ctx.out('The capsule was written but does not validate yet; fix the errors above, then run `sentinel capsule validate`.');
  }
  return check.ok ? 0 : 1;
}

function checkSlug(slug: string, pattern: RegExp): void {
  if (!pattern.test(slug)) {
    throw usageError('CAPSULE_SLUG_INVALID', `"${slug}" is not a valid capsule slug`, {
      fix: 'Use letters, digits, ".", "_" and "-", starting with a letter or digit (e.g. orders-api)',
    });
  }
}

export const create: ActionBody = async (ctx, args, opts) => {
  const { draftFromInput, SLUG_PATTERN } = await import('../../core/capsule/generate.js');
  const slug = String(args[0]);
  checkSlug(slug, SLUG_PATTERN);
  const config = await ctx.config();
  // Default to the folder pattern of the first capsule glob, so the new capsule is discovered.
  const pattern = config.capsules.globs.map((g) => /^(.+)\/\*\/capsule\.md$/.exec(g)?.[1]).find(Boolean) ?? '.specify/specs';
  const dir = typeof opts.dir === 'string' ? opts.dir : `${pattern}/${slug}`;
  const file = path.posix.join(workspacePath(ctx, dir), 'capsule.md');
  const draft = draftFromInput({
    slug,
    goal: String(opts.goal),
    ...(Array.isArray(opts.output) ? { outputs: opts.output as string[] } : {}),
    ...(Array.isArray(opts.accept) ? { accept: opts.accept as string[] } : {}),
    ...(Array.isArray(opts.context) ? { context: opts.context as string[] } : {}),
    ...(typeof opts.lead === 'string' ? { lead: opts.lead } : {}),
    ...(Array.isArray(opts.note) ? { notes: opts.note as string[] } : {}),
  });
  return emit(ctx, { draft, file, notes: [] }, opts, true);
};

export const fromSpec: ActionBody = async (ctx, args, opts) => {
  const { draftFromSpec } = await import('../../core/capsule/from-spec.js');
  const { SLUG_PATTERN } = await import('../../core/capsule/generate.js');
  const dir = workspacePath(ctx, String(args[0]));
  const absolute = path.join(ctx.root, dir);
  const spec = readTextIfExists(path.join(absolute, 'spec.md'));
  if (spec === undefined) {
    throw usageError('SPEC_NOT_FOUND', `No spec.md in ${dir}`, {
      path: dir,
      fix: 'Pass a spec-kit feature folder holding spec.md (plan.md and tasks.md are read when present)',
    });
  }
  const slug = typeof opts.slug === 'string' ? opts.slug : path.basename(absolute);
  checkSlug(slug, SLUG_PATTERN);
  const out = typeof opts.out === 'string' ? workspacePath(ctx, opts.out) : path.posix.join(dir, 'capsule.md');
  const plan = readTextIfExists(path.join(absolute, 'plan.md'));
  const tasks = readTextIfExists(path.join(absolute, 'tasks.md'));
  const { draft, diagnostics } = draftFromSpec(
    { dir, spec, ...(plan !== undefined ? { plan } : {}), ...(tasks !== undefined ? { tasks } : {}), present: readdirSync(absolute).sort() },
    slug,
  );
  return emit(ctx, { draft, file: out, notes: diagnostics }, opts, false);
};

export const list: ActionBody = async (ctx) => {
  const config = await ctx.config();
  const [{ loadCapsules }, { readState }, { capsuleRows }] = await Promise.all([
    import('../../core/capsule/discover.js'),
    import('../../core/state/state.js'),
    import('../../core/capsule/list.js'),
  ]);
  const capsules = await loadCapsules(ctx.root, config);
  const check = await checker(ctx);
  const rows = capsuleRows(
    capsules.map((c) => check.check(c)),
    (slug) => readState(ctx.root, config, slug),
  );
  if (ctx.json) {
    ctx.printJson({ ok: true, capsules: rows });
  } else if (rows.length === 0) {
    ctx.out(`No capsules found (looked in ${config.capsules.globs.join(', ')}).`);
  } else {
    ctx.out(
      formatTable(
        ['ID', 'STATUS', 'LEAD', 'TITLE'],
        rows.map((r) => [r.id ?? `(${r.file})`, r.status, r.lead ?? '-', r.title]),
      ),
    );
  }
  return 0;
};
