// Version discipline reads a contract's base copy only when its text is not byte for byte the base
// blob (src/core/contracts/versions.ts): the blob id must be git's own, and a change must still be seen.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runContracts } from '../../../src/core/contracts/run.js';
import { blobId } from '../../../src/core/cache/file-facts.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';

const root = mkdtempSync(path.join(tmpdir(), 'sentinel-contract-versions-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const write = (rel: string, text: string | Buffer) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
const dir = DEFAULT_CONFIG.contractsDir;

describe('blobId, as version discipline compares a contract with its base', () => {
  it('is the id git hash-object gives the same bytes', () => {
    git('init', '-q');
    const samples: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['crlf', Buffer.from('a: 1\r\nb: 2\r\n')],
      ['bom', Buffer.from('\ufeff{"contract": "x.v1"}\n')],
      ['utf8', Buffer.from('{"name": "Zoë — ünïcode"}')],
    ];
    for (const [name, bytes] of samples) {
      write(name, bytes);
      expect(blobId(bytes), name).toBe(git('hash-object', name));
    }
  });
});

describe('checkVersions against a base', () => {
  it('reports a schema changed in place, and nothing for an untouched or reformatted-back contract', async () => {
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'T');
    const schema = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
    write(`${dir}/orders.v1.json`, JSON.stringify({ contract: 'orders.v1', schema }, null, 2));
    write(`${dir}/users.v1.json`, JSON.stringify({ contract: 'users.v1', schema }, null, 2));
    write(`${dir}/fixtures/orders.v1/good/a.json`, '{"id": "1"}');
    write(`${dir}/fixtures/orders.v1/bad/b.json`, '{"id": 2}');
    write(`${dir}/fixtures/users.v1/good/a.json`, '{"id": "1"}');
    git('add', '-A');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD');
    const clean = await runContracts({ root, config: DEFAULT_CONFIG, base });
    expect(clean.status).toBe('ok');
    expect(clean.data.versions.compared).toEqual(['orders.v1', 'users.v1']);

    // Weakened in place: the bad fixture's id may now be a number.
    write(`${dir}/orders.v1.json`, JSON.stringify({ contract: 'orders.v1', schema: { ...schema, properties: { id: {} } } }, null, 2));
    const changed = await runContracts({ root, config: DEFAULT_CONFIG, base });
    expect(changed.diagnostics.map((d) => d.code)).toContain('CONTRACT_CHANGED_IN_PLACE');
    expect(changed.data.versions.findings).toEqual([
      { contract: 'orders.v1', change: 'weakened', fixture: `${dir}/fixtures/orders.v1/bad/b.json`, fixtureAt: 'base' },
    ]);
    // Only whitespace changed: another blob, the same schema, no finding.
    write(`${dir}/orders.v1.json`, JSON.stringify({ contract: 'orders.v1', schema }));
    expect((await runContracts({ root, config: DEFAULT_CONFIG, base })).status).toBe('ok');
  });
});
