import { readFileSync } from 'node:fs';
import type { CheckReport } from '../../core/report/check-report.js';
import type { ActionBody } from '../action.js';
import { readCheckReport } from '../report-file.js';
import type { CliContext } from '../context.js';

function readReport(ctx: CliContext, file: string): { file: string; report: CheckReport } {
  return readCheckReport(ctx, file, {
    codePrefix: 'PR_REPORT',
    label: `--report ${file}`,
    fix: 'Pass the file `sentinel check --json > sentinel-check.json` wrote',
  });
}

/** The GitHub Actions event payload, when the workflow provides one. */
function readEvent(): Record<string, any> | undefined {
  const file = process.env.GITHUB_EVENT_PATH;
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  } catch {
    return undefined;
  }
}

/**
 * `sentinel pr body`: the PR description on stdout (Markdown, or the facts and the Markdown with
 * --json); with --comment also posted as the PR's one Sentinel comment. Status goes to stderr,
 * so `>> "$GITHUB_STEP_SUMMARY"` receives the description alone.
 */
export const prBody: ActionBody = async (ctx, _args, opts) => {
  const config = await ctx.config();
  const report = typeof opts.report === 'string' ? readReport(ctx, opts.report) : undefined;
  const { gatherPrFacts } = await import('../../core/pr/facts.js');
  const { renderPrBody } = await import('../../core/pr/render.js');
  const facts = await gatherPrFacts(ctx.root, config, {
    ...(typeof opts.capsule === 'string' ? { capsule: opts.capsule } : {}),
    ...(typeof opts.base === 'string' ? { base: opts.base } : {}),
    ...(report ? { report } : {}),
    caller: ctx.caller,
  });
  const event = readEvent();
  const server = process.env.GITHUB_SERVER_URL;
  const repository = process.env.GITHUB_REPOSITORY;
  const ref = (event?.pull_request?.head?.sha as string | undefined) ?? process.env.GITHUB_SHA;
  const markdown = renderPrBody(facts, server && repository && ref ? { repoUrl: `${server.replace(/\/+$/, '')}/${repository}`, ref } : {});
  let comment: Awaited<ReturnType<typeof import('../../core/pr/github.js').upsertPrComment>> | undefined;
  if (opts.comment) {
    const { githubTarget, upsertPrComment } = await import('../../core/pr/github.js');
    const target = githubTarget({ env: process.env, event, ...(typeof opts.pr === 'string' ? { pr: opts.pr } : {}) });
    comment = await upsertPrComment(target, ctx.redact.text(markdown), (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(30_000) }));
    ctx.err(`sentinel pr body: comment ${comment.action} on #${target.pr}${comment.url ? ` (${comment.url})` : ''}`);
  }
  if (ctx.json) ctx.printJson({ ok: true, ...facts, markdown, ...(comment ? { comment } : {}) });
  else ctx.out(markdown);
  return 0;
};
