import { describe, expect, it } from 'vitest';
import { githubTarget, upsertPrComment, type FetchLike } from '../../../src/core/pr/github.js';
import { PR_BODY_MARKER } from '../../../src/core/pr/render.js';

const env = { GITHUB_TOKEN: 't0k', GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: 'https://ghe.example/api/v3/' };

/** A fake GitHub: records each request and answers from `pages` (comment lists) and `status`. */
function fakeGithub(pages: { id: number; body: string }[][], status = 200) {
  const calls: { url: string; method: string; headers: Record<string, string>; body?: unknown }[] = [];
  const fetcher: FetchLike = async (url, init) => {
    calls.push({ url, method: init.method, headers: init.headers, ...(init.body ? { body: JSON.parse(init.body) } : {}) });
    const page = Number(new URL(url).searchParams.get('page') ?? 0);
    const payload = init.method === 'GET' ? (pages[page - 1] ?? []) : { id: 77, html_url: 'https://github.com/acme/shop/pull/12#issuecomment-77' };
    const ok = init.method === 'GET' || status < 300;
    return {
      ok,
      status: ok ? 200 : status,
      json: async () => payload,
      text: async () => (ok ? JSON.stringify(payload) : '{"message":"Resource not accessible by integration"}'),
    };
  };
  return { calls, fetcher };
}

describe('githubTarget', () => {
  it('takes the PR number from the pull_request event, the API from GITHUB_API_URL', () => {
    expect(githubTarget({ env, event: { pull_request: { number: 12 } } })).toEqual({
      apiUrl: 'https://ghe.example/api/v3',
      repository: 'acme/shop',
      pr: 12,
      token: 't0k',
    });
    expect(githubTarget({ env: { ...env, GITHUB_API_URL: undefined }, pr: '5' }).apiUrl).toBe('https://api.github.com');
    expect(githubTarget({ env, event: { issue: { number: 9, pull_request: {} } } }).pr).toBe(9);
  });

  it('names what is missing: token, repository, PR number', () => {
    expect(() => githubTarget({ env: { ...env, GITHUB_TOKEN: undefined }, pr: '1' })).toThrow(
      expect.objectContaining({ code: 'PR_COMMENT_NO_TOKEN', fix: expect.stringContaining('pull-requests: write') }),
    );
    expect(() => githubTarget({ env: { ...env, GITHUB_REPOSITORY: undefined }, pr: '1' })).toThrow(
      expect.objectContaining({ code: 'PR_COMMENT_NO_REPOSITORY' }),
    );
    expect(() => githubTarget({ env, event: { push: {} } })).toThrow(expect.objectContaining({ code: 'PR_COMMENT_NO_PR' }));
    expect(() => githubTarget({ env, pr: 'abc' })).toThrow(expect.objectContaining({ code: 'PR_COMMENT_NO_PR' }));
  });
});

describe('upsertPrComment', () => {
  const target = githubTarget({ env, pr: '12' });

  it('posts a new comment when none carries the marker, with the API headers', async () => {
    const gh = fakeGithub([[{ id: 1, body: 'LGTM' }]]);
    const result = await upsertPrComment(target, `${PR_BODY_MARKER}\nbody`, gh.fetcher);
    expect(result).toEqual({ action: 'created', id: 77, url: 'https://github.com/acme/shop/pull/12#issuecomment-77' });
    expect(gh.calls.map((c) => [c.method, c.url])).toEqual([
      ['GET', 'https://ghe.example/api/v3/repos/acme/shop/issues/12/comments?per_page=100&page=1'],
      ['POST', 'https://ghe.example/api/v3/repos/acme/shop/issues/12/comments'],
    ]);
    expect(gh.calls[1]!.body).toEqual({ body: `${PR_BODY_MARKER}\nbody` });
    expect(gh.calls[1]!.headers).toMatchObject({ authorization: 'Bearer t0k', accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' });
  });

  it('updates its own earlier comment, found on a later page', async () => {
    const first = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: `comment ${i}` }));
    const gh = fakeGithub([first, [{ id: 555, body: `${PR_BODY_MARKER}\nold` }]]);
    const result = await upsertPrComment(target, `${PR_BODY_MARKER}\nnew`, gh.fetcher);
    expect(result.action).toBe('updated');
    expect(gh.calls.map((c) => [c.method, c.url.replace('https://ghe.example/api/v3/repos/acme/shop/issues', '')])).toEqual([
      ['GET', '/12/comments?per_page=100&page=1'],
      ['GET', '/12/comments?per_page=100&page=2'],
      ['PATCH', '/comments/555'],
    ]);
  });

  it('explains a refused write (a fork, or no pull-requests: write)', async () => {
    const gh = fakeGithub([[]], 403);
    await expect(upsertPrComment(target, 'x', gh.fetcher)).rejects.toMatchObject({
      code: 'PR_COMMENT_FAILED',
      message: expect.stringContaining('HTTP 403'),
      fix: expect.stringContaining('fork'),
    });
  });
});
