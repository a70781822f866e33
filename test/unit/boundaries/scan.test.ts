import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsNetworkCalls } from '../../../src/core/boundaries/js-scan.js';
import { goNetworkCalls, pyNetworkCalls } from '../../../src/core/boundaries/py-go-scan.js';

const callees = (text: string) => jsNetworkCalls(text).map((c) => c.callee);

describe('JS/TS scanner', () => {
  it('finds global fetch and calls through import aliases, namespaces, defaults and require', () => {
    const src = [
      "import { request as r, STATUS_CODES } from 'node:https';",
      "import * as http from 'node:http';",
      "import axios, { get } from 'axios';",
      'export async function go(url: string) {',
      '  r(url);',
      '  http.get(url);',
      '  await fetch(url);',
      '  axios.post(url, {});',
      '  get(url);',
      '  globalThis.fetch(url);',
      '  return STATUS_CODES[404];',
      '}',
      "const g = require('got'); g(url);",
      "const { request: rq } = require('node:http'); rq(url);",
    ].join('\n');
    expect(jsNetworkCalls(src).map((c) => [c.line, c.callee, c.module])).toEqual([
      [5, 'request (as r)', 'node:https'],
      [6, 'http.get', 'node:http'],
      [7, 'fetch', 'global'],
      [8, 'axios.post', 'axios'],
      [9, 'get', 'axios'],
      [10, 'globalThis.fetch', 'global'],
      [13, 'g', 'got'],
      [14, 'request (as rq)', 'node:http'],
    ]);
  });

  it('counts dynamic import() and re-exports of network modules', () => {
    expect(callees("const { request } = await import('undici');")).toEqual(["import('undici')"]);
    expect(callees("export { request as send } from 'node:https';")).toEqual(["export { request } from 'node:https'"]);
    expect(callees("const m = await import('./local.js'); m.fetch(x);")).toEqual([]);
  });

  it('ignores comments, strings, templates, server APIs, type-only imports, methods and local definitions', () => {
    const src = [
      "import type { IncomingMessage } from 'node:http';",
      "import { createServer, STATUS_CODES } from 'node:http';",
      '// fetch(url)',
      '/* axios.get(url) */',
      'const s = "fetch(\'x\')";',
      'const t = `fetch(${u})`;',
      'createServer(handler);',
      'class Repo { async fetch(id: string): Promise<void> { return; } }',
      'repo.fetch(1);',
      'const ratio = a / b / c;',
    ].join('\n');
    expect(jsNetworkCalls(src)).toEqual([]);
    expect(callees('function fetch(x) { return x; }\nfetch(1);')).toEqual([]);
  });

  it('never throws and never reports a call that only appears inside a comment', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        jsNetworkCalls(text);
        expect(jsNetworkCalls(`/* ${text.replace(/\*\//g, '')} */`)).toEqual([]);
      }),
    );
  });
});

describe('Python scanner', () => {
  it('follows import aliases and from-imports; skips strings and comments', () => {
    const src = [
      'import requests as rq',
      'from urllib.request import urlopen as uo',
      'import urllib.request, httpx',
      "# requests.get('x')",
      's = "requests.get(1)"',
      'rq.get(url)',
      'uo(url)',
      'urllib.request.urlopen(url)',
      'with httpx.Client() as c: c.get(u)',
      'import json; json.loads(s)',
    ].join('\n');
    expect(pyNetworkCalls(src).map((c) => [c.line, c.callee])).toEqual([
      [6, 'rq.get'],
      [7, 'uo'],
      [8, 'urllib.request.urlopen'],
      [9, 'httpx.Client'],
    ]);
  });
});

describe('Go scanner', () => {
  it('finds net/http client calls and Client literals under any alias; not handlers or types', () => {
    const src = [
      'package x',
      'import (',
      '  "fmt"',
      '  h "net/http"',
      ')',
      '// h.Get("x")',
      'func f(c *h.Client) {',
      '  resp, _ := h.Get(u)',
      '  c2 := &h.Client{}',
      '  h.HandleFunc("/", nil)',
      '  s := "h.Post(1)"',
      '}',
    ].join('\n');
    expect(goNetworkCalls(src).map((c) => [c.line, c.callee])).toEqual([
      [8, 'h.Get'],
      [9, 'h.Client{}'],
    ]);
    expect(goNetworkCalls('package x\nimport "net/http"\nfunc g() { http.Post(u, "", nil) }')).toHaveLength(1);
  });
});
