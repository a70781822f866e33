import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverAgents } from '../../../src/core/agents/discover.js';
import { listCapsuleFiles, loadCapsules } from '../../../src/core/capsule/discover.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { listWorkspaceFiles, sharedListing } from '../../../src/core/workspace/listing.js';
import { emptyState, listStates, listStatesWarm, writeState } from '../../../src/core/state/state.js';
import { copyData, enableWarmState, foldersStamp, statStamp, warmSizes } from '../../../src/core/workspace/warm.js';

let root: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-warm-')));
  git('init', '-q', '-b', 'main');
  write('src/a.ts', 'a\n');
  enableWarmState();
});
afterEach(() => {
  enableWarmState(false);
  rmSync(root, { recursive: true, force: true });
});

describe('warm state (MCP tool thread)', () => {
  it('reuses the listing until a file is added, removed or newly ignored', async () => {
    expect(await listWorkspaceFiles(root)).toEqual(['src/a.ts']);
    write('src/deep/b.ts', 'b\n');
    expect(await listWorkspaceFiles(root)).toEqual(['src/a.ts', 'src/deep/b.ts']);
    unlinkSync(path.join(root, 'src/a.ts'));
    expect(await listWorkspaceFiles(root)).toEqual(['src/deep/b.ts']);
    write('.gitignore', 'deep/\n');
    expect(await listWorkspaceFiles(root)).toEqual(['.gitignore']);
    // Editing .gitignore in place (no folder changes) is seen too.
    writeFileSync(path.join(root, '.gitignore'), 'nothing\n');
    expect(await listWorkspaceFiles(root)).toEqual(['.gitignore', 'src/deep/b.ts']);
  });

  it('hands out copies: a caller changing its list changes nothing for the next', async () => {
    const first = await listWorkspaceFiles(root);
    first.push('invented.ts');
    expect(await listWorkspaceFiles(root)).toEqual(['src/a.ts']);
  });

  it('parses a capsule again when its file changes, and not otherwise', async () => {
    const capsule = (goal: string) => `# Capsule demo\n\n## Goal\n${goal}\n\n## Required Outputs\n- \`src/a.ts\`\n`;
    write('.specify/specs/demo/capsule.md', capsule('First goal.'));
    const [first] = await loadCapsules(root, DEFAULT_CONFIG);
    expect(first!.goal).toContain('First goal');
    first!.goal = 'mutated by a caller';
    const [again] = await loadCapsules(root, DEFAULT_CONFIG);
    expect(again!.goal).toContain('First goal');
    write('.specify/specs/demo/capsule.md', capsule('Second goal, longer.'));
    const [changed] = await loadCapsules(root, DEFAULT_CONFIG);
    expect(changed!.goal).toContain('Second goal');
  });
});

describe('warm roster and capsule list', () => {
  const agent = (id: string, summary: string) => {
    write(
      `.sentinel/agents/${id}/agent.json`,
      JSON.stringify({ id, name: id, rulesHash: 'BUILDER@1', summary, routing_keywords: ['k'], prompt_files: ['ROLE.md', 'PLAYBOOK.md'] }),
    );
    write(`.sentinel/agents/${id}/ROLE.md`, `# ${id}\n`);
  };

  it('reads the roster again when an agent file changes, a prompt file appears or an agent folder is added', () => {
    agent('builder', 'Builds.');
    const first = discoverAgents(root, DEFAULT_CONFIG);
    expect(first.agents.map((a) => [a.id, a.manifest.summary, a.playbookFile ?? null])).toEqual([['builder', 'Builds.', null]]);
    first.agents[0]!.manifest.summary = 'mutated by a caller';
    expect(discoverAgents(root, DEFAULT_CONFIG).agents[0]!.manifest.summary).toBe('Builds.');
    agent('builder', 'Builds more.');
    expect(discoverAgents(root, DEFAULT_CONFIG).agents[0]!.manifest.summary).toBe('Builds more.');
    write('.sentinel/agents/builder/PLAYBOOK.md', '# Playbook\n');
    expect(discoverAgents(root, DEFAULT_CONFIG).agents[0]!.playbookFile).toBe('.sentinel/agents/builder/PLAYBOOK.md');
    agent('tester', 'Tests.');
    expect(discoverAgents(root, DEFAULT_CONFIG).agents.map((a) => a.id)).toEqual(['builder', 'tester']);
  });

  it('lists capsule files again when a capsule folder is added or a capsule file removed', async () => {
    write('.specify/specs/one/capsule.md', '# Capsule one\n');
    expect(await listCapsuleFiles(root, DEFAULT_CONFIG)).toEqual(['.specify/specs/one/capsule.md']);
    write('.specify/specs/two/capsule.md', '# Capsule two\n');
    expect(await listCapsuleFiles(root, DEFAULT_CONFIG)).toEqual(['.specify/specs/one/capsule.md', '.specify/specs/two/capsule.md']);
    unlinkSync(path.join(root, '.specify/specs/one/capsule.md'));
    expect(await listCapsuleFiles(root, DEFAULT_CONFIG)).toEqual(['.specify/specs/two/capsule.md']);
  });
});

