// A whole `contracts validate` report is kept by workspace state (src/core/contracts/memo.ts): the
// state must change with everything the verdict depends on, a report must be kept only when the
// run's inputs were settled and unchanged while it ran, and a record not signed with the key is never read.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../src/core/cache/store.js';
import { contractsState, openContractsMemo, REPORT_SLOTS, reportNamespace } from '../../../src/core/contracts/memo.js';
import { runContracts } from '../../../src/core/contracts/run.js';
import { resolveBase } from '../../../src/core/git/git.js';
import { contractsOperation } from '../../../src/core/operations/contracts.js';
import { runOperation } from '../../../src/core/operations/operation.js';
import { loadConfig } from '../../../src/core/workspace/config.js';

let root: string;
const secret = randomBytes(32);
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const write = (relative: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
};
/** A clock well past the racy window of every file written so far. */
const later = () => Date.now() + 60_000;
const cacheOf = (key = secret): Cache => openCache({ dir: path.join(root, '.sentinel/cache'), version: 'test', secret: key });
const FIXTURES = '.sentinel/contracts/fixtures/orders.v1';
/** The state keys of every kept report, over all slots. */
const keptStates = () => Array.from({ length: REPORT_SLOTS }, (_, slot) => cacheOf().namespace(reportNamespace(slot)).keys()).flat();

const ordersContract = (minimum: number) =>
  JSON.stringify({
    contract: 'orders.v1',
    schema: {
      type: 'object',
      required: ['id', 'total'],
      properties: { id: { type: 'string' }, total: { $ref: '#/$defs/money' } },
      $defs: { money: { type: 'number', minimum } },
    },
  });

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'sentinel-contracts-memo-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 't');
  write('.sentinel/config.json', '{\n  "version": 1\n}\n');
  write('.gitignore', '*.local.json\n.sentinel/cache/\n');
  write('.sentinel/contracts/orders.v1.json', ordersContract(0));
  write(`${FIXTURES}/good/a.json`, '{"id": "a", "total": 1}');
  write(`${FIXTURES}/good/b.json`, '{"id": "b", "total": 2}');
  write(`${FIXTURES}/bad/negative.json`, '{"id": "c", "total": -1}');
  write('src/app.ts', 'export const app = 1;\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
});
afterEach(() => rmSync(root, { recursive: true, force: true, maxRetries: 5 }));

const keyNow = async (base?: string) => (await contractsState(root, loadConfig(root), base, later))!.key;

describe('the state a contracts report is kept under', () => {
  it('changes with every input of the verdict, and not with other files', async () => {
    const seen = new Set<string>();
    const expectNew = async (what: string) => {
      const key = await keyNow();
      expect(seen.has(key), what).toBe(false);
      seen.add(key);
    };
    await expectNew('initial');
    expect(await keyNow()).toBe([...seen][0]);
    write('src/app.ts', 'export const app = 2;\n');
    expect(await keyNow(), 'a source file is no input').toBe([...seen][0]);

    write(`${FIXTURES}/good/a.json`, '{"id": "a", "total": -5}');
    await expectNew('a fixture edit');
    write(`${FIXTURES}/good/new.json`, '{"id": "n", "total": 3}');
    await expectNew('a new fixture');
    write(`${FIXTURES}/good/mine.local.json`, '{"id": "m"}');
    await expectNew('a new fixture git ignores (the run validates it too)');
    unlinkSync(path.join(root, FIXTURES, 'good/b.json'));
    await expectNew('a deleted fixture');
    write(`${FIXTURES}/good/deeper/notes.txt`, 'not a fixture');
    await expectNew('a new folder (a fixture may appear in it)');
    renameSync(path.join(root, FIXTURES, 'good/deeper/notes.txt'), path.join(root, FIXTURES, 'good/deeper/notes.json'));
    await expectNew('a file renamed to .json');
    write(`${FIXTURES}/good/deeper/notes.json`, '{"id": "d", "total": 4}');
    await expectNew('a fixture edited in a subfolder');
    // A symlinked folder: the glob follows it, so does the state (also when it is moved to another folder).
    write('shared/one/x.json', '{"id": "x", "total": 1}');
    write('shared/two/y.json', '{"id": "y", "total": -1}');
    // Both folders are walked first under bad/ (sorted before good/), so good/linked is not entered again.
    symlinkSync(path.join(root, 'shared/one'), path.join(root, FIXTURES, 'bad/linked-one'));
    symlinkSync(path.join(root, 'shared/two'), path.join(root, FIXTURES, 'bad/linked-two'));
    symlinkSync(path.join(root, 'shared/one'), path.join(root, FIXTURES, 'good/linked'));
    await expectNew('a symlinked folder of fixtures');
    write('shared/one/x.json', '{"id": "x", "total": 100}');
    await expectNew('a fixture edited behind a symlinked folder');
    unlinkSync(path.join(root, FIXTURES, 'good/linked'));
    symlinkSync(path.join(root, 'shared/two'), path.join(root, FIXTURES, 'good/linked'));
    await expectNew('a symlinked folder pointed at another folder already walked');
    write('.sentinel/contracts/orders.v1.json', ordersContract(10));
    await expectNew('a $ref’d definition edited in the contract');
    write('.sentinel/contracts/orders.v2.json', ordersContract(0).replace('orders.v1', 'orders.v2'));
    await expectNew('a new contract');
    write('.sentinel/config.json', '{\n  "version": 1,\n  "router": { "minScore": 4 }\n}\n');
    await expectNew('a config edit');
    cpSync(path.join(root, '.sentinel/contracts'), path.join(root, 'api/contracts'), { recursive: true });
    write('.sentinel/config.json', '{\n  "version": 1,\n  "router": { "minScore": 4 },\n  "contractsDir": "api/contracts"\n}\n');
    await expectNew('contracts read from another folder');
    git('add', '-A');
    git('commit', '-q', '-m', 'more');
    await expectNew('a new commit (the base moves)');
    git('checkout', '-q', '-b', 'feature');
    expect(await keyNow(), 'a branch at the same commit: the same base').toBe([...seen].at(-1));
    git('commit', '-q', '--allow-empty', '-m', 'on feature');
    await expectNew('a commit on a feature branch (the base is now a merge base)');
    expect(await keyNow('HEAD')).not.toBe(await keyNow());
  });

  it('is not keyed where the refs cannot be read from the .git files (git is asked as before)', async () => {
    rmSync(path.join(root, '.git'), { recursive: true, force: true });
    expect(await contractsState(root, loadConfig(root), undefined, later)).toBeUndefined();
  });
});

