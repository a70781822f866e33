// `sentinel ui` over plain HTTP: start-up, the port-in-use error, and every refusal of the one
// action (token, Origin, Sec-Fetch-Site, Host). The browser flows are in ui-browser.test.ts.
import { createServer, type Server } from 'node:net';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeExampleCopy, REPO_ROOT } from '../../scripts/example-copy.mjs';
import { runSentinel } from '../helpers/cli.js';
import { startUi, type RunningUi } from '../helpers/ui-server.js';

/** A raw request, so Host/Origin/Sec-Fetch-* can be set as a browser (or an attacker) would. */
function call(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sentinel ui (HTTP)', () => {
  let copy: { root: string; cleanup: () => void };
  let ui: RunningUi;
  let token: string;
  beforeAll(async () => {
    copy = makeExampleCopy('sentinel-ui-http-');
    ui = await startUi(copy.root);
    token = new URL(ui.openUrl).searchParams.get('token')!;
  });
  afterAll(async () => {
    await ui?.stop();
    copy?.cleanup();
  });

  it('binds to 127.0.0.1 and prints the URL with a fresh token', () => {
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(token).toMatch(/^[\w-]{32}$/);
  });

  it('serves the built page with a strict content security policy', async () => {
    const page = await call(ui.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/app.js" defer></script>');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const script = await call(`${ui.url}app.js`);
    expect(script.status).toBe(200);
    expect(script.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing fetched from the network
  });

  it('answers the board as JSON from the example workspace', async () => {
    const board = JSON.parse((await call(`${ui.url}api/board`)).body);
    expect(board.capsules).toBe(5);
    const done = board.columns.find((c: { column: string }) => c.column === 'done');
    expect(done.cards.map((c: { slug: string }) => c.slug).sort()).toEqual(['orders-api', 'orders-logging', 'orders-sentinels']);
  });

  it('refuses the check action without the token', async () => {
    const res = await call(`${ui.url}api/check/orders-api`, { method: 'POST', headers: { origin: ui.url.slice(0, -1), 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('UI_TOKEN');
    const wrong = await call(`${ui.url}api/check/orders-api?token=${token.slice(1)}x`, { method: 'POST', headers: { origin: ui.url.slice(0, -1) } });
    expect(wrong.status).toBe(403);
  });

  it('refuses the check action from another origin, another site or no browser', async () => {
    const url = `${ui.url}api/check/orders-api?token=${token}`;
    const foreign = await call(url, { method: 'POST', headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('UI_ORIGIN');
    const otherPort = await call(url, { method: 'POST', headers: { origin: 'http://127.0.0.1:1' } });
    expect(otherPort.status).toBe(403);
    const crossSite = await call(url, { method: 'POST', headers: { origin: ui.url.slice(0, -1), 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const noOrigin = await call(url, { method: 'POST' });
    expect(noOrigin.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await call(`${ui.url}api/board`, { headers: { host: 'attacker.example' } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('UI_HOST');
  });

  it('shows source only with the token, and never outside the workspace', async () => {
    expect((await call(`${ui.url}api/file?path=package.json&line=2`)).status).toBe(403);
    const ok = await call(`${ui.url}api/file?path=package.json&line=2&token=${token}`);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).lines.join('\n')).toContain('"name"');
    expect((await call(`${ui.url}api/file?path=../../etc/passwd&line=1&token=${token}`)).status).toBe(404);
  });

  it('passes what it shows through the redactor', async () => {
    const secret = 'ghp_Zq8vR2mK7tY4wP9xL3nB6cJ1hF5dS0aGeUiO';
    writeFileSync(path.join(copy.root, 'server', 'keys.ts'), `export const token = "${secret}";\n`);
    const res = await call(`${ui.url}api/file?path=server/keys.ts&line=1&token=${token}`);
    expect(res.status).toBe(200);
    expect(res.body).not.toContain(secret);
    expect(res.body).toContain('********eUiO');
  });

  it("refuses forbidden paths over HTTP: .env, keys, the limits' forbiddenPaths, a symlink to them or out of the root", async () => {
    writeFileSync(path.join(copy.root, '.env'), 'DB_PASSWORD=hunter2hunter2\n');
    mkdirSync(path.join(copy.root, 'deploy'), { recursive: true });
    writeFileSync(path.join(copy.root, 'deploy', 'server.key'), 'not shown\n');
    symlinkSync('../.env', path.join(copy.root, 'server', 'env-alias.txt'));
    symlinkSync('/etc/hostname', path.join(copy.root, 'server', 'outside.txt'));
    const get = async (p: string) => {
      const res = await call(`${ui.url}api/file?path=${encodeURIComponent(p)}&line=1&token=${token}`);
      return [p, res.status, res.status === 200 ? 'shown' : JSON.parse(res.body).error.code];
    };
    const limits = JSON.parse(readFileSync(path.join(copy.root, '.sentinel/context/limits/context-limits.json'), 'utf8')) as { forbiddenPaths: string[] };
    expect(limits.forbiddenPaths).toContain('.sentinel/state');
    expect(await get('.env')).toEqual(['.env', 403, 'UI_FORBIDDEN']);
    expect(await get('deploy/server.key')).toEqual(['deploy/server.key', 403, 'UI_FORBIDDEN']);
    expect(await get('server/env-alias.txt')).toEqual(['server/env-alias.txt', 403, 'UI_FORBIDDEN']);
    expect((await get('.sentinel/state/orders-api.json'))[1]).toBe(403);
    expect((await get('server/outside.txt'))[1]).toBe(404);
    expect((await get('.git/config'))[1]).toBe(403);
  });

  it('says which port is taken and how to pick another (exit 2)', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runSentinel(['ui', '--port', String(port)], { cwd: copy.root, timeoutMs: 20_000 });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain('--port');
    } finally {
      blocker.close();
    }
  });

  it('serves the example in place with the command `npm start` prints last', async () => {
    const script = readFileSync(path.join(REPO_ROOT, 'scripts', 'main-job.mjs'), 'utf8');
    const command = /const BOARD_COMMAND = '([^']+)'/.exec(script)![1]!;
    expect(command).toBe('node dist/sentinel.mjs ui --root examples/orders-service --open');
    const args = command
      .split(' ')
      .slice(3)
      .filter((a) => a !== '--open');
    const inPlace = await startUi(REPO_ROOT, args);
    try {
      const board = JSON.parse((await call(`${inPlace.url}api/board`)).body);
      expect([board.workspace, board.capsules]).toEqual(['orders-service', 5]);
    } finally {
      await inPlace.stop();
    }
  });

  it('rejects a port that is not a number (exit 2)', async () => {
    const result = await runSentinel(['ui', '--port', 'abc'], { cwd: copy.root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port "abc" is not a port number');
  });
});
