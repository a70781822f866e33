import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRunbooks } from '../../../src/core/runbook/load.js';
import { DEFAULT_CONFIG, ROLE_RUNBOOKS } from '../../../src/core/workspace/config-types.js';
import { makeTempRepo } from '../../helpers/cli.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sentinel-runbook-load-'));
  roots.push(root);
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'src/a.ts'), 'export const port = process.env.PORT;\n');
  writeFileSync(path.join(root, 'src/b.ts'), 'export const b = 1;\n');
  return root;
}

describe('checkRunbooks', () => {
  const config = { ...DEFAULT_CONFIG, runbooks: { backender: ROLE_RUNBOOKS.backender! } };

  it('reads no source for env-var reads when the runbook does not exist, yet counts the sources it covers', async () => {
    const root = workspace();
    const asked: string[] = [];
    const [report] = await checkRunbooks(root, config, undefined, (file) => (asked.push(file), undefined));
    expect(asked).toEqual([]);
    expect(report!.exists).toBe(false);
    expect(report!.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('but 2 source file(s) it covers do')]);
  });

  it('reads the sources once the runbook exists, and compares their reads with it', async () => {
    const root = workspace();
    mkdirSync(path.join(root, 'ops/backend'), { recursive: true });
    writeFileSync(
      path.join(root, 'ops/backend/runbook.md'),
      '# Runbook\n\n## Environment variables\n\n| Variable | Required | Default | Description |\n| --- | --- | --- | --- |\n',
    );
    const asked: string[] = [];
    const read = (file: string) => (asked.push(file), file === 'src/a.ts' ? 'export const port = process.env.PORT;\n' : 'export const b = 1;\n');
    const [report] = await checkRunbooks(root, config, undefined, read);
    expect(asked).toEqual(['src/a.ts', 'src/b.ts']);
    expect(report!.envVarsRead).toEqual(['PORT']);
  });

  it('takes its sources from the workspace listing: git-ignored files and the built-in ignored folders are not sources', async () => {
    const repo = makeTempRepo({
      '.gitignore': 'src/generated.ts\n',
      'ops/backend/runbook.md': '# Runbook\n\n## Environment variables\n\n| Variable | Required | Default | Description |\n| --- | --- | --- | --- |\n',
      'src/a.ts': 'export const port = process.env.PORT;\n',
      'src/vendor/lib.ts': 'export const v = process.env.VENDORED;\n',
    });
    roots.push(repo.dir);
    repo.write({ 'src/generated.ts': 'export const g = process.env.GENERATED;\n', 'src/new.ts': 'export const n = process.env.UNTRACKED_NEW;\n' });
    const [report] = await checkRunbooks(repo.dir, config);
    expect(report!.envVarsRead).toEqual(['PORT', 'UNTRACKED_NEW']);
  });
});
