import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePort } from '../../../src/cli/actions/ui.js';
import { actionRefusal, allowedHosts, hostAllowed, newToken } from '../../../src/cli/ui/guard.js';
import { fileSnippet } from '../../../src/cli/ui/snippet.js';
import { watchedFolders, watchWorkspace } from '../../../src/cli/ui/watch.js';
import { createRedactor } from '../../../src/core/secrets/redact.js';
import { parseEvidenceRecord } from '../../../src/core/lifecycle/evidence-files.js';
import { parseRouterLog } from '../../../src/core/router/log.js';
import { parseStateText } from '../../../src/core/state/state.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { makeTempDir } from '../../helpers/cli.js';

const same = (text: string) => text;
const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('the action guard', () => {
  const token = newToken();
  const hosts = allowedHosts('127.0.0.1', 4178);
  const url = (t: string | null) => new URL(`http://127.0.0.1:4178/api/check/a${t === null ? '' : `?token=${t}`}`);
  const same = { origin: 'http://127.0.0.1:4178', 'sec-fetch-site': 'same-origin' };

  it('lets our own page with the token through', () => {
    expect(actionRefusal(req(same), url(token), token, hosts)).toBeUndefined();
    expect(actionRefusal(req({ origin: 'http://localhost:4178' }), url(token), token, hosts)).toBeUndefined();
  });
  it('refuses a missing or wrong token, another origin, a cross-site fetch or no Origin', () => {
    expect(actionRefusal(req(same), url(null), token, hosts)?.code).toBe('UI_TOKEN');
    expect(actionRefusal(req(same), url(`${token}x`), token, hosts)?.code).toBe('UI_TOKEN');
    expect(actionRefusal(req({ origin: 'http://evil.example' }), url(token), token, hosts)?.code).toBe('UI_ORIGIN');
    expect(actionRefusal(req({ origin: 'https://127.0.0.1:4178' }), url(token), token, hosts)?.code).toBe('UI_ORIGIN');
    expect(actionRefusal(req({ ...same, 'sec-fetch-site': 'same-site' }), url(token), token, hosts)?.code).toBe('UI_ORIGIN');
    expect(actionRefusal(req({}), url(token), token, hosts)?.code).toBe('UI_ORIGIN');
  });
  it('accepts only our host names on our port (DNS rebinding)', () => {
    expect(hostAllowed(req({ host: '127.0.0.1:4178' }), hosts)).toBe(true);
    expect(hostAllowed(req({ host: 'LOCALHOST:4178' }), hosts)).toBe(true);
    expect(hostAllowed(req({ host: 'evil.example:4178' }), hosts)).toBe(false);
    expect(hostAllowed(req({ host: '127.0.0.1:80' }), hosts)).toBe(false);
    expect(allowedHosts('::1', 5000).has('[::1]:5000')).toBe(true);
  });
  it('draws a new token per start', () => {
    expect(newToken()).not.toBe(newToken());
  });
});

describe('--port', () => {
  it('takes 0 to 65535 and refuses the rest as a usage error', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('4178')).toBe(4178);
    for (const bad of ['-1', '65536', '80x', '', '1e3']) expect(() => parsePort(bad)).toThrow(/is not a port number/);
  });
});

describe('readers of half-written files', () => {
  it('says why a state or evidence file does not parse', () => {
    expect(parseStateText('{"schema": 1, "sl', 'a')).toMatchObject({ ok: false, message: expect.stringContaining('not valid JSON') });
    expect(parseStateText('[]', 'a')).toMatchObject({ ok: false });
    expect(parseEvidenceRecord('{"slug": "a"}')).toMatchObject({ ok: false, message: 'missing "slug" or "at"' });
    expect(parseEvidenceRecord('{"slug": "a", "at": "t", "gates": [{"gate": 1}]}')).toMatchObject({ ok: false });
    const ok = parseEvidenceRecord('{"slug": "a", "at": "t", "outcome": "done", "gates": [{"gate": "scope", "status": "ok"}]}');
    expect(ok.ok && ok.record.gates[0]).toEqual({ gate: 'scope', status: 'ok', summary: '', durationMs: 0, diagnostics: [] });
  });
  it('keeps the good lines of a router log with a torn last line', () => {
    const line = JSON.stringify({ timestamp: 't', decision: { leadAgent: 'backender' } });
    expect(parseRouterLog(`${line}\n{"timest`)).toMatchObject({ entries: [{ decision: { leadAgent: 'backender' } }], badLines: [2] });
  });
});

