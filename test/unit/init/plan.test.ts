import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectFacts } from '../../../src/core/init/detect.js';
import {
  assetRelative,
  backupPath,
  destinationFor,
  joinRoot,
  nothingToDo,
  planInit,
  renderConfig,
  summarize,
  type Existing,
  type InitSource,
} from '../../../src/core/init/plan.js';
import { parseConfig } from '../../../src/core/workspace/config.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';

const source = (p: string, content = `content of ${p}\n`): InitSource => ({ path: p, source: `assets/${p}`, content });
const disk =
  (files: Record<string, Existing>) =>
  (rel: string): Existing =>
    files[rel] ?? { kind: 'missing' };
const none = () => false;

describe('destinationFor', () => {
  it('maps assets to the default layout', () => {
    const c = DEFAULT_CONFIG;
    expect(destinationFor('agents', 'backender/ROLE.md', c)).toBe('.sentinel/agents/backender/ROLE.md');
    expect(destinationFor('templates', 'runbook.backender.md', c)).toBe('.sentinel/templates/runbook.backender.md');
    expect(destinationFor('init', 'config.json', c)).toBe('.sentinel/config.json');
    expect(destinationFor('init', 'context-limits.json', c)).toBe('.sentinel/context/limits/context-limits.json');
    expect(destinationFor('init', 'DECISIONS.md', c)).toBe('.sentinel/DECISIONS.md');
    expect(destinationFor('init', 'contracts/fixtures/example.v1/good/a.json', c)).toBe('.sentinel/contracts/fixtures/example.v1/good/a.json');
    expect(destinationFor('init', 'sentinels/README.md', c)).toBe('.sentinel/tests/sentinels/README.md');
    expect(destinationFor('init', 'specify/specs/example/capsule.md', c)).toBe('.specify/specs/example/capsule.md');
  });

  it('follows paths configured in an existing config, including Windows-style ones', () => {
    const c = {
      ...DEFAULT_CONFIG,
      agentsDir: 'roles\\',
      ledger: './docs/DECISIONS.md',
      contractsDir: 'api\\contracts',
      sentinels: { ...DEFAULT_CONFIG.sentinels, dir: 'tests/pinned' },
    };
    expect(destinationFor('agents', 'verifier\\agent.json', c)).toBe('roles/verifier/agent.json');
    expect(destinationFor('init', 'DECISIONS.md', c)).toBe('docs/DECISIONS.md');
    expect(destinationFor('init', 'contracts\\example.v1.json', c)).toBe('api/contracts/example.v1.json');
    expect(destinationFor('init', 'sentinels/README.md', c)).toBe('tests/pinned/README.md');
  });
});

describe('host paths', () => {
  it('joins workspace paths onto a Windows drive-letter root', () => {
    expect(joinRoot('C:\\work\\repo', '.sentinel/agents/backender/ROLE.md', path.win32)).toBe('C:\\work\\repo\\.sentinel\\agents\\backender\\ROLE.md');
    expect(joinRoot('/home/me/repo', '.sentinel/config.json', path.posix)).toBe('/home/me/repo/.sentinel/config.json');
  });

  it('turns Windows asset listings into POSIX relative paths', () => {
    expect(assetRelative('C:\\pkg\\assets\\agents', 'C:\\pkg\\assets\\agents\\backender\\PLAYBOOK.md', path.win32)).toBe('backender/PLAYBOOK.md');
    expect(assetRelative('D:\\a', 'd:\\A\\x\\y.json', path.win32)).toBe('x/y.json');
    expect(assetRelative('/pkg/assets/init', '/pkg/assets/init/contracts/example.v1.json', path.posix)).toBe('contracts/example.v1.json');
  });
});

