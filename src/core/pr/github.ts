import { usageError } from '../errors.js';
import { PR_BODY_MARKER } from './render.js';

/** Where the comment goes, as the workflow's environment says (read at the CLI edge). */
interface GithubTarget {
  /** `https://api.github.com`, or GITHUB_API_URL on GitHub Enterprise. */
  apiUrl: string;
  /** `owner/name`. */
  repository: string;
  pr: number;
  token: string;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

interface CommentResult {
  action: 'created' | 'updated';
  id: number;
  url?: string;
}

/**
 * The PR number, repository and API from a GitHub Actions environment: `--pr`, else the
 * pull_request (or issue) number of the event payload. Missing pieces are usage errors that say
 * which variable or flag to set.
 */
export function githubTarget(input: { env: Record<string, string | undefined>; event?: unknown; pr?: string }): GithubTarget {
  const { env } = input;
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  if (!token)
    throw usageError('PR_COMMENT_NO_TOKEN', 'pr body --comment needs a token to post the comment', {
      fix: 'Set GITHUB_TOKEN (in a workflow: `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`, with `permissions: pull-requests: write`)',
    });
  const repository = env.GITHUB_REPOSITORY;
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw usageError('PR_COMMENT_NO_REPOSITORY', 'pr body --comment does not know the repository', {
      fix: 'Set GITHUB_REPOSITORY=owner/name (GitHub Actions sets it)',
    });
  const event = (input.event ?? {}) as { pull_request?: { number?: unknown }; issue?: { number?: unknown; pull_request?: unknown }; number?: unknown };
  const raw = input.pr ?? event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
  const pr = Number(raw);
  if (!Number.isInteger(pr) || pr <= 0)
    throw usageError('PR_COMMENT_NO_PR', 'pr body --comment does not know the pull request number', {
      fix: 'Run it on a pull_request event (GITHUB_EVENT_PATH) or pass --pr <number>',
    });
  return { apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''), repository, pr, token };
}

const headers = (token: string): Record<string, string> => ({
  accept: 'application/vnd.github+json',
  authorization: `Bearer ${token}`,
  'x-github-api-version': '2022-11-28',
  'content-type': 'application/json',
  'user-agent': 'sentinelkit',
});

async function failure(what: string, response: { status: number; text(): Promise<string> }): Promise<Error> {
  const detail = (await response.text().catch(() => '')).slice(0, 300);
  const hint =
    response.status === 403 || response.status === 404
      ? 'the token cannot write to this pull request: grant `permissions: pull-requests: write`; on a pull request from a fork the token is read-only, so the description stays in the job summary'
      : 'check GITHUB_API_URL and the token';
  return usageError('PR_COMMENT_FAILED', `${what} failed with HTTP ${response.status}${detail ? `: ${detail}` : ''}`, { fix: hint });
}

/**
 * Post the PR body as one comment, or update the comment Sentinel posted before (found by its
 * marker among the PR's comments, all pages), so a PR carries one Sentinel comment however often
 * the workflow runs.
 */
export async function upsertPrComment(target: GithubTarget, body: string, fetcher: FetchLike): Promise<CommentResult> {
  const base = `${target.apiUrl}/repos/${target.repository}/issues`;
  let existing: number | undefined;
  for (let page = 1; page <= 50 && existing === undefined; page++) {
    const response = await fetcher(`${base}/${target.pr}/comments?per_page=100&page=${page}`, { method: 'GET', headers: headers(target.token) });
    if (!response.ok) throw await failure(`Listing the comments of #${target.pr}`, response);
    const comments = (await response.json()) as { id: number; body?: string }[];
    existing = comments.find((c) => typeof c.body === 'string' && c.body.includes(PR_BODY_MARKER))?.id;
    if (comments.length < 100) break;
  }
  const payload = JSON.stringify({ body });
  const response =
    existing === undefined
      ? await fetcher(`${base}/${target.pr}/comments`, { method: 'POST', headers: headers(target.token), body: payload })
      : await fetcher(`${base}/comments/${existing}`, { method: 'PATCH', headers: headers(target.token), body: payload });
  if (!response.ok) throw await failure(`${existing === undefined ? 'Posting' : 'Updating'} the comment on #${target.pr}`, response);
  const posted = (await response.json()) as { id: number; html_url?: string };
  return { action: existing === undefined ? 'created' : 'updated', id: posted.id, ...(posted.html_url ? { url: posted.html_url } : {}) };
}
