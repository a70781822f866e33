// The requests gate against the real example service (a throwaway copy of examples/orders-service):
// it starts the service, sends requests/orders.http, checks statuses and contracts, stops the
// service and its children whatever happens, and hands the service's log to the logs gate.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeExampleCopy, parseJson, sentinel } from '../../scripts/example-copy.mjs';
import { FAULTS } from '../../scripts/faults.mjs';
import { makeTempRepo, runSentinel } from '../helpers/cli.js';

type Report = {
  gates: {
    gate: string;
    status: string;
    summary: string;
    diagnostics: { code: string; path?: string; line?: number; message: string }[];
    data: Record<string, unknown>;
  }[];
};
const alive = (marker: string): string => {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

describe('requests gate on the example service', () => {
  let copy: { root: string; cleanup: () => void };
  beforeAll(() => {
    copy = makeExampleCopy('sentinel-requests-test-');
  });
  afterAll(() => copy?.cleanup());

  it('sends create, fetch and a 404 and records status, timing and a redacted body', async () => {
    const result = await sentinel(copy.root, ['requests', '--json'], { timeoutMs: 180_000 });
    const json = parseJson(result, 'sentinel requests');
    expect(result.code, result.stdout).toBe(0);
    const records = json.data.requests as {
      method: string;
      url: string;
      status: number;
      expectedStatus: number;
      durationMs: number;
      body: string;
      ok: boolean;
      line: number;
    }[];
    expect(records.map((r) => [r.method, r.status, r.expectedStatus, r.ok, r.line])).toEqual([
      ['POST', 201, 201, true, 11],
      ['GET', 200, 200, true, 20],
      ['GET', 404, 404, true, 26],
    ]);
    // The fetch went to the order the create returned, on the port Sentinel picked.
    expect(records[1]!.url).toContain(JSON.parse(records[0]!.body).id);
    expect(new URL(records[0]!.url).hostname).toBe('127.0.0.1');
    expect(records.every((r) => r.durationMs >= 0)).toBe(true);
    expect(json.logs.status).toBe('ok');
    // Killed before the run returned; a loaded machine may still be tearing it down.
    await expect.poll(() => alive(`${copy.root}/server/src/server.ts`), { timeout: 20_000, interval: 100 }).toBe('');
  }, 200_000);

  it('a handler that now answers 500 fails the gate at the request line; the logs gate checks that run', async () => {
    FAULTS.find((f) => f.id === 'fetch-returns-500')!.plant(copy.root);
    const result = await sentinel(copy.root, ['check', '--only', 'requests,logs', '--json'], { timeoutMs: 180_000 });
    const report = parseJson(result, 'sentinel check') as Report;
    expect(result.code).toBe(1);
    const requests = report.gates.find((g) => g.gate === 'requests')!;
    expect(requests.status).toBe('fail');
    expect(requests.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([['REQUESTS_STATUS_MISMATCH', 'requests/orders.http', 20]]);
    expect(requests.diagnostics[0]!.message).toContain('returned 500, expected 200');
    const logs = report.gates.find((g) => g.gate === 'logs')!;
    const files = logs.data.files as { path: string; lines: number }[];
    expect(files.some((f) => f.path.includes('written by the service during the requests run') && f.lines > 0)).toBe(true);
  }, 200_000);
});

describe('requests gate: service lifecycle', () => {
  it('a service that never gets ready fails within the timeout, and its child processes are stopped too', async () => {
    const marker = `sentinel-child-${randomUUID()}`;
    const start = `node -e "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '${marker}'], { stdio: 'ignore' }); setInterval(() => {}, 1000)"`;
    const repo = makeTempRepo({
      '.sentinel/config.json': JSON.stringify({ version: 1, service: { start, readyUrl: 'http://127.0.0.1:{port}/health', readyTimeoutMs: 1500 } }),
      '.specify/specs/api/capsule.md':
        '# Capsule api@0123abcd\n\n## Goal\nAn API.\n\n## Required Outputs\n- `src/`\n\n## Acceptance Criteria\n- `sentinel requests` passes `api.http`\n\n## Allowed Context\n- `src/`\n\n## Router Notes\n- Lead: backender\n',
      'api.http': '# @expect 200\nGET {{baseUrl}}/health\n\n###\n# @expect 200\nGET https://example.com/\n',
    });
    try {
      const result = await runSentinel(['requests', '--json'], { cwd: repo.dir });
      const json = JSON.parse(result.stdout);
      expect(result.code).toBe(1);
      expect(json.diagnostics.map((d: { code: string }) => d.code)).toContain('REQUESTS_SERVICE_NOT_READY');
      await expect.poll(() => alive(marker), { timeout: 20_000, interval: 100 }).toBe('');
    } finally {
      repo.cleanup();
    }
  }, 120_000);

  it('never sends a request to a host other than the loopback service', async () => {
    const repo = makeTempRepo({
      '.sentinel/config.json': JSON.stringify({
        version: 1,
        service: {
          start: "node -e \"require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1')\"",
          readyUrl: 'http://127.0.0.1:{port}/',
          env: { PORT: '{port}' },
        },
      }),
      '.specify/specs/api/capsule.md':
        '# Capsule api@0123abcd\n\n## Goal\nAn API.\n\n## Required Outputs\n- `src/`\n\n## Acceptance Criteria\n- `sentinel requests` passes `api.http`\n\n## Allowed Context\n- `src/`\n\n## Router Notes\n- Lead: backender\n',
      'api.http': '# @expect 200\nGET {{baseUrl}}/\n\n###\n# @expect 200\nGET https://example.com/\n',
    });
    try {
      const result = await runSentinel(['requests', '--json'], { cwd: repo.dir });
      const json = JSON.parse(result.stdout);
      expect(json.data.requests.map((r: { status?: number; error?: string }) => r.status ?? r.error)).toEqual([200, 'not sent: not a loopback URL']);
      expect(json.diagnostics.map((d: { code: string; line: number }) => [d.code, d.line])).toEqual([['REQUESTS_NOT_LOOPBACK', 6]]);
    } finally {
      repo.cleanup();
    }
  }, 120_000);
});