describe('planInit', () => {
  const sources = [source('b.md'), source('a.md'), source('c.md')];

  it('creates missing files, in path order', () => {
    const plan = planInit(sources, disk({}), none, { dryRun: false, force: false });
    expect(plan.map((p) => `${p.path}:${p.action}`)).toEqual(['a.md:created', 'b.md:created', 'c.md:created']);
    expect(nothingToDo(plan)).toBe(false);
  });

  it('only reports would-create on a dry run', () => {
    const plan = planInit(sources, disk({}), none, { dryRun: true, force: false });
    expect(new Set(plan.map((p) => p.action))).toEqual(new Set(['would-create']));
  });

  it('treats identical files as unchanged, even with CRLF line endings or a BOM', () => {
    const plan = planInit(
      [source('a.md', 'one\ntwo\n'), source('b.md', 'x\n')],
      disk({ 'a.md': { kind: 'file', text: 'one\r\ntwo\r\n' }, 'b.md': { kind: 'file', text: '\uFEFFx\n' } }),
      none,
      { dryRun: false, force: false },
    );
    expect(plan.map((p) => p.action)).toEqual(['unchanged', 'unchanged']);
    expect(nothingToDo(plan)).toBe(true);
  });

  it('keeps a locally edited file without --force', () => {
    const plan = planInit([source('a.md', 'shipped\n')], disk({ 'a.md': { kind: 'file', text: 'mine\n' } }), none, { dryRun: false, force: false });
    expect(plan[0]).toMatchObject({ action: 'kept-modified' });
    expect(plan[0]!.backup).toBeUndefined();
    expect(nothingToDo(plan)).toBe(true);
  });

  it('replaces a locally edited file with --force after choosing a free backup name', () => {
    const taken = new Set(['a.md.bak']);
    const plan = planInit([source('a.md', 'shipped\n')], disk({ 'a.md': { kind: 'file', text: 'mine\n' } }), (p) => taken.has(p), {
      dryRun: false,
      force: true,
    });
    expect(plan[0]).toMatchObject({ action: 'replaced', backup: 'a.md.bak.1' });
    const dry = planInit([source('a.md', 'shipped\n')], disk({ 'a.md': { kind: 'file', text: 'mine\n' } }), none, { dryRun: true, force: true });
    expect(dry[0]).toMatchObject({ action: 'would-replace', backup: 'a.md.bak' });
  });

  it('never writes over a directory or symlink in the way, even with --force', () => {
    const plan = planInit([source('a.md')], disk({ 'a.md': { kind: 'other', what: 'a directory' } }), none, { dryRun: false, force: true });
    expect(plan[0]).toMatchObject({ action: 'conflict' });
    expect(plan[0]!.note).toContain('a directory');
  });

  it('counts actions', () => {
    const plan = planInit(sources, disk({ 'a.md': { kind: 'file', text: 'content of a.md\n' }, 'b.md': { kind: 'file', text: 'edited' } }), none, {
      dryRun: false,
      force: false,
    });
    expect(summarize(plan)).toMatchObject({ created: 1, unchanged: 1, 'kept-modified': 1, replaced: 0 });
  });
});

describe('backupPath', () => {
  it('never reuses an existing backup', () => {
    expect(backupPath('x.json', () => false)).toBe('x.json.bak');
    expect(backupPath('x.json', (p) => p === 'x.json.bak' || p === 'x.json.bak.1')).toBe('x.json.bak.2');
  });
});

describe('renderConfig', () => {
  const base = JSON.stringify({ $schema: 'https://example/schema.json', version: 1, gates: { commands: {} } });
  const facts = (ecosystems: string[], commands: ProjectFacts['commands']): ProjectFacts => ({ ecosystems, commands });

  it('fills gates.commands and produces a config the loader accepts', () => {
    const text = renderConfig(base, facts(['node'], [{ name: 'test', run: 'npm run test', source: 'package.json scripts.test' }]));
    expect(text.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(text);
    expect(parsed.gates.commands).toEqual({ test: 'npm run test' });
    expect(parsed.$schema).toBe('../node_modules/sentinelkit/schemas/config.schema.json');
    expect(parseConfig(text).gates.commands.test).toEqual({ run: 'npm run test' });
  });

  it('keeps the schema URL for projects without node_modules', () => {
    expect(JSON.parse(renderConfig(base, facts(['go'], []))).$schema).toBe('https://example/schema.json');
  });
});
