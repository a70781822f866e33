// `sentinel pr body` on a real branch: the capsule whose outputs it changes, decisions from the
// ledger, trailers and headers, gates from a `sentinel check --json` report; and `--comment`
// against a local stand-in for the GitHub API (posted once, then updated in place).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code, files and stdin) except the first,
 * which spawn the built binary so they are also proven as a shell or an agent's client sees them.
 */

const capsule = [
  '# Capsule orders-api@0123abcd',
  '',
  '## Goal',
  'Serve orders over HTTP.',
  '',
  '## Required Outputs',
  '- `server/src/routes/`',
  '',
  '## Acceptance Criteria',
  '- `sentinel boundaries` passes: no raw HTTP calls in routes',
  '- `server/src/routes/orders.ts` exports `listOrders`',
  '',
  '## Allowed Context',
  '- `server/src/`',
  '',
  '## Router Notes',
  '- Lead: backender',
  '- Decision: D-0001',
  '',
].join('\n');

const ledger = [
  '# Decision ledger',
  '',
  'ID: D-0001',
  'Date: 2026-11-27',
  'Author: backender',
  'Scope: orders routes (capsule orders-api)',
  'Decision: Thin routes over pure services',
  'Rationale: testable without HTTP',
  'Outputs: server/src/routes/orders.ts',
  'Supersedes: -',
  '',
  '## NEXT_ID',
  'D-0002',
  '',
].join('\n');

let repo: TempRepo;
let api: Server;
let apiUrl: string;
const seen: { method: string; url: string; auth: string | undefined; body?: { body: string } }[] = [];
let stored: { id: number; body: string }[] = [];

beforeAll(async () => {
  repo = makeTempRepo({
    'README.md': '# orders\n',
    '.specify/specs/orders-api/capsule.md': capsule,
    '.sentinel/DECISIONS.md': ledger,
    '.sentinel/config.json': '{"version": 1}\n',
  });
  repo.git('switch', '-q', '-c', 'work');
  repo.write({
    'server/src/routes/orders.ts': '// ProducedBy=BACKENDER RulesHash=BACKENDER@1.0 Decision=D-0001 Capsule=orders-api\nexport const listOrders = () => [];\n',
  });
  repo.git('add', '-A');
  execFileSync('git', ['commit', '-q', '-m', 'list orders', '--trailer', 'Sentinel-Capsule: orders-api@0123abcd', '--trailer', 'Sentinel-Decision: D-0001'], {
    cwd: repo.dir,
  });
  repo.write({ 'server/src/routes/health.ts': 'export const health = () => "ok";\n' });
  repo.commit('health');
  // A stand-in for the GitHub REST API: lists, creates and updates issue comments.
  api = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = text ? JSON.parse(text) : undefined;
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, ...(body ? { body } : {}) });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET') return res.end(JSON.stringify(stored));
      if (req.method === 'POST') stored = [{ id: 900, body: body.body }];
      if (req.method === 'PATCH') stored = [{ id: 900, body: body.body }];
      res.end(JSON.stringify({ id: 900, html_url: 'https://github.test/acme/orders/pull/7#issuecomment-900' }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
}, 120_000);
afterAll(() => {
  api?.close();
  repo?.cleanup();
});

describe('sentinel pr body', () => {
  it('describes the branch: capsule, decisions, provenance of each changed file; no gate results yet', async () => {
    const result = await runSentinel(['pr', 'body', '--json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    const json = result.json();
    expect(json.selectedBy).toBe('changed-outputs');
    expect(json.capsules.map((c: { id: string; source: { kind: string } }) => [c.id, c.source.kind])).toEqual([['orders-api@0123abcd', 'none']]);
    expect(json.decisions).toEqual([
      expect.objectContaining({ id: 'D-0001', decision: 'Thin routes over pure services', file: '.sentinel/DECISIONS.md', line: 3 }),
    ]);
    expect(json.decisions[0].via).toEqual(
      expect.arrayContaining(['Router Notes of orders-api@0123abcd', 'header of server/src/routes/orders.ts', 'Outputs list server/src/routes/orders.ts']),
    );
    const files = Object.fromEntries(json.files.map((f: { path: string }) => [f.path, f]));
    expect(files['server/src/routes/orders.ts']).toMatchObject({
      header: { producedBy: 'BACKENDER', decision: 'D-0001' },
      commits: [{ subject: 'list orders', capsules: ['orders-api@0123abcd'] }],
    });
    expect(files['server/src/routes/health.ts']).toMatchObject({ headerNote: 'no header', commits: [{ subject: 'health', capsules: [] }] });
    expect(json.markdown).toContain('No gate results yet');
    expect(json.capsules[0].acceptance.map((a: { status: string }) => a.status)).toEqual(['unproven', 'review']);
  });

  it('takes gate results from a check report, and prints Markdown only on stdout', async () => {
    const check = await runInProcess(['check', '--only', 'boundaries,commits', '--json'], { cwd: repo.dir });
    writeFileSync(path.join(repo.dir, 'sentinel-check.json'), check.stdout);
    const result = await runInProcess(['pr', 'body', '--report', 'sentinel-check.json'], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.startsWith('<!-- sentinel:pr-body -->\n')).toBe(true);
    expect(result.stdout).toContain("Gates from this run's check report (`sentinel-check.json`).");
    expect(result.stdout).toContain('| ✅ | `sentinel boundaries` passes: no raw HTTP calls in routes | boundaries gate ok:');
    // health.ts is an output of orders-api committed without its trailer: the commits gate says so.
    expect(result.stdout).toMatch(/\| commits \| ❌ fail \|/);
    expect(result.stdout).toMatch(/\| `server\/src\/routes\/health.ts` \| added \| orders-api@0123abcd \| no header \| [0-9a-f]{7} no trailer \|/);
  });

  it('refuses a --report that is not a check report (exit 2)', async () => {
    writeFileSync(path.join(repo.dir, 'not-a-report.json'), '{"hello": 1}\n');
    const result = await runInProcess(['pr', 'body', '--report', 'not-a-report.json'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--report not-a-report.json is not a `sentinel check --json` document');
  });

  it('--comment posts one comment, then updates it on the next run', async () => {
    const event = path.join(repo.dir, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7, head: { sha: 'f00dfeed' } } }));
    const env = {
      GITHUB_TOKEN: 'test-token',
      GITHUB_REPOSITORY: 'acme/orders',
      GITHUB_API_URL: apiUrl,
      GITHUB_EVENT_PATH: event,
      GITHUB_SERVER_URL: 'https://github.test',
    };
    const first = await runInProcess(['pr', 'body', '--comment'], { cwd: repo.dir, env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('comment created on #7 (https://github.test/acme/orders/pull/7#issuecomment-900)');
    const second = await runInProcess(['pr', 'body', '--comment'], { cwd: repo.dir, env });
    expect(second.stderr).toContain('comment updated on #7');
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/orders/issues/7/comments?per_page=100&page=1',
      'POST /repos/acme/orders/issues/7/comments',
      'GET /repos/acme/orders/issues/7/comments?per_page=100&page=1',
      'PATCH /repos/acme/orders/issues/comments/900',
    ]);
    expect(seen.every((r) => r.auth === 'Bearer test-token')).toBe(true);
    expect(seen[1]!.body!.body).toBe(first.stdout);
    // Links point at the PR head on the repository's server.
    expect(first.stdout).toContain('(https://github.test/acme/orders/blob/f00dfeed/.sentinel/DECISIONS.md#L3)');
  });
});
