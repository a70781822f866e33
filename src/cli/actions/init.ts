import { hasErrors } from '../../core/diagnostics.js';
import { usageError } from '../../core/errors.js';
import type { InitFilePlan } from '../../core/init/plan.js';
import type { InitReport } from '../../core/init/run.js';
import type { GitHookFile } from '../../core/init/git-hooks.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { CONFIG_PATH } from '../../core/workspace/layout.js';

interface ClientFile {
  path: string;
  action: string;
  client?: string;
  note?: string;
  warning?: string;
}

const LABELS: Record<string, string> = {
  created: 'created',
  unchanged: 'unchanged',
  'kept-modified': 'kept',
  replaced: 'replaced',
  conflict: 'conflict',
  'would-create': 'would create',
  'would-replace': 'would replace',
  updated: 'updated',
  'would-update': 'would update',
};

const KNOWN_CLIENTS = ['claude', 'codex', 'cursor', 'vscode', 'gemini', 'all'];

function parseClients(value: unknown): string[] {
  return String(value)
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
}

function render(ctx: CliContext, report: InitReport, clientFiles: ClientFile[]): void {
  const { style } = ctx;
  const colour = (action: string, text: string) =>
    action === 'created' || action === 'replaced' || action === 'updated'
      ? style.green(text)
      : action === 'kept-modified' || action === 'conflict'
        ? style.yellow(text)
        : action.startsWith('would')
          ? style.blue(text)
          : style.dim(text);
  const lines: string[] = [`sentinel init${report.dryRun ? ' --dry-run (nothing written)' : ''}: ${report.root}`];
  const shown: (InitFilePlan | ClientFile)[] = [...report.files, ...clientFiles];
  // Unchanged files are summarised, not listed: a re-run should be a one-line answer.
  for (const file of shown) {
    if (file.action === 'unchanged') continue;
    const label = (LABELS[file.action] ?? file.action).padEnd(14);
    const extra = 'backup' in file && file.backup ? ` (backup: ${file.backup})` : file.note && file.action !== 'kept-modified' ? ` (${file.note})` : '';
    lines.push(`  ${colour(file.action, label)}${file.path}${extra}`);
  }
  for (const file of clientFiles) if (file.warning) ctx.err(`warning: ${file.warning}`);
  const s = report.summary;
  const configFile = report.files.find((f) => f.path === CONFIG_PATH);
  const configWritten = configFile !== undefined && configFile.action !== 'unchanged' && configFile.action !== 'kept-modified';
  if (!configWritten) {
    // The config already exists: the user's gates.commands stand, nothing to propose.
  } else if (report.project.commands.length) {
    lines.push('', 'Gate commands proposed in .sentinel/config.json (gates.commands):');
    const width = Math.max(...report.project.commands.map((c) => c.name.length));
    for (const c of report.project.commands) lines.push(`  ${c.name.padEnd(width)}  ${c.run}  ${style.dim(`(${c.source})`)}`);
  } else {
    lines.push('', 'No lint/typecheck/build/test commands detected; add them to gates.commands in .sentinel/config.json.');
  }
  if (configWritten) {
    lines.push(
      '',
      report.project.service
        ? `Runbook: the backender runbook ops/backend/runbook.md is configured, because this project runs a service (${report.project.service.evidence}). Until a capsule led by backender is under way, a missing runbook is pending, not a failure.`
        : 'Runbook: none configured, because no service was found (no server dependency or entry point). To keep one anyway: sentinel runbook set --file ops/backend/runbook.md --section "Startup" --text "…"',
    );
  }
  const wrote = s.created + s.replaced + clientFiles.filter((f) => f.action === 'created' || f.action === 'replaced' || f.action === 'updated').length;
  const pending = s['would-create'] + s['would-replace'];
  lines.push('');
  if (!report.dryRun && wrote === 0)
    lines.push(`Nothing changed: ${s.unchanged} files already up to date${s['kept-modified'] ? `, ${s['kept-modified']} kept with local edits` : ''}.`);
  else if (report.dryRun && pending === 0)
    lines.push(`Nothing to do: ${s.unchanged} files already up to date${s['kept-modified'] ? `, ${s['kept-modified']} kept with local edits` : ''}.`);
  else {
    const parts = report.dryRun
      ? [`${s['would-create']} would be created`, `${s['would-replace']} would be replaced (after a .bak copy)`]
      : [`${s.created} created`, `${s.replaced} replaced (.bak copies kept)`];
    parts.push(`${s.unchanged} unchanged`, `${s['kept-modified']} kept with local edits`);
    lines.push(`${parts.filter((p) => !p.startsWith('0 ')).join(', ')}.`);
  }
  if (s['kept-modified'] && !report.force) lines.push('Locally edited files were kept; `sentinel init --force` replaces them after writing a .bak copy.');
  if (!report.dryRun && s.created) lines.push('Next: `sentinel agents list`, `sentinel capsule validate`, `sentinel check`.');
  ctx.out(lines.join('\n'));
  ctx.printDiagnostics(report.diagnostics);
}

export const init: ActionBody = async (ctx, _args, opts) => {
  const options = { dryRun: Boolean(opts.dryRun), force: Boolean(opts.force) };
  // Reject a bad --client before anything is written.
  const clients = opts.client === undefined ? undefined : parseClients(opts.client);
  const unknown = clients?.filter((c) => !KNOWN_CLIENTS.includes(c)) ?? [];
  if (clients && (clients.length === 0 || unknown.length)) {
    throw usageError('INIT_UNKNOWN_CLIENT', `Unknown MCP client "${unknown.join(', ') || String(opts.client)}"`, {
      fix: `Pass --client with one or more of ${KNOWN_CLIENTS.join(', ')} (comma-separated)`,
    });
  }
  const { runInit } = await import('../../core/init/run.js');
  const report = await runInit(ctx.root, options);
  let clientFiles: ClientFile[] = [];
  if (clients) {
    const { initClients } = await import('../../core/clients/init-clients.js');
    clientFiles = (await initClients(ctx.root, clients, options)).files;
  }
  let hookFiles: GitHookFile[] = [];
  if (opts.gitHooks) {
    const { installGitHooks } = await import('../../core/init/git-hooks.js');
    const hooks = await installGitHooks(ctx.root, { dryRun: options.dryRun });
    hookFiles = hooks.files;
    report.diagnostics.push(...hooks.diagnostics);
    // A conflict's reason is the INIT_HOOK_EXISTS diagnostic printed below; the listing just points at it.
    if (!ctx.json)
      clientFiles.push(
        ...hookFiles.map((f) => ({
          path: f.path,
          action: f.action,
          note:
            f.action === 'conflict' ? 'commit-msg hook: yours, left as it is (see INIT_HOOK_EXISTS below)' : `commit-msg hook${f.note ? `, ${f.note}` : ''}`,
        })),
      );
  }
  const ok = !hasErrors(report.diagnostics);
  if (ctx.json) {
    ctx.printJson({ ok, ...report, ...(opts.client !== undefined ? { clients: clientFiles } : {}), ...(opts.gitHooks ? { gitHooks: hookFiles } : {}) });
  } else {
    render(ctx, report, clientFiles);
  }
  return ok ? 0 : 1;
};
