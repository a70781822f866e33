import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPathValue, parseHttpFile, substitute } from '../../../src/core/requests/http-file.js';
import { TOO_DEEP, redactBody, redactHeaders } from '../../../src/core/requests/redact.js';
import { MAX_DOCUMENT_DEPTH } from '../../../src/core/schema/bounded.js';
import { referencedRequestFiles } from '../../../src/core/requests/run.js';
import type { Capsule } from '../../../src/core/capsule/types.js';

const FILE = [
  '@baseUrl = http://127.0.0.1:3000',
  '',
  '### Create',
  '# @name create',
  '# @expect 201',
  '# @contract orders.v1',
  'POST {{baseUrl}}/orders',
  'Content-Type: application/json',
  '',
  '{"a": 1}',
  '',
  '',
  '###',
  '// @expect 200',
  'GET {{baseUrl}}/orders/{{create.response.body.$.id}} HTTP/1.1',
  '',
  '### bare URL is a GET',
  '# @expect status 404',
  '{{baseUrl}}/missing',
].join('\n');

describe('.http parser', () => {
  it('reads variables, separators, names, expectations, headers and bodies', () => {
    const parsed = parseHttpFile(FILE, 'r.http');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.variables).toEqual({ baseUrl: 'http://127.0.0.1:3000' });
    expect(parsed.requests).toEqual([
      {
        line: 7,
        title: 'Create',
        name: 'create',
        method: 'POST',
        url: '{{baseUrl}}/orders',
        headers: [['Content-Type', 'application/json']],
        body: '{"a": 1}',
        expect: { status: 201, contract: 'orders.v1' },
      },
      { line: 15, method: 'GET', url: '{{baseUrl}}/orders/{{create.response.body.$.id}}', headers: [], expect: { status: 200 } },
      { line: 19, title: 'bare URL is a GET', method: 'GET', url: '{{baseUrl}}/missing', headers: [], expect: { status: 404 } },
    ]);
  });

  it('reports a request without an expected status, a bad request line and a bad header, with lines', () => {
    const parsed = parseHttpFile(
      ['GET http://127.0.0.1/a', '###', '# @expect 200', 'FETCH me now please', '###', '# @expect 2xx', 'GET http://127.0.0.1/b', 'not a header'].join('\n'),
      'x.http',
    );
    expect(parsed.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['REQUESTS_EXPECT_MISSING', 1],
      ['REQUESTS_LINE_INVALID', 4],
      ['REQUESTS_EXPECT_INVALID', 6],
      ['REQUESTS_HEADER_INVALID', 8],
      ['REQUESTS_EXPECT_MISSING', 7],
    ]);
  });

  it('never throws, and every request it returns has a known method and a line inside the file', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom('###', '# @expect 200', 'GET http://127.0.0.1/x', 'POST {{baseUrl}}/y', 'A: b', '', '{"x":1}', '@v = 1'),
            fc.string({ maxLength: 30 }),
          ),
          { maxLength: 30 },
        ),
        (lines) => {
          const parsed = parseHttpFile(lines.join('\n'), 'p.http');
          for (const r of parsed.requests) {
            expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']).toContain(r.method);
            expect(r.line).toBeGreaterThan(0);
            expect(r.line).toBeLessThanOrEqual(lines.length);
          }
        },
      ),
    );
  });
});

describe('variables and chained responses', () => {
  it('fills file variables and earlier named responses; reports unknown ones', () => {
    const responses = new Map([['create', { body: { id: 'o-1', items: [{ sku: 'A' }] }, headers: { location: '/orders/o-1' } }]]);
    expect(substitute('{{base}}/orders/{{create.response.body.$.id}}/{{create.response.body.$.items[0].sku}}', { base: 'http://h' }, responses)).toEqual({
      text: 'http://h/orders/o-1/A',
      unknown: [],
      problems: [],
    });
    expect(substitute('{{create.response.headers.Location}}', {}, responses).text).toBe('/orders/o-1');
    expect(substitute('{{nope}} {{other.response.body.$.id}}', {}, responses).unknown).toEqual(['nope', 'other.response.body.$.id']);
    expect(jsonPathValue({ a: [1, { b: 2 }] }, '$.a[1].b')).toBe(2);
  });

  it('reports an unknown reference inside a file variable, not only at the top', () => {
    expect(substitute('{{url}}/x', { url: '{{base}}/api' }, new Map())).toEqual({ text: '{{base}}/api/x', unknown: ['base'], problems: [] });
  });

  it('a variable that refers to itself, a 10,000-long chain, an expansion bomb and a 10,000-deep response are problems, not a crash', () => {
    const cycle = substitute('{{a}}', { a: 'x{{b}}', b: '{{a}}' }, new Map());
    expect(cycle.problems).toEqual(['{{a}} refers to itself (a → b → a)']);
    const chain = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`v${i}`, `{{v${i + 1}}}`]));
    expect(substitute('{{v0}}', chain, new Map()).problems).toEqual([`{{v0}} expands variables more than ${MAX_DOCUMENT_DEPTH} levels deep`]);
    const bomb = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`b${i}`, `{{b${i + 1}}}{{b${i + 1}}}`]));
    bomb.b40 = 'xxxxxxxx';
    const bombed = substitute('{{b0}}', bomb, new Map());
    expect(bombed.problems).toEqual(['{{b0}} expands to more than 1048576 characters']);
    expect(bombed.text.length).toBeLessThan(4 << 20);
    expect(substitute('{{b0}}', { ...bomb, b40: '' }, new Map()).problems).toEqual(['{{b0}} expands to more than 1048576 characters']);
    const deep = JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect(substitute('{{r.response.body.*}}', {}, new Map([['r', { body: deep, headers: {} }]])).problems).toEqual([
      `{{r.response.body.*}} nests deeper than ${MAX_DOCUMENT_DEPTH} levels`,
    ]);
  });
});

