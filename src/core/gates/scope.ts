import { findCapsule, capsuleSlug } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import { error, info, type Diagnostic } from '../diagnostics.js';
import { missingOutputs } from '../scope/outputs.js';
import { SentinelError } from '../errors.js';
import { capsuleAlwaysAllowed } from '../scope/allowed.js';
import { checkScope } from '../scope/check.js';
import { resolveActiveCapsule, trustedState } from '../state/state.js';
import { excludeNotTheCapsules, type ExcludedChange } from '../scope/exclusions.js';
import { scopeMatcher } from '../scope/match.js';
import { refereeSettingFindings } from '../lifecycle/referee-settings.js';
import type { Gate, GateInputs } from './types.js';

/** The capsule the change belongs to; an explicit --capsule that does not exist is a usage error. */
export async function activeCapsule(ctx: GateInputs): Promise<{ capsule?: Capsule; ref?: string; missing?: SentinelError }> {
  const ref = resolveActiveCapsule(ctx.root, ctx.config, ctx.capsule, ctx.caller);
  if (!ref) return {};
  try {
    return { capsule: await findCapsule(ctx.root, ctx.config, ref), ref };
  } catch (err) {
    if (ctx.capsule !== undefined || !(err instanceof SentinelError)) throw err;
    return { ref, missing: err };
  }
}

const REASON_TEXT: Record<ExcludedChange['reason'], string> = {
  sentinel: "Sentinel's own",
  'init-before-routing': 'written by init before routing, unchanged',
  'lock-file': 'lock file of a manifest in scope',
  'spec-kit': 'spec-kit planning file of this feature',
};

/** One line saying which changed paths were left out and why (the full list is in data.excluded). */
function excludedNote(excluded: readonly ExcludedChange[]): Diagnostic[] {
  if (excluded.length === 0) return [];
  const counts = new Map<ExcludedChange['reason'], number>();
  for (const e of excluded) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => `${n} ${REASON_TEXT[reason]}`).join(', ');
  return [
    info('SCOPE_EXCLUDED', `${excluded.length} changed path(s) are not the capsule's work: ${parts}`, {
      fix: 'Nothing to do; `sentinel scope --json` lists them (data.excluded)',
    }),
  ];
}

export const gate: Gate = {
  name: 'scope',
  description: 'changed files stay inside the active capsule',
  async run(ctx) {
    if (!(await ctx.isGitRepo())) {
      return {
        status: 'skipped',
        diagnostics: [info('SCOPE_NOT_GIT', 'Not a git repository: there is no diff to check', { fix: 'Run inside a git work tree (git init)' })],
        data: {},
        summary: 'not a git repository',
      };
    }
    const active = await activeCapsule(ctx);
    if (active.missing) {
      return {
        status: 'fail',
        diagnostics: [
          error('SCOPE_CAPSULE_MISSING', `The active capsule "${active.ref}" has a state file but no capsule file`, {
            fix: 'Restore the capsule file, or pass --capsule <slug>',
          }),
        ],
        data: { capsule: active.ref },
        summary: `active capsule ${active.ref} not found`,
      };
    }
    if (!active.capsule) {
      return {
        status: 'skipped',
        diagnostics: [
          info('SCOPE_NO_CAPSULE', 'No active capsule, so there is no scope to check the diff against', {
            fix: 'Pass --capsule <slug>, set SENTINEL_CAPSULE, or route a capsule (`sentinel route <capsule>`) so it becomes active',
          }),
        ],
        data: {},
        summary: 'no active capsule',
      };
    }
    const capsule = active.capsule;
    const slug = capsuleSlug(capsule);
    const base = await ctx.base();
    const alwaysAllowed = capsuleAlwaysAllowed(ctx.root, ctx.config, slug);
    const state = trustedState(ctx.root, ctx.config, slug);
    const changedFiles = await ctx.changedFiles();
    // Sentinel's own files, init's files unchanged since routing, lock files, planning files: not the capsule's work.
    const { judged: changed, excluded } = excludeNotTheCapsules({
      root: ctx.root,
      config: ctx.config,
      capsule,
      changed: changedFiles,
      ...(state?.routedFiles ? { snapshot: state.routedFiles } : {}),
      inScope: scopeMatcher([...capsule.requiredOutputs.map((i) => i.path), ...capsule.allowedContext.map((i) => i.path)]),
    });
    const report = checkScope({ changed, capsule, allCapsules: await ctx.capsules(), alwaysAllowed });
    const name = capsule.id ?? slug;
    const missing = await missingOutputs(ctx.root, capsule);
    const data = {
      capsule: name,
      capsuleFile: capsule.file,
      base,
      baseReason: (await ctx.baseChoice()).reason,
      checked: report.checked,
      inScope: report.inScope,
      outOfScope: report.outOfScope,
      missingOutputs: missing.map((m) => m.path),
      alwaysAllowed,
      excluded,
    };
    const leftOut = excludedNote(excluded);
    const outputDiagnostics: Diagnostic[] = [
      ...leftOut,
      ...missing.map((m) =>
        (ctx.requireOutputs ? error : info)('SCOPE_OUTPUT_MISSING', `Required Output ${m.path} of ${name} does not exist${ctx.requireOutputs ? '' : ' yet'}`, {
          ...(capsule.file ? { path: capsule.file, line: m.line } : {}),
          fix: `Produce ${m.path}, or remove it from the capsule's Required Outputs if the plan changed`,
        }),
      ),
    ];
    const lead = state?.lead;
    // A referee setting is the capsule's work unless init wrote it before routing, unchanged since.
    const initFiles = new Set(excluded.filter((e) => e.reason === 'init-before-routing').map((e) => e.path));
    const settings = refereeSettingFindings(
      changedFiles.filter((c) => !initFiles.has(c.path)),
      ctx.config,
      { name, lead },
    );
    if (report.outOfScope.length > 0 || settings.length > 0 || (ctx.requireOutputs && missing.length > 0)) {
      const reasons = [
        report.outOfScope.length ? `${report.outOfScope.length} of ${report.checked} changed path(s) outside ${name}` : '',
        settings.length ? `${settings.length} referee setting(s) changed` : '',
        ctx.requireOutputs && missing.length ? `${missing.length} Required Output(s) missing` : '',
      ].filter(Boolean);
      // A changed referee setting is reported once, as what it is.
      const named = new Set(settings.map((d) => d.path));
      const scoped = report.diagnostics.filter((d) => !named.has(d.path));
      return { status: 'fail', diagnostics: [...scoped, ...settings, ...outputDiagnostics], data, summary: reasons.join('; ') };
    }
    return { status: 'ok', diagnostics: outputDiagnostics, data, summary: `${report.checked} changed path(s), all inside ${name}` };
  },
};
