// The stop hook's verdict is kept under checkStateKey (src/core/cache/verdict.ts): besides the files
// and the refs, the state must change with what decides the merge base of those refs, the shallow
// boundary and grafts. A deepened clone has the same refs and files but another base to judge from.
import { randomBytes } from 'node:crypto';
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStateKey } from '../../../src/core/cache/verdict.js';
import { openCache } from '../../../src/core/cache/store.js';
import { loadConfig } from '../../../src/core/workspace/config.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';

let made: TempRepo | undefined;
afterEach(() => made?.cleanup());

describe('the state a check verdict is kept under', () => {
  it('changes when the shallow boundary or the grafts change, with the same refs and files', async () => {
    made = makeTempRepo({ '.sentinel/config.json': '{\n  "version": 1\n}\n', '.gitignore': '.sentinel/cache/\n', 'a.ts': 'a\n' });
    made.git('checkout', '-q', '-b', 'feature');
    made.write({ 'a.ts': 'b\n' });
    made.commit('feature');
    const root = made.dir;
    const cache = openCache({ dir: path.join(root, '.sentinel/cache'), version: 'test', secret: randomBytes(32) });
    const key = () => checkStateKey(root, loadConfig(root), cache, { capsule: undefined, strict: false, caller: {} });
    const deep = await key();
    expect(deep).toBeDefined();
    expect(await key()).toBe(deep);
    const head = made.git('rev-parse', 'HEAD');
    writeFileSync(path.join(root, '.git/shallow'), head);
    const shallow = await key();
    expect(shallow).not.toBe(deep);
    unlinkSync(path.join(root, '.git/shallow'));
    expect(await key()).toBe(deep);
    mkdirSync(path.join(root, '.git/info'), { recursive: true });
    writeFileSync(path.join(root, '.git/info/grafts'), head);
    const grafted = await key();
    expect(grafted).not.toBe(deep);
    // Where the refs are not read from the .git files (settings from the environment), git names the files.
    process.env.GIT_CONFIG_COUNT = '0';
    try {
      expect(await key()).toBe(grafted);
      unlinkSync(path.join(root, '.git/info/grafts'));
      expect(await key()).not.toBe(grafted);
    } finally {
      delete process.env.GIT_CONFIG_COUNT;
    }
  });
});
