import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commandLine, launcherFor, projectListsSentinelkit } from '../../../src/core/clients/launcher.js';

let root: string | undefined;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));
const project = (packageJson?: string): string => {
  root = mkdtempSync(path.join(tmpdir(), 'sentinel-launcher-'));
  if (packageJson !== undefined) writeFileSync(path.join(root, 'package.json'), packageJson);
  return root;
};

describe('client launcher', () => {
  it('uses the local bin when package.json lists sentinelkit in devDependencies or dependencies', () => {
    const dev = launcherFor(project('{"devDependencies":{"sentinelkit":"^0.1.0"}}'));
    expect(commandLine(dev, 'mcp')).toBe('npx sentinel mcp');
    expect(dev.installed).toBe(true);
    rmSync(root!, { recursive: true, force: true });
    expect(projectListsSentinelkit(project('\uFEFF{"dependencies":{"sentinelkit":"*"}}'))).toBe(true);
  });

  it('names the package for npx when sentinelkit is not listed, so an unrelated "sentinel" package is never fetched', () => {
    for (const text of [
      undefined,
      '{"devDependencies":{"sentinel":"1.0.0"}}',
      '{"peerDependencies":{"sentinelkit":"*"}}',
      '{ broken',
      'null',
      '{"dependencies":["sentinelkit"]}',
    ]) {
      const launcher = launcherFor(project(text));
      expect(commandLine(launcher, 'hook', 'stop'), String(text)).toBe('npx -y -p sentinelkit sentinel hook stop');
      expect(launcher.installed).toBe(false);
      rmSync(root!, { recursive: true, force: true });
      root = undefined;
    }
  });
});