describe('file snippets and watching', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('shows lines around a line, never a path outside the root', () => {
    const dir = makeTempDir({ 'a.txt': Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') });
    cleanup = dir.cleanup;
    const snippet = fileSnippet(dir.dir, DEFAULT_CONFIG, 'a.txt', 20, same);
    expect(snippet.ok && [snippet.start, snippet.lines[0], snippet.lines.length]).toEqual([12, 'line 12', 17]);
    expect(fileSnippet(dir.dir, DEFAULT_CONFIG, '../x', 1, same).ok).toBe(false);
    expect(fileSnippet(dir.dir, DEFAULT_CONFIG, '/etc/passwd', 1, same).ok).toBe(false);
  });

  it('never shows .env files, keys, git internals or what the context limits forbid, also through a symlink; templates stay readable', () => {
    const dir = makeTempDir({
      '.env': 'A=1',
      'config/.env.production': 'A=1',
      '.env.example': 'A=',
      'deploy/server.key': 'k',
      'certs/tls.pem': 'k',
      'home/.ssh/id_ed25519': 'k',
      '.git/config': '[core]',
      'private/notes.md': 'x',
      'src/ok.ts': 'export {};',
      [DEFAULT_CONFIG.contextLimits]: JSON.stringify({ version: 1, defaultMaxLines: 300, forbiddenPaths: ['private', '**/*.secret.json'] }),
      'src/app.secret.json': '{}',
    });
    cleanup = dir.cleanup;
    symlinkSync('../.env', path.join(dir.dir, 'src/envalias.txt'));
    symlinkSync('../private/notes.md', path.join(dir.dir, 'src/notes-link.md'));
    const refused = (p: string) => {
      const s = fileSnippet(dir.dir, DEFAULT_CONFIG, p, 1, same);
      return s.ok ? 'shown' : `${s.status} ${s.code}`;
    };
    for (const p of [
      '.env',
      'config/.env.production',
      'deploy/server.key',
      'certs/tls.pem',
      'home/.ssh/id_ed25519',
      '.git/config',
      'private/notes.md',
      'src/app.secret.json',
      'src/envalias.txt',
      'src/notes-link.md',
    ]) {
      expect([p, refused(p)]).toEqual([p, '403 UI_FORBIDDEN']);
    }
    expect(refused('src/ok.ts')).toBe('shown');
    expect(refused('.env.example')).toBe('shown');
  });

  it("redacts the whole text before cutting it into lines, so a private key's body lines are masked too", () => {
    const body = Array.from({ length: 6 }, (_, i) => `${'QUJD'.repeat(15)}${i}xyz`);
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----'].join('\n');
    const dir = makeTempDir({ 'config/settings.yaml': `tls:\n  key: |\n${pem.replace(/^/gm, '    ')}\n` });
    cleanup = dir.cleanup;
    const snippet = fileSnippet(dir.dir, DEFAULT_CONFIG, 'config/settings.yaml', 4, (t) => createRedactor().text(t));
    expect(snippet.ok).toBe(true);
    const shown = snippet.ok ? snippet.lines.join('\n') : '';
    for (const line of body) expect(shown).not.toContain(line);
    expect(shown).toContain('tls:');
  });

  it('watches .sentinel and the capsule folders, and sees files in folders created later', async () => {
    expect(watchedFolders(DEFAULT_CONFIG)).toEqual(['.sentinel', '.specify/specs']);
    const dir = makeTempDir({ '.sentinel/config.json': '{}' });
    const seen: string[][] = [];
    const watcher = watchWorkspace(dir.dir, ['.sentinel'], (paths) => seen.push(paths), 20);
    cleanup = () => {
      watcher.close();
      dir.cleanup();
    };
    mkdirSync(path.join(dir.dir, '.sentinel/evidence/a'), { recursive: true });
    // Seen once the folder's event ran, and that event attached the watchers below it: a later file raises its own.
    await expect.poll(() => seen.flat(), { timeout: 30_000 }).toContain('.sentinel/evidence');
    writeFileSync(path.join(dir.dir, '.sentinel/evidence/a/run.json'), '{}');
    await expect.poll(() => seen.flat(), { timeout: 30_000 }).toContain('.sentinel/evidence/a/run.json');
  });

  it('reports the files of a new folder written before its watcher could be attached', async () => {
    const dir = makeTempDir({ '.sentinel/config.json': '{}' });
    const seen: string[][] = [];
    const watcher = watchWorkspace(dir.dir, ['.sentinel'], (paths) => seen.push(paths), 20);
    cleanup = () => {
      watcher.close();
      dir.cleanup();
    };
    // The folders and the file in one go: no event can be handled in between, as on a loaded machine.
    mkdirSync(path.join(dir.dir, '.sentinel/evidence/a'), { recursive: true });
    writeFileSync(path.join(dir.dir, '.sentinel/evidence/a/run.json'), '{}');
    await expect.poll(() => seen.flat(), { timeout: 30_000 }).toContain('.sentinel/evidence/a/run.json');
  });
});