describe('compiled contract validators in a warm process', () => {
  it('are shared between runs of a warm process (each schema compiles once)', async () => {
    const { sharedValidatorCache } = await import('../../../src/core/contracts/compile.js');
    const contract = { id: 'demo.v1', kind: 'json-schema', draft: '2020-12', schema: { type: 'object' }, fingerprint: '{"demo":1}', warnings: [] } as never;
    const first = sharedValidatorCache().get(contract);
    expect(sharedValidatorCache().get(contract)).toBe(first);
    expect(first.validate?.({})).toBe(true);
  });
});

describe('warm stamps', () => {
  it('never vouch for a file or folder changed within the last two seconds (a second change could keep its stat)', () => {
    write('src/b.ts', 'b\n');
    const file = path.join(root, 'src/b.ts');
    expect(statStamp(file)).not.toBe(statStamp(file));
    expect(statStamp(path.join(root, 'src'))).not.toBe(statStamp(path.join(root, 'src')));
    enableWarmState(true, { racyMs: 0 });
    expect(statStamp(file)).toBe(statStamp(file));
  });

  it('of a glob with no literal folder do not walk .git (a commit does not change them)', () => {
    enableWarmState(true, { racyMs: 0 });
    const before = foldersStamp(root, ['']);
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'x');
    expect(foldersStamp(root, [''])).toBe(before);
    mkdirSync(path.join(root, 'src/new'));
    expect(foldersStamp(root, [''])).not.toBe(before);
  });
});

describe('warm capsule states', () => {
  it('equal listStates after each write or hand edit, and are copies', async () => {
    enableWarmState(true, { racyMs: 0 });
    writeState(root, DEFAULT_CONFIG, { ...emptyState('one', '2026-01-01T00:00:00.000Z'), status: 'routed' });
    expect(await listStatesWarm(root, DEFAULT_CONFIG)).toEqual(listStates(root, DEFAULT_CONFIG));
    const [first] = await listStatesWarm(root, DEFAULT_CONFIG);
    first!.state.status = 'done';
    expect((await listStatesWarm(root, DEFAULT_CONFIG))[0]!.state.status).toBe('routed');
    writeState(root, DEFAULT_CONFIG, { ...emptyState('one'), status: 'in_progress' });
    writeState(root, DEFAULT_CONFIG, emptyState('two'));
    expect(await listStatesWarm(root, DEFAULT_CONFIG)).toEqual(listStates(root, DEFAULT_CONFIG));
    const file = path.join(root, DEFAULT_CONFIG.stateDir, 'one.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"in_progress"', '"done"'));
    const warmStates = await listStatesWarm(root, DEFAULT_CONFIG);
    expect(warmStates).toEqual(listStates(root, DEFAULT_CONFIG));
    expect(warmStates[0]!.tampered).toBe(true);
    // A hand-written "__proto__" key is a key like any other, as JSON.parse reads it, not the state's prototype.
    writeFileSync(file, '{"slug":"one","history":[],"__proto__":{"status":"done","lead":"x"}}');
    const [warmOne] = await listStatesWarm(root, DEFAULT_CONFIG);
    const [freshOne] = listStates(root, DEFAULT_CONFIG);
    expect(warmOne!.state.status).toBe(freshOne!.state.status);
    expect(Object.keys(warmOne!.state)).toEqual(Object.keys(freshOne!.state));
    expect(Object.getPrototypeOf(warmOne!.state)).toBe(Object.prototype);
  });
});

