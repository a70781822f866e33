import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALNUM, drawFrom, rng } from '../corpora/secrets/synthetic.js';
import { SENTINEL_BIN, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';

/**
 * Issue 11 item 7: `src/envalias.txt -> ../.env` is as forbidden as `.env` itself, for Allowed
 * Context validation and for `prompt --pack` (CLI and MCP); packed content that is allowed but
 * holds a secret is masked.
 */
const draw = drawFrom(rng('integrity-symlink'));
const envSecret = `sk_live_${draw(ALNUM, 24)}`;
const docSecret = `ghp_${draw(ALNUM, 36)}`;
let repo: TempRepo;
const run = (...args: string[]) => runSentinel(args, { cwd: repo.dir });

beforeAll(async () => {
  repo = makeTempRepo({
    'README.md': '# Demo\n',
    '.env': `STRIPE_SECRET_KEY=${envSecret}\n`,
    'src/app.ts': 'export const app = 1;\n',
    'docs/setup.md': `Token: ${docSecret}\n`,
  });
  expect((await run('init')).code).toBe(0);
  symlinkSync('../.env', path.join(repo.dir, 'src/envalias.txt'));
  repo.commit('alias');
}, 120_000);
afterAll(() => repo.cleanup());

describe('forbidden paths through a symlink alias (issue 11 item 7)', () => {
  it('refuses the alias as an Allowed Context entry, naming its target', async () => {
    const created = await run(
      'capsule',
      'new',
      'alias',
      '--goal',
      'Read the config.',
      '--output',
      'src/app.ts',
      '--accept',
      '`npm test` passes',
      '--context',
      'src/envalias.txt',
      '--lead',
      'backender',
    );
    expect(created.code).toBe(2);
    expect(created.stdout + created.stderr).toContain('it is a symlink to ".env"');
  });

  it('leaves the alias out of a packed prompt (CLI and MCP) and masks secrets in what it packs', async () => {
    const created = await run(
      'capsule',
      'new',
      'globbed',
      '--goal',
      'Read the sources.',
      '--output',
      'src/app.ts',
      '--accept',
      '`npm test` passes',
      '--context',
      'src/**',
      '--context',
      'docs/setup.md',
      '--lead',
      'backender',
    );
    expect(created.code, created.stdout + created.stderr).toBe(0);
    repo.commit('capsule');
    expect((await run('route', 'globbed')).code).toBe(0);
    const pack = await run('prompt', 'globbed', '--pack', '--json');
    expect(pack.code, pack.stderr).toBe(0);
    const result = pack.json();
    expect(result.omitted).toContainEqual(expect.objectContaining({ path: 'src/envalias.txt', reason: 'forbidden' }));
    expect(result.packed.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['src/app.ts', 'docs/setup.md']));
    expect(pack.stdout).not.toContain(envSecret);
    expect(pack.stdout).not.toContain(docSecret);
    expect(pack.stdout).toContain(`********${docSecret.slice(-4)}`);

    const client = new Client({ name: 'alias-test', version: '1' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [SENTINEL_BIN, 'mcp', '--root', repo.dir], stderr: 'pipe' }));
    try {
      const mcp = JSON.stringify(await client.callTool({ name: 'sentinel_prompt', arguments: { capsule: 'globbed', pack: true } }));
      expect(mcp).toContain('src/envalias.txt');
      expect(mcp).not.toContain(envSecret);
      expect(mcp).not.toContain(docSecret);
    } finally {
      await client.close();
    }
  });
});
