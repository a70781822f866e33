// `capsule done` on a capsule that breaks the three playbook gates at once — a raw fetch in a route
// (boundaries), a request the running service answers 500 (requests), a commit without trailers
// (commits) — keeps each gate's diagnostics and what it ran in the evidence file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type RunResult, type TempRepo } from '../helpers/cli.js';
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
  '- `server.mjs`',
  '',
  '## Acceptance Criteria',
  '- `sentinel requests` passes `requests/orders.http`: a known order (200) and an unknown one (404)',
  '',
  '## Allowed Context',
  '- `server/src/`',
  '',
  '## Router Notes',
  '- Lead: backender',
  '- Decision: D-0001',
  '',
].join('\n');

// The unknown order crashes the handler: 500 where the .http file expects 404.
const server = `import http from 'node:http';
http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.url === '/orders/1') { res.setHeader('content-type', 'application/json'); return res.end(JSON.stringify({ id: '1', token: 'abc' })); }
  res.statusCode = 500;
  res.end('boom');
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

const requests = '### Known order\n# @expect 200\nGET {{baseUrl}}/orders/1\n\n### Unknown order\n# @expect 404\nGET {{baseUrl}}/orders/2\n';

let repo: TempRepo;
let done: RunResult;
let record: any;

beforeAll(async () => {
  repo = makeTempRepo({ 'README.md': '# orders\n' });
  expect((await runSentinel(['init'], { cwd: repo.dir })).code).toBe(0);
  const configFile = path.join(repo.dir, '.sentinel/config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.service = { start: 'node server.mjs', readyUrl: 'http://127.0.0.1:{port}/health', env: { PORT: '{port}' } };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  repo.write({
    '.specify/specs/orders-api/capsule.md': capsule,
    'server.mjs': server,
    'requests/orders.http': requests,
    '.gitignore': '.sentinel/state/\n.sentinel/evidence/\n',
  });
  repo.commit('orders-api capsule and service');
  // Routing records the diff base: the capsule's work is what comes after it.
  const routed = await runInProcess(['route', 'orders-api'], { cwd: repo.dir });
  expect(routed.code, routed.stderr).toBe(0);
  // The work, committed on a branch with plain `git commit` (no hook): no Sentinel-Capsule trailer.
  repo.git('switch', '-q', '-c', 'work');
  repo.write({ 'server/src/routes/orders.ts': "export async function notify(id: string) {\n  await fetch('https://hooks.example/orders/' + id);\n}\n" });
  repo.commit('notify on new orders');
  const verify = await runInProcess(['capsule', 'phase', 'orders-api', 'VERIFY'], { cwd: repo.dir });
  expect(verify.code, verify.stderr).toBe(0);
  done = await runInProcess(['capsule', 'done', 'orders-api', '--json'], { cwd: repo.dir, timeoutMs: 180_000 });
  record = JSON.parse(readFileSync(path.join(repo.dir, done.json().evidenceFile), 'utf8'));
}, 240_000);
afterAll(() => repo?.cleanup());

const gate = (name: string) => record.gates.find((g: { gate: string }) => g.gate === name);
const codes = (name: string) => gate(name).diagnostics.map((d: { code: string; path?: string; line?: number }) => [d.code, d.path, d.line]);

describe('capsule done evidence for the playbook gates', () => {
  it('fails the capsule on all three gates and keeps it in progress', () => {
    expect(done.code).toBe(1);
    expect(done.json()).toMatchObject({ ok: false, status: 'in_progress' });
    expect(done.json().failed).toEqual(expect.arrayContaining(['boundaries', 'requests', 'commits']));
    expect(record).toMatchObject({ slug: 'orders-api', outcome: 'failed' });
  });

  it('boundaries: the raw fetch, where it is, and the scan behind it', () => {
    expect(gate('boundaries').status).toBe('fail');
    expect(codes('boundaries')).toEqual([['BOUNDARY_NETWORK_CALL', 'server/src/routes/orders.ts', 2]]);
    expect(gate('boundaries').diagnostics[0].fix).not.toBe('');
    expect(gate('boundaries').data).toMatchObject({
      scope: 'changed',
      scanned: 1,
      findings: [expect.objectContaining({ path: 'server/src/routes/orders.ts', line: 2 })],
    });
  });

  it('requests: the 500, and each request with status, timing and a redacted body', () => {
    expect(gate('requests').status).toBe('fail');
    expect(codes('requests')).toEqual([['REQUESTS_STATUS_MISMATCH', 'requests/orders.http', 7]]);
    const sent = gate('requests').data.requests;
    expect(sent.map((r: { method: string; expectedStatus: number; status: number; ok: boolean }) => [r.method, r.expectedStatus, r.status, r.ok])).toEqual([
      ['GET', 200, 200, true],
      ['GET', 404, 500, false],
    ]);
    for (const r of sent) expect(r.durationMs).toEqual(expect.any(Number));
    expect(sent[0].body).toContain('[REDACTED]');
    expect(sent[0].body).not.toContain('abc');
    expect(gate('requests').data.service).toMatchObject({ start: 'node server.mjs' });
  });

  it('commits: the commit without its trailer, and the commits read', () => {
    expect(gate('commits').status).toBe('fail');
    expect(codes('commits')).toEqual([['COMMITS_TRAILER_MISSING', 'server/src/routes/orders.ts', undefined]]);
    expect(gate('commits').diagnostics[0].message).toContain('"notify on new orders"');
    expect(gate('commits').data.commits).toEqual([expect.objectContaining({ subject: 'notify on new orders', capsules: [] })]);
  });

  it('keeps no data for gates whose data is not evidence', () => {
    expect(gate('scope')).not.toHaveProperty('data');
  });

  it('pr body reads it: the failed request criterion, and distrust once the file is edited', async () => {
    const before = (await runInProcess(['pr', 'body', '--json'], { cwd: repo.dir })).json();
    expect(before.capsules[0].source).toMatchObject({ kind: 'evidence', file: done.json().evidenceFile, outcome: 'failed' });
    expect(before.capsules[0].source.doubt).toBeUndefined();
    expect(before.capsules[0].acceptance[0]).toMatchObject({ status: 'failed', proof: 'requests: 1/2 of requests/orders.http answered as expected' });
    // Someone "fixes" the evidence by hand: the state still holds the statuses the referee saw.
    const file = path.join(repo.dir, done.json().evidenceFile);
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.gates = edited.gates.map((g: { gate: string }) => (g.gate === 'requests' ? { ...g, status: 'ok', data: { requests: [] } } : g));
    writeFileSync(file, JSON.stringify(edited));
    const after = await runInProcess(['pr', 'body'], { cwd: repo.dir });
    expect(after.stdout).toContain('⚠️ **Not trusted**: its gate statuses differ from the ones the state recorded (requests)');
  });
});