describe('warm listing sees what git reads outside the work tree', () => {
  const commit = (cwd: string) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'x'], { cwd, stdio: 'ignore' });
  const fresh = async (at: string) => {
    enableWarmState(false);
    const files = await listWorkspaceFiles(at);
    enableWarmState(true, { racyMs: 0 });
    return files;
  };
  beforeEach(() => {
    write('.gitignore', 'ig.txt\n');
    write('ig.txt', 'ignored\n');
    git('add', '-A');
    commit(root);
    enableWarmState(true, { racyMs: 0 });
  });

  it('in a linked worktree (.git is a file): index-only changes', async () => {
    const linked = `${root}-linked`;
    git('worktree', 'add', '-q', linked);
    try {
      writeFileSync(path.join(linked, 'ig.txt'), 'ignored\n');
      expect(await sharedListing(linked)).toEqual(['.gitignore', 'src/a.ts']);
      execFileSync('git', ['add', '-f', 'ig.txt'], { cwd: linked });
      expect(await sharedListing(linked)).toEqual(await fresh(linked));
      expect(await sharedListing(linked)).toEqual(['.gitignore', 'ig.txt', 'src/a.ts']);
      execFileSync('git', ['rm', '-q', '--cached', 'src/a.ts'], { cwd: linked });
      expect(await sharedListing(linked)).toEqual(await fresh(linked));
      // The common dir's info/exclude applies to every worktree.
      writeFileSync(path.join(root, '.git/info/exclude'), 'a.ts\n');
      expect(await sharedListing(linked)).toEqual(['.gitignore', 'ig.txt']);
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  });

  it('in a root that is a subfolder of the repository: index changes and .gitignore above it', async () => {
    const sub = path.join(root, 'src');
    write('src/ig.txt', 'ignored\n');
    expect(await sharedListing(sub)).toEqual(['a.ts']);
    execFileSync('git', ['add', '-f', 'ig.txt'], { cwd: sub });
    expect(await sharedListing(sub)).toEqual(['a.ts', 'ig.txt']);
    write('src/b.log', 'log\n');
    expect(await sharedListing(sub)).toEqual(['a.ts', 'b.log', 'ig.txt']);
    writeFileSync(path.join(root, '.gitignore'), 'ig.txt\n*.log\n');
    expect(await sharedListing(sub)).toEqual(['a.ts', 'ig.txt']);
    expect(await sharedListing(sub)).toEqual(await fresh(sub));
  });

  it('after an edit of core.excludesFile, or of the default excludes file', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'sentinel-xdg-'));
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = home;
    try {
      write('b.log', 'log\n');
      write('c.tmp', 'tmp\n');
      mkdirSync(path.join(home, 'git'));
      writeFileSync(path.join(home, 'git/ignore'), 'nothing\n');
      expect(await sharedListing(root)).toEqual(['.gitignore', 'b.log', 'c.tmp', 'src/a.ts']);
      writeFileSync(path.join(home, 'git/ignore'), '*.log\n');
      expect(await sharedListing(root)).toEqual(['.gitignore', 'c.tmp', 'src/a.ts']);
      const excludes = path.join(home, 'excludes');
      writeFileSync(excludes, 'nothing\n');
      git('config', 'core.excludesFile', excludes);
      expect(await sharedListing(root)).toEqual(['.gitignore', 'b.log', 'c.tmp', 'src/a.ts']);
      writeFileSync(excludes, '*.tmp\n');
      expect(await sharedListing(root)).toEqual(['.gitignore', 'b.log', 'src/a.ts']);
      expect(await sharedListing(root)).toEqual(await fresh(root));
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('warm memory in a long session', () => {
  it('forgets folders that are gone (and all below them), and the states and capsules of removed files', async () => {
    enableWarmState(true, { racyMs: 0 });
    writeState(root, DEFAULT_CONFIG, emptyState('kept'));
    await listWorkspaceFiles(root);
    foldersStamp(root, ['src']);
    await listStatesWarm(root, DEFAULT_CONFIG);
    await loadCapsules(root, DEFAULT_CONFIG);
    const base = warmSizes();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 20; i++) {
        write(`src/d${i}/deep/er/f.ts`, 'x\n');
        writeState(root, DEFAULT_CONFIG, emptyState(`s${i}`));
        write(`.specify/specs/c${i}/capsule.md`, `# Capsule c${i}\n`);
      }
      await listWorkspaceFiles(root);
      foldersStamp(root, ['src/d3']);
      expect((await listStatesWarm(root, DEFAULT_CONFIG)).length).toBe(21);
      expect((await loadCapsules(root, DEFAULT_CONFIG)).length).toBe(20);
      expect(warmSizes().folders).toBe(base.folders + 60 + 20 + 2);
      for (let i = 0; i < 20; i++) {
        rmSync(path.join(root, `src/d${i}`), { recursive: true });
        unlinkSync(path.join(root, DEFAULT_CONFIG.stateDir, `s${i}.json`));
      }
      rmSync(path.join(root, '.specify'), { recursive: true });
      foldersStamp(root, ['src/d3']);
      await listWorkspaceFiles(root);
      expect(await listStatesWarm(root, DEFAULT_CONFIG)).toEqual(listStates(root, DEFAULT_CONFIG));
      expect(await loadCapsules(root, DEFAULT_CONFIG)).toEqual([]);
      expect(warmSizes()).toEqual(base);
    }
  });
});

describe('copies of kept facts', () => {
  it('equal what structuredClone gives, share nothing with the original', () => {
    const original = {
      list: [1, 'two', { three: [3] }],
      when: new Date(5),
      map: new Map([['k', { v: 1 }]]),
      set: new Set(['a']),
      pattern: /a+b/gi,
      bytes: new Uint8Array([1, 2]),
      bare: Object.assign(Object.create(null) as Record<string, unknown>, { x: 1 }),
      none: null,
      missing: undefined,
    };
    const copy = copyData(original);
    expect(copy).toEqual(structuredClone(original));
    expect(copy.list[2]).not.toBe(original.list[2]);
    expect(copy.map.get('k')).not.toBe(original.map.get('k'));
    expect(copy.when).not.toBe(original.when);
    expect(copy.bytes).not.toBe(original.bytes);
  });

  it('keep an own "__proto__" key (JSON.parse makes one) as a key, never as the prototype', () => {
    const original = JSON.parse('{"a":{"__proto__":{"x":1}},"__proto__":[2]}') as Record<string, Record<string, unknown>>;
    const copy = copyData(original);
    expect(Object.keys(copy.a!)).toEqual(['__proto__']);
    expect(copy.a!.x).toBeUndefined();
    expect(Object.getPrototypeOf(copy.a)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual([2]);
  });
});