describe('evidence redaction', () => {
  it('masks sensitive keys at any depth and caps the size', () => {
    expect(redactBody({ id: 1, token: 'abc', nested: [{ Password: 'p', client_secret: 's', api_key: 'k' }] })).toBe(
      '{"id":1,"token":"[REDACTED]","nested":[{"Password":"[REDACTED]","client_secret":"[REDACTED]","api_key":"[REDACTED]"}]}',
    );
    expect(redactHeaders({ 'set-cookie': 'sid=1', 'content-type': 'text/plain' })).toEqual({ 'set-cookie': '[REDACTED]', 'content-type': 'text/plain' });
    expect(redactBody('x'.repeat(5000)).length).toBeLessThan(2100);
  });

  it('a body nested 10,000 deep is redacted without overflowing, and nothing past the depth limit is shown', () => {
    const secret = 'deep-secret-value-1234';
    const deep = JSON.parse(`${'{"a":'.repeat(10_000)}{"note":"${secret}"}${'}'.repeat(10_000)}`);
    const shown = redactBody(deep);
    expect(shown).not.toContain(secret);
    expect(shown).toContain(TOO_DEEP);
    const wide = JSON.parse(redactBody({ list: [[[{ password: 'p' }]]], id: 7 }));
    expect(wide).toEqual({ list: [[[{ password: '[REDACTED]' }]]], id: 7 });
  });

  it('masks every name the secret-name rule knows, as the output redactor does (credential, session, dsn…)', () => {
    const body = {
      credentials: 'c',
      session_id: 's',
      sentry_dsn: 'd',
      authorization: 'a',
      'X-Auth-Token': 't',
      cvv: '1',
      author: 'Ada',
      key: 'k',
      creditCardNumber: 'n',
      needs_notification: true,
      bypass_warning: 'w',
    };
    expect(JSON.parse(redactBody(body))).toEqual({
      credentials: '[REDACTED]',
      session_id: '[REDACTED]',
      sentry_dsn: '[REDACTED]',
      authorization: '[REDACTED]',
      'X-Auth-Token': '[REDACTED]',
      cvv: '[REDACTED]',
      author: 'Ada',
      key: '[REDACTED]',
      creditCardNumber: '[REDACTED]',
      needs_notification: true,
      bypass_warning: 'w',
    });
    expect(redactHeaders({ 'x-api-key': 'k', 'Idempotency-Key': 'i', 'proxy-authorization': 'p', accept: 'json' })).toEqual({
      'x-api-key': '[REDACTED]',
      'Idempotency-Key': '[REDACTED]',
      'proxy-authorization': '[REDACTED]',
      accept: 'json',
    });
  });
});

describe('capsule references', () => {
  it('finds .http files in acceptance criteria, once per file, with every capsule naming it', () => {
    const capsule = (slug: string, items: string[]) => ({ slug, acceptanceCriteria: items.map((text) => ({ text, line: 1 })) }) as unknown as Capsule;
    const found = referencedRequestFiles([
      capsule('a', ['`sentinel requests` passes `requests/orders.http`', 'npm test passes']),
      capsule('b', ['./requests/orders.http and api/health.rest pass']),
    ]);
    expect([...found]).toEqual([
      ['requests/orders.http', ['a', 'b']],
      ['api/health.rest', ['b']],
    ]);
  });
});