describe('kept contracts reports', () => {
  const report = () => runContracts({ root, config: loadConfig(root) });

  it('are recalled for the same state with nothing compiled, and not after an edit', async () => {
    const first = await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(), now: later });
    expect(first!.recall()).toBeUndefined();
    const computed = await report();
    expect(computed.data.validatorsCompiled).toBe(1);
    await first!.remember(computed);
    const again = await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(), now: later });
    expect(again!.recall()).toEqual({ ...computed, data: { ...computed.data, validatorsCompiled: 0 } });

    write(`${FIXTURES}/bad/negative.json`, '{"id": "c", "total": 100}');
    const edited = await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(), now: later });
    expect(edited!.recall()).toBeUndefined();
  });

  it('are not kept when a fixture is within the racy window, or changed while the run read it', async () => {
    const mtime = statSync(path.join(root, FIXTURES, 'good/a.json')).mtimeMs;
    const racy = await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(), now: () => mtime + 1 });
    await racy!.remember(await report());
    expect(keptStates()).toEqual([]);

    const during = await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(), now: later });
    const computed = await report();
    write(`${FIXTURES}/good/a.json`, '{"id": "a", "total": -1}');
    await during!.remember(computed);
    expect(keptStates()).toEqual([]);
  });

  it('are not recalled once the history the base is chosen from changes (a shallow clone deepened)', async () => {
    // On a feature branch the contract is changed in place: v1 now rejects a total its base accepted.
    git('checkout', '-q', '-b', 'feature');
    write('.sentinel/contracts/orders.v1.json', ordersContract(2));
    write(`${FIXTURES}/good/a.json`, '{"id": "a", "total": 5}');
    write(`${FIXTURES}/good/b.json`, '{"id": "b", "total": 6}');
    git('commit', '-q', '-am', 'in place');
    // Shallow at HEAD: no merge base with main, so the base is HEAD itself and nothing is compared.
    writeFileSync(path.join(root, '.git/shallow'), git('rev-parse', 'HEAD'));
    const shallowBase = await resolveBase(root);
    expect(shallowBase).toBe(git('rev-parse', 'HEAD').trim());
    const shallow = await runContracts({ root, config: loadConfig(root), base: shallowBase });
    expect(shallow.status).toBe('ok');
    await (await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(), now: later }))!.remember(shallow);
    // Deepened (git fetch --unshallow): same refs, but now main is the merge base and the change in place shows.
    unlinkSync(path.join(root, '.git/shallow'));
    const fresh = await runContracts({ root, config: loadConfig(root), base: await resolveBase(root) });
    expect(fresh.diagnostics.map((d) => d.code)).toContain('CONTRACT_CHANGED_IN_PLACE');
    const deepened = await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(), now: later });
    expect(deepened!.recall()).toBeUndefined();
  });

  it('written without the signing key are never recalled', async () => {
    const forger = await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(randomBytes(32)), now: later });
    const computed = await report();
    await forger!.remember({ ...computed, status: 'ok', summary: 'all as expected', diagnostics: [] });
    const honest = await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(), now: later });
    expect(honest!.recall()).toBeUndefined();
  });

  it('leave the operation’s document equal to an uncached run’s', async () => {
    const uncached = async () =>
      JSON.stringify((await runOperation(contractsOperation, { root, config: loadConfig(root), caller: {} }, { full: true })).document);
    const cached = async () =>
      JSON.stringify(
        (await runOperation(contractsOperation, { root, config: loadConfig(root), caller: {}, cache: async () => cacheOf() }, { full: true })).document,
      );
    const strip = (document: string) => document.replace(/"validatorsCompiled":\d+/, '');
    // Kept under a settled clock, so the operation's own runs (real clock) can recall it.
    const memo = await openContractsMemo({ root, config: loadConfig(root), cache: cacheOf(), now: later });
    await memo!.remember(await runContracts({ root, config: loadConfig(root), base: await resolveBase(root) }));
    expect(strip(await cached())).toBe(strip(await uncached()));
    write(`${FIXTURES}/good/b.json`, '{"id": "b"}');
    const edited = await uncached();
    expect(edited).toContain('CONTRACT_FIXTURE_INVALID');
    expect(strip(await cached())).toBe(strip(edited));
  });
});
