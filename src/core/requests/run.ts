import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Capsule } from '../capsule/types.js';
import { envWithLocalBins, outputTail } from '../commands/process.js';
import { error, info, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { GateOutcome } from '../gates/types.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { checkInside } from '../workspace/paths.js';
import { bodyChecker } from './body-check.js';
import { parseHttpFile, substitute, type HttpRequestSpec, type NamedResponses } from './http-file.js';
import { redactBody, redactHeaders } from './redact.js';
import { freePort, startService, waitReady } from './service.js';

/** One request as sent and answered: what the evidence keeps. */
export interface RequestRecord {
  file: string;
  line: number;
  name?: string;
  method: string;
  url: string;
  expectedStatus?: number;
  status?: number;
  durationMs: number;
  ok: boolean;
  contract?: string;
  responseHeaders?: Record<string, string>;
  /** Redacted, at most 2 KiB. */
  body?: string;
  /** The raw body, for the contract check only; dropped before the result is returned. */
  bodyRaw?: string;
  error?: string;
}

export interface RequestsRun {
  outcome: GateOutcome;
  /** What the service logged during the run, for the logs gate. */
  serviceLogs: { label: string; text: string }[];
}

const HTTP_FILE = /[\w./-]+\.(?:http|rest)\b/g;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** `.http` files each capsule's acceptance criteria point at → the capsules naming them. */
export function referencedRequestFiles(capsules: readonly Capsule[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const capsule of capsules) {
    const id = capsule.slug ?? capsule.id ?? capsule.file ?? '?';
    for (const item of capsule.acceptanceCriteria) {
      for (const match of item.text.replace(/`/g, ' ').matchAll(HTTP_FILE)) {
        const file = match[0].replace(/^\.\//, '');
        out.set(file, [...new Set([...(out.get(file) ?? []), id])]);
      }
    }
  }
  return out;
}

/** root and its parents: npm workspaces hoist binaries to an ancestor's node_modules/.bin, as `npm run` finds them. */
function ancestors(root: string): string[] {
  const out = [root];
  for (let dir = path.dirname(root); dir !== out[out.length - 1]; dir = path.dirname(dir)) out.push(dir);
  return out;
}

const fill = (text: string, values: Record<string, string>): string => text.replace(/\{(port|runDir)\}/g, (_, key: string) => values[key]!);

interface RequestsInput {
  root: string;
  config: SentinelConfig;
  capsules: readonly Capsule[];
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

/** The requests gate: start the service, send every referenced request, check status and body, stop it. */
export async function runRequests(input: RequestsInput): Promise<RequestsRun> {
  const { root, config } = input;
  const referenced = referencedRequestFiles(input.capsules);
  const none = (summary: string, diagnostics: Diagnostic[] = []): RequestsRun => ({
    outcome: { status: 'skipped', diagnostics, data: { requests: [] }, summary },
    serviceLogs: [],
  });
  if (referenced.size === 0) return none('no capsule acceptance criterion names a .http file');
  const diagnostics: Diagnostic[] = [];
  const files: { file: string; capsules: string[]; requests: HttpRequestSpec[]; variables: Record<string, string> }[] = [];
  for (const [file, capsules] of referenced) {
    const inside = checkInside(root, file);
    let text: string | undefined;
    try {
      text = inside.ok ? readFileSync(inside.absolute, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      diagnostics.push(
        error('REQUESTS_FILE_MISSING', `${file} (named by ${capsules.join(', ')}) does not exist`, {
          path: file,
          fix: `Write ${file} with one "# @expect <status>" request per case, or fix the path in the acceptance criterion`,
        }),
      );
      continue;
    }
    const parsed = parseHttpFile(text, file);
    diagnostics.push(...parsed.diagnostics);
    files.push({ file, capsules, requests: parsed.requests, variables: parsed.variables });
  }
  const service = config.service;
  if (!service.start || !service.readyUrl) {
    diagnostics.push(
      error('REQUESTS_NO_SERVICE', 'service.start and service.readyUrl are not configured, so the requests cannot run', {
        path: '.sentinel/config.json',
        fix: 'Add "service": {"start": "npm start", "readyUrl": "http://127.0.0.1:{port}/health", "env": {"PORT": "{port}"}} to .sentinel/config.json',
      }),
    );
    return {
      outcome: { status: 'fail', diagnostics: sortDiagnostics(diagnostics), data: { requests: [] }, summary: 'no service configured' },
      serviceLogs: [],
    };
  }
  const runDir = mkdtempSync(path.join(tmpdir(), 'sentinel-requests-'));
  const values = { port: String(await freePort()), runDir };
  const readyUrl = fill(service.readyUrl, values);
  const env = { ...envWithLocalBins(ancestors(root)), ...Object.fromEntries(Object.entries(service.env).map(([k, v]) => [k, fill(v, values)])) };
  const records: RequestRecord[] = [];
  const serviceLogs: RequestsRun['serviceLogs'] = [];
  let running: ReturnType<typeof startService> | undefined;
  let readiness: Awaited<ReturnType<typeof waitReady>> | undefined;
  try {
    running = startService(fill(service.start, values), root, env);
    input.onProgress?.(`starting the service (${service.start})`);
    readiness = await waitReady(running, readyUrl, service.readyTimeoutMs, input.signal);
    if (!readiness.ready) {
      diagnostics.push(
        error('REQUESTS_SERVICE_NOT_READY', `The service did not get ready: ${readiness.reason}\n${outputTail(running.output(), 15)}`, {
          path: '.sentinel/config.json',
          fix: `Check that \`${service.start}\` starts the service on the port in {port} and that ${service.readyUrl} answers 2xx; raise service.readyTimeoutMs if it is just slow`,
        }),
      );
    } else {
      const origin = new URL(readyUrl).origin;
      const check = bodyChecker(root, config);
      for (const entry of files) {
        const responses: NamedResponses = new Map();
        const variables = { ...entry.variables, baseUrl: origin, host: new URL(readyUrl).host, port: values.port };
        for (const spec of entry.requests) {
          input.onProgress?.(`${spec.method} ${spec.url}`);
          const record = await send(entry.file, spec, variables, responses, service.requestTimeoutMs, diagnostics);
          if (record.ok && record.status !== undefined) diagnostics.push(...(await check(entry.file, spec, record)));
          record.ok = record.ok && !diagnostics.some((d) => d.path === entry.file && d.line === spec.line && d.severity === 'error');
          delete record.bodyRaw;
          records.push(record);
        }
      }
    }
  } finally {
    await running?.stop();
    for (const log of service.logFiles) {
      const file = fill(log, values);
      try {
        serviceLogs.push({
          label: `${log.replace('{runDir}', '<run>')} (written by the service during the requests run)`,
          text: readFileSync(path.resolve(root, file), 'utf8'),
        });
      } catch {
        /* the service wrote no log there */
      }
    }
    rmSync(runDir, { recursive: true, force: true });
  }
  const failed = records.filter((r) => !r.ok).length;
  const data = {
    service: { start: service.start, readyUrl: service.readyUrl, readyMs: readiness?.waitedMs },
    files: files.map((f) => ({ file: f.file, capsules: f.capsules })),
    requests: records,
  };
  const hasError = diagnostics.some((d) => d.severity === 'error');
  if (!hasError && records.length === 0)
    diagnostics.push(
      info('REQUESTS_NONE', 'The referenced .http files hold no request', { fix: 'Add requests ("POST {{baseUrl}}/orders" with "# @expect 201" above it)' }),
    );
  const summary = readiness?.ready
    ? `${records.length - failed}/${records.length} request(s) answered as expected (service ready in ${readiness.waitedMs} ms)`
    : 'the service did not start';
  return { outcome: { status: hasError ? 'fail' : 'ok', diagnostics: sortDiagnostics(diagnostics), data, summary }, serviceLogs };
}

