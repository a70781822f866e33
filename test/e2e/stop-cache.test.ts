import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRoutedRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

// The stop hook's cached verdict (docs/cache.md): returned while nothing changed, never after a
// change, never from a cache file the agent edited. The first stop spawns the built binary (the
// hook as an agent runs it, stdin and exit code); the rest run in-process (runInProcess, same stdin).
let repo: TempRepo;
let keyDir: string;
beforeAll(async () => {
  repo = await makeRoutedRepo(runInProcess);
  keyDir = mkdtempSync(path.join(tmpdir(), 'sentinel-key-'));
});
afterAll(() => {
  repo?.cleanup();
  rmSync(keyDir, { recursive: true, force: true });
});

const stop = (env: Record<string, string> = {}, run = runInProcess) =>
  run(['hook', 'stop'], {
    cwd: repo.dir,
    input: JSON.stringify({ hook_event_name: 'Stop', cwd: repo.dir }),
    env: { SENTINEL_CACHE_KEY_DIR: keyDir, ...env },
  });
const CACHED = 'unchanged since the last check';
const verdictsFile = () => {
  const cacheDir = path.join(repo.dir, '.sentinel', 'cache');
  const version = readdirSync(cacheDir).find((d) => d.startsWith('v'))!;
  return path.join(cacheDir, version, 'verdicts.json');
};

describe('hook stop with the cache', () => {
  it('returns the last verdict while nothing changed, and runs the check again after any change', async () => {
    const first = await stop({}, runSentinel);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toContain(CACHED);
    const second = await stop();
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(CACHED);
    // The cache folder ignores itself: it never shows up as a change (nor in the scope gate).
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).not.toContain('.sentinel/cache');

    repo.write({ 'src/stray.ts': 'export const x = 1;\n' });
    const changed = await stop();
    expect(changed.code).toBe(2);
    expect(changed.stderr).not.toContain(CACHED);
    expect(changed.stderr).toContain('src/stray.ts');
    const failingAgain = await stop();
    expect(failingAgain.code).toBe(2);
    expect(failingAgain.stderr).toContain(CACHED);

    // The same content as before the stray file: the state the first stop judged.
    rmSync(path.join(repo.dir, 'src'), { recursive: true });
    const back = await stop();
    expect(back.code).toBe(0);
    expect(back.stderr).toContain(CACHED);
  });

  it('ignores a verdict the agent rewrote to pass, and a corrupted cache file', async () => {
    repo.write({ 'src/stray.ts': 'export const y = 2;\n' });
    expect((await stop()).code).toBe(2);
    const file = verdictsFile();
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('"status":"fail"', '"status":"ok"'));
    const forged = await stop();
    expect(forged.code).toBe(2);
    expect(forged.stderr).not.toContain(CACHED);
    writeFileSync(file, '\u0000garbage');
    const corrupted = await stop();
    expect(corrupted.code).toBe(2);
    expect(corrupted.stderr).not.toContain(CACHED);
    rmSync(path.join(repo.dir, 'src'), { recursive: true });
  });

  it('is not used with SENTINEL_NO_CACHE=1, nor with another signing key', async () => {
    // The rejected file above took every record with it: one stop records this state again.
    await stop();
    expect((await stop()).stderr).toContain(CACHED);
    expect((await stop({ SENTINEL_NO_CACHE: '1' })).stderr).not.toContain(CACHED);
    const otherKey = mkdtempSync(path.join(tmpdir(), 'sentinel-key-'));
    try {
      expect((await stop({ SENTINEL_CACHE_KEY_DIR: otherKey })).stderr).not.toContain(CACHED);
    } finally {
      rmSync(otherKey, { recursive: true, force: true });
    }
  });
});
