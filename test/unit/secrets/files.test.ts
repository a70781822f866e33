import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandPaths, scanFiles } from '../../../src/core/secrets/files.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { makeTempDir } from '../../helpers/cli.js';

const KEY = `AKIA${'Q7RM2XKD5NBW3PLT'}`;
let dirs: { cleanup(): void }[] = [];
afterEach(() => {
  for (const d of dirs) d.cleanup();
  dirs = [];
});

describe('secrets scan stays inside the workspace', () => {
  it('does not walk a symlinked folder that points outside, nor read a symlinked file there', async () => {
    const outside = makeTempDir({ 'leak/keys.env': `AWS_ACCESS_KEY_ID=${KEY}\n`, 'one.env': `AWS_ACCESS_KEY_ID=${KEY}\n` });
    const ws = makeTempDir({ 'src/a.ts': 'export const a = 1;\n' });
    dirs.push(outside, ws);
    symlinkSync(path.join(outside.dir, 'leak'), path.join(ws.dir, 'vendor'));
    symlinkSync(path.join(outside.dir, 'one.env'), path.join(ws.dir, 'src', 'alias.env'));
    const files = await expandPaths(ws.dir, ['.']);
    expect(files).toEqual(['src/a.ts']);
    const scan = await scanFiles(ws.dir, DEFAULT_CONFIG, ['src/a.ts', 'src/alias.env', 'vendor/keys.env']);
    expect(scan.findings).toEqual([]);
    expect(scan.skipped).toEqual([
      { path: 'src/alias.env', reason: 'outside-workspace' },
      { path: 'vendor/keys.env', reason: 'outside-workspace' },
    ]);
  });
});