async function send(
  file: string,
  spec: HttpRequestSpec,
  variables: Record<string, string>,
  responses: NamedResponses,
  timeoutMs: number,
  diagnostics: Diagnostic[],
): Promise<RequestRecord> {
  const where = { path: file, line: spec.line };
  const url = substitute(spec.url, variables, responses);
  const headers = spec.headers.map(([k, v]) => [k, substitute(v, variables, responses)] as const);
  const body = spec.body === undefined ? undefined : substitute(spec.body, variables, responses);
  const record: RequestRecord = {
    file,
    line: spec.line,
    method: spec.method,
    url: url.text,
    durationMs: 0,
    ok: false,
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.expect.status ? { expectedStatus: spec.expect.status } : {}),
    ...(spec.expect.contract ? { contract: spec.expect.contract } : {}),
  };
  const unknown = [...url.unknown, ...headers.flatMap(([, h]) => h.unknown), ...(body?.unknown ?? [])];
  if (unknown.length) {
    record.error = `unknown variable(s) ${unknown.join(', ')}`;
    diagnostics.push(
      error('REQUESTS_VARIABLE_UNKNOWN', `${spec.method} ${spec.url}: {{${unknown.join('}}, {{')}}} is not defined`, {
        ...where,
        fix: 'Define it with "@name = value" at the top of the file, name the earlier request with "# @name", or use {{baseUrl}}',
      }),
    );
    return record;
  }
  const problems = [...url.problems, ...headers.flatMap(([, h]) => h.problems), ...(body?.problems ?? [])];
  if (problems.length) {
    record.error = 'not sent: its variables cannot be filled';
    diagnostics.push(
      error('REQUESTS_VARIABLE_INVALID', `${spec.method} ${spec.url}: ${problems.join('; ')}`, {
        ...where,
        fix: 'Give each "@name = value" a plain value or a reference to another variable, without loops, and refer to a part of a response rather than all of a deep one',
      }),
    );
    return record;
  }
  let target: URL;
  try {
    target = new URL(url.text);
  } catch {
    record.error = 'not a URL';
    diagnostics.push(error('REQUESTS_URL_INVALID', `${spec.method} ${url.text} is not an absolute URL`, { ...where, fix: 'Start the URL with {{baseUrl}}' }));
    return record;
  }
  if (!LOOPBACK.has(target.hostname) || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    record.error = 'not sent: not a loopback URL';
    diagnostics.push(
      error('REQUESTS_NOT_LOOPBACK', `${spec.method} ${url.text} does not go to the local service; requests only go to 127.0.0.1`, {
        ...where,
        fix: 'Use {{baseUrl}} (the service Sentinel started) instead of a remote host',
      }),
    );
    return record;
  }
  const started = performance.now();
  try {
    const response = await fetch(target, {
      method: spec.method,
      headers: headers.map(([k, v]) => [k, v.text]),
      ...(body ? { body: body.text } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    record.durationMs = Math.round(performance.now() - started);
    record.status = response.status;
    const responseHeaders = Object.fromEntries(response.headers);
    record.responseHeaders = redactHeaders(responseHeaders);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    record.body = redactBody(parsed);
    record.bodyRaw = text;
    if (spec.name) responses.set(spec.name, { body: parsed, headers: responseHeaders });
    record.ok = spec.expect.status === undefined || response.status === spec.expect.status;
    if (!record.ok) {
      diagnostics.push(
        error(
          'REQUESTS_STATUS_MISMATCH',
          `${spec.method} ${target.pathname}${target.search} returned ${response.status}, expected ${spec.expect.status}: ${record.body.slice(0, 300)}`,
          {
            ...where,
            fix: `Make the service answer ${spec.expect.status} (its log lines from this run are checked by the logs gate), or change "# @expect" if the new status is intended`,
          },
        ),
      );
    }
  } catch (err) {
    record.durationMs = Math.round(performance.now() - started);
    record.error = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err as Error).message;
    diagnostics.push(
      error('REQUESTS_NO_RESPONSE', `${spec.method} ${target.pathname}: ${record.error}`, {
        ...where,
        fix: 'Check the service output; raise service.requestTimeoutMs if the request is just slow',
      }),
    );
  }
  return record;
}
