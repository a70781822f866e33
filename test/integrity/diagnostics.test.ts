import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { arena, mcp, type Arena } from './workspace.js';

/** Nine anchors of nine aliases each: 9^9 strings once expanded (the "billion laughs"). */
function aliasBomb(head: string): string {
  let text = `${head}a0: &a0 [${Array(9).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i < 9; i++)
    text += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return text;
}
const deepJson = (depth: number, leaf = '{}'): string => `${'{"items":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

/** Issue 11 item 12: bad input is a diagnostic with a code, the file and a fix, never a crash. */
let a: Arena;
beforeAll(async () => {
  a = await arena();
});
beforeEach(() => a.reset());
afterAll(() => a.repo.cleanup());

describe('internal errors become diagnostics', () => {
  it('a null or [] state file is reported as hand-edited, and status still lists every capsule', async () => {
    for (const content of ['null', '[]']) {
      writeFileSync(path.join(a.repo.dir, '.sentinel/state/docs-guide.json'), content);
      const status = await a.run('status', '--json');
      expect(status.code, status.stderr).toBe(1);
      const report = status.json();
      expect(report.capsules.map((c: any) => c.slug)).toContain('docs-guide');
      expect(report.diagnostics.map((d: any) => d.code)).toContain('STATE_TAMPERED');
    }
  });

  it('a NUL byte in a config path is a config error naming the key and line', async () => {
    writeFileSync(path.join(a.repo.dir, '.sentinel/config.json'), '{\n  "version": 1,\n  "stateDir": ".sentinel/st\\u0000ate"\n}\n');
    const result = await a.cli('check', '--only', 'scope', '--json');
    expect(result.code).toBe(2);
    // One check for NUL in any string, path key or not.
    expect(result.stdout + result.stderr).toContain('CONFIG_NUL_BYTE');
    expect(result.stdout + result.stderr).toContain('stateDir');
    expect(result.stdout + result.stderr).toContain('NUL byte');
  });

  it('one NUL byte does not hide a token from the secrets gate', async () => {
    a.repo.write({ 'docs/guide.md': `# Guide\n\u0000\nGITHUB_TOKEN=ghp_${'R8x2Lq9ZkT4vW7yN1bC5dF3hJ6mP0sA2eG8i'}\n` });
    const result = await a.run('check', '--only', 'secrets', '--json');
    expect(result.code, result.stdout).toBe(1);
    expect(result.json().gates[0].status).toBe('fail');
  });

  it('an alias bomb, a 5,000-deep JSON or YAML contract and a 5,000-deep fixture are diagnostics (CLI, check, MCP)', async () => {
    a.repo.write({
      '.sentinel/contracts/bomb.v1.yaml': aliasBomb('contract: bomb.v1\nschema:\n  type: object\n'),
      '.sentinel/contracts/deep.v1.json': `{"contract": "deep.v1", "schema": ${deepJson(5000)}}`,
      '.sentinel/contracts/deepyaml.v1.yaml': `contract: deepyaml.v1\nschema: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      '.sentinel/contracts/tree.v1.json': '{"contract": "tree.v1", "schema": {"type": "array", "items": {"$ref": "#"}}}',
      '.sentinel/contracts/fixtures/tree.v1/good/deep.json': `${'['.repeat(5000)}${']'.repeat(5000)}`,
    });
    const expected = {
      '.sentinel/contracts/bomb.v1.yaml': 'CONTRACT_YAML_ALIASES',
      '.sentinel/contracts/deep.v1.json': 'CONTRACT_TOO_DEEP',
      '.sentinel/contracts/deepyaml.v1.yaml': 'CONTRACT_TOO_DEEP',
      '.sentinel/contracts/fixtures/tree.v1/good/deep.json': 'CONTRACT_FIXTURE_TOO_DEEP',
    };
    const found = (diagnostics: any[]) =>
      Object.fromEntries(diagnostics.filter((d) => Object.values(expected).includes(d.code) && d.fix).map((d) => [d.path, d.code]));
    const cli = await a.run('contracts', 'validate', '--json');
    expect(cli.code, cli.stdout + cli.stderr).toBe(1);
    expect(found(cli.json().diagnostics)).toEqual(expected);
    const check = await a.run('check', '--only', 'contracts', '--json');
    expect(check.code, check.stdout + check.stderr).toBe(1);
    expect(found(check.json().gates[0].diagnostics)).toEqual(expected);
    const session = await mcp(a);
    try {
      const result = await session.call('sentinel_contract_validate', {});
      expect(found((result.structuredContent as any).diagnostics)).toEqual(expected);
    } finally {
      await session.close();
    }
  });

  it('a YAML context-limits alias bomb is a diagnostic, and the defaults stand in', async () => {
    rmSync(path.join(a.repo.dir, '.sentinel/context/limits/context-limits.json'));
    a.repo.write({ '.sentinel/context/limits/context-limits.yaml': aliasBomb('defaultMaxLines: 300\n') });
    const lint = await a.run('context', 'lint', '--json');
    expect(lint.stdout + lint.stderr).not.toContain('INTERNAL');
    expect(lint.stdout).toContain('CONTEXT_LIMITS_INVALID');
    expect(lint.stdout).toContain('alias bomb');
  });
});
