import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildBoard } from '../../core/ui/board.js';
import { buildCapsuleDetail } from '../../core/ui/capsule-view.js';
import { UiSource } from '../../core/ui/source.js';
import { buildChecks, buildGraph, buildHistory, buildLedger, buildRoster } from '../../core/ui/views.js';
import { usageError } from '../../core/errors.js';
import type { Redactor } from '../../core/secrets/redact.js';
import type { SentinelConfig } from '../../core/workspace/config-types.js';
import { CheckRunner } from './check-runner.js';
import { actionRefusal, allowedHosts, hostAllowed } from './guard.js';
import { readPage, type PageFiles } from './page.js';
import { fileSnippet } from './snippet.js';
import { watchedFolders, watchWorkspace } from './watch.js';

interface UiServerOptions {
  root: string;
  config: SentinelConfig;
  host: string;
  port: number;
  token: string;
  /** Watch the workspace and push changes (off in tests that drive refreshes themselves). */
  watch?: boolean;
  page?: PageFiles;
  /** The one redactor (core/secrets/redact.ts): everything the page receives passes it. */
  redact?: Redactor;
}

interface UiServer {
  url: string;
  /** The URL with the token: the one to open. */
  openUrl: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Raw JSON text: a memoised view is serialised once, not per request. */
class JsonText {
  constructor(readonly text: string) {}
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(value instanceof JsonText ? value.text : JSON.stringify(value));
}

const notFound = (res: ServerResponse, message: string) => sendJson(res, 404, { error: { code: 'UI_NOT_FOUND', message } });

/** Start the board's HTTP server. A port in use is a usage error that says what to do. */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const page = options.page ?? readPage();
  const redactValue = <T>(value: T): T => (options.redact ? options.redact.value(value) : value);
  /** Every answer with workspace content goes through the redactor (memoised views once per change). */
  const reply = (res: ServerResponse, status: number, value: unknown) => sendJson(res, status, value instanceof JsonText ? value : redactValue(value));
  const source = new UiSource(options.root, options.config);
  const clients = new Set<ServerResponse>();
  const broadcast = (event: string, data: unknown) => {
    for (const res of clients) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const runner = new CheckRunner(
    options.root,
    options.config,
    () => broadcast('change', { paths: [], check: true }),
    (value) => redactValue(value),
  );
  let hosts = allowedHosts(options.host, options.port);

  // While the watcher runs, a view is rebuilt only after a change was reported (1,000 capsules:
  // no re-stat of every file per request). Without it, every request reads the disk.
  const watching = options.watch !== false;
  const memo = new Map<string, { generation: number; value: Promise<unknown> }>();
  const cached = (key: string, build: () => Promise<unknown>): Promise<unknown> => {
    if (!watching) return build();
    const hit = memo.get(key);
    if (hit && hit.generation === source.generation) return hit.value;
    const value = build().then((built) => (built === undefined ? undefined : new JsonText(JSON.stringify(redactValue(built)))));
    memo.set(key, { generation: source.generation, value });
    value.catch(() => memo.delete(key));
    return value;
  };

  const views: Record<string, () => Promise<unknown>> = {
    '/api/board': () => cached('board', () => buildBoard(source)),
    '/api/ledger': () => cached('ledger', () => buildLedger(source)),
    '/api/roster': () => cached('roster', () => buildRoster(source)),
    '/api/graph': () => cached('graph', () => buildGraph(source)),
    '/api/checks': async () => ({ ...(await buildChecks(source, runner.results)), running: runner.busy ?? null }),
    '/api/history': () => cached('history', () => buildHistory(source)),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, hosts)) return sendJson(res, 403, { error: { code: 'UI_HOST', message: `Unexpected Host header ${String(req.headers.host)}` } });
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const route = url.pathname;
    if (req.method === 'POST') {
      const match = /^\/api\/check\/([^/]+)$/.exec(route);
      if (!match) return notFound(res, `No action at ${route}`);
      const refusal = actionRefusal(req, url, options.token, hosts);
      if (refusal) return sendJson(res, refusal.status, { error: { code: refusal.code, message: refusal.message } });
      req.resume();
      return runner.run(decodeURIComponent(match[1]!), res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD, POST' });
      return void res.end();
    }
    const asset = page.assets[route === '/' ? '/index.html' : route];
    if (asset) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type, 'content-security-policy': CSP, 'cache-control': 'no-cache' });
      return void res.end(req.method === 'HEAD' ? undefined : asset.body);
    }
    if (route === '/api/events') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const view = views[route];
    if (view) return reply(res, 200, await view());
    const capsule = /^\/api\/capsule\/([^/]+)$/.exec(route);
    if (capsule) {
      const slug = decodeURIComponent(capsule[1]!);
      const detail = await cached(`capsule:${slug}`, () => buildCapsuleDetail(source, slug));
      return detail ? reply(res, 200, detail) : notFound(res, `No capsule or state named "${slug}"`);
    }
    if (route === '/api/file') {
      // Source text is more than the board shows: it needs the token, like the action.
      const refusal = actionRefusal(req, url, options.token, hosts);
      if (refusal && refusal.code === 'UI_TOKEN') return sendJson(res, 403, { error: { code: refusal.code, message: refusal.message } });
      // Forbidden paths (.env, keys, the context limits' forbiddenPaths) are refused; the rest is
      // redacted whole before it is cut into lines, then once more like every answer.
      const redactText = (text: string) => (options.redact ? options.redact.text(text) : text);
      const snippet = fileSnippet(options.root, options.config, url.searchParams.get('path') ?? '', Number(url.searchParams.get('line') ?? '1'), redactText);
      return snippet.ok ? reply(res, 200, snippet) : sendJson(res, snippet.status, { error: { code: snippet.code, message: snippet.message } });
    }
    return notFound(res, `Nothing at ${route}`);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.end();
      sendJson(res, 500, { error: { code: 'UI_INTERNAL', message: err instanceof Error ? err.message : String(err) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          usageError('UI_PORT_IN_USE', `Port ${options.port} on ${options.host} is already in use`, {
            fix: `Stop what listens there, or pick another port: \`sentinel ui --port ${options.port + 1}\` (--port 0 picks a free one)`,
          }),
        );
      } else if (err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
        reject(
          usageError('UI_LISTEN', `Cannot listen on ${options.host}:${options.port} (${err.code})`, {
            fix: 'Use a port above 1024 and a local address such as 127.0.0.1',
          }),
        );
      } else reject(err);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(options.host, port);
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost}:${port}/`;

  // Read the workspace once now, so the first page load finds the board built.
  if (watching) void views['/api/board']!().catch(() => undefined);
  const watcher = !watching
    ? undefined
    : watchWorkspace(options.root, watchedFolders(options.config), (paths) => {
        source.invalidate(paths);
        broadcast('change', { paths });
      });
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  return {
    url,
    openUrl: `${url}?token=${options.token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        watcher?.close();
        clearInterval(heartbeat);
        for (const res of clients) res.end();
        clients.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
