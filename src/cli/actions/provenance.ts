import type { FilePlan } from '../../core/provenance/stamp-files.js';
import { provenanceOperation } from '../../core/operations/provenance.js';
import type { summariseResult } from '../../core/report/summarise.js';
import { truncationNote } from '../../core/report/summarise.js';
import type { ActionBody } from '../action.js';
import { runOperationCommand } from '../operation-action.js';
import { countBySeverity } from '../render/diagnostics.js';

export const stamp: ActionBody = async (ctx, args, opts) =>
  runOperationCommand(
    ctx,
    provenanceOperation,
    {
      action: 'stamp',
      files: (Array.isArray(args[0]) ? args[0] : [args[0]]).map(String),
      decision: String(opts.decision ?? ''),
      ...(typeof opts.agent === 'string' ? { agent: opts.agent } : {}),
      ...(opts.capsule !== undefined ? { capsule: String(opts.capsule) } : {}),
      dryRun: Boolean(opts.dryRun),
    },
    {
      // A file that cannot be stamped is bad usage (exit 2), not a failed check.
      exitCode: (document) => (document.error ? 2 : 0),
      text(c, result) {
        const files = result.data.files as Omit<FilePlan, 'text' | 'absolute'>[];
        for (const plan of files) {
          if (plan.status === 'refused') c.err(`${c.style.red('refused')}    ${plan.path}: ${plan.reason}`);
          else
            c.out(
              `${(!result.data.wrote && plan.status !== 'unchanged' ? `would ${plan.status === 'inserted' ? 'insert' : 'update'}` : plan.status).padEnd(10)} ${plan.path}:${plan.line}  ${plan.header}`,
            );
        }
        if (result.status === 'fail') c.err(`sentinel: ${result.summary}`);
        else if (!result.data.agentKnown) c.err(`note: "${String(result.data.agent)}" is not a roster agent, so RulesHash is ${String(result.data.rulesHash)}`);
      },
    },
  );

export const check: ActionBody = async (ctx, _args, opts) =>
  runOperationCommand(
    ctx,
    provenanceOperation,
    { action: 'check', ...(typeof opts.base === 'string' ? { base: opts.base } : {}), all: Boolean(opts.all), full: Boolean(opts.full) },
    {
      // The document is already summarised (unless --full): print what --json would show.
      text(c, result, document) {
        const shown = document as unknown as ReturnType<typeof summariseResult<typeof result>>;
        c.printDiagnostics(shown.diagnostics);
        const note = truncationNote(shown.truncated);
        if (note) c.out(note);
        const counts = countBySeverity(result.diagnostics);
        c.out(
          `${result.status !== 'fail' ? c.style.green('ok') : c.style.red('fail')}  provenance: ${result.summary}${counts.warnings ? `, ${counts.warnings} warning(s)` : ''}`,
        );
      },
    },
  );
