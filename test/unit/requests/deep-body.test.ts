import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capsule } from '../../../src/core/capsule/types.js';
import { TOO_DEEP } from '../../../src/core/requests/redact.js';
import { runRequests } from '../../../src/core/requests/run.js';
import { loadConfig } from '../../../src/core/workspace/config.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';

// A service whose answer nests 10,000 levels deep, with a secret at the bottom: the requests gate
// must report it, never overflow the stack (redaction, the contract check, chaining) or show the secret.
const SECRET = 'bottom-of-the-well-secret-4242';
const SERVER = `
const depth = 10000;
const deep = '{"a":'.repeat(depth) + '{"note":"${SECRET}"}' + '}'.repeat(depth);
require('http').createServer((q, s) => { q.resume(); q.on('end', () => s.end(q.url === '/health' ? 'ok' : deep)); }).listen(process.env.PORT, '127.0.0.1');
`;
const HTTP = `# @name deep
# @expect 200
# @schema tree.json
GET {{baseUrl}}/deep

###
# @expect 200
POST {{baseUrl}}/echo
Content-Type: application/json

{{deep.response.body.*}}
`;

let repo: TempRepo;
beforeAll(() => {
  repo = makeTempRepo({
    '.sentinel/config.json': JSON.stringify({
      version: 1,
      service: { start: 'node server.cjs', readyUrl: 'http://127.0.0.1:{port}/health', env: { PORT: '{port}' } },
    }),
    'server.cjs': SERVER,
    'api.http': HTTP,
    'tree.json': JSON.stringify({ type: 'object', properties: { a: { $ref: '#' } } }),
  });
});
afterAll(() => repo.cleanup());

describe('requests against a 10,000-deep response', () => {
  it('reports the body as too deep, masks what it could not walk, and refuses to chain it', async () => {
    const capsule = { slug: 'api', acceptanceCriteria: [{ text: 'passes `api.http`' }] } as unknown as Capsule;
    const run = await runRequests({ root: repo.dir, config: loadConfig(repo.dir), capsules: [capsule] });
    const { outcome } = run;
    expect(outcome.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['REQUESTS_BODY_TOO_DEEP', 4],
      ['REQUESTS_VARIABLE_INVALID', 8],
    ]);
    expect(outcome.status).toBe('fail');
    const records = (outcome.data as { requests: { body?: string; error?: string }[] }).requests;
    expect(records[0]!.body).toContain(TOO_DEEP);
    expect(records[1]!.error).toBe('not sent: its variables cannot be filled');
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
  }, 120_000);
});
