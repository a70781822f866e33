import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

let shared: TempRepo;
beforeAll(async () => {
  shared = makeTempRepo({ 'README.md': '# app\n' });
  const res = await runSentinel(['init'], { cwd: shared.dir });
  expect(res.code, res.stderr).toBe(0);
});
afterAll(() => shared.cleanup());

async function initialised(): Promise<TempRepo> {
  const r = makeTempRepo({ 'README.md': '# app\n' });
  await runInProcess(['init'], { cwd: r.dir });
  return r;
}

describe('sentinel agents list / show', () => {
  it('lists every role with id, name, rules version, phase count and summary', async () => {
    const res = await runInProcess(['agents', 'list'], { cwd: shared.dir });
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+RULES\s+PHASES\s+SUMMARY$/);
    expect(lines).toHaveLength(2 + 14);
    expect(res.stdout).toMatch(/backender\s+Backender\s+BACKENDER@1\.0\s+7\s+Builds routes/);
    const json = (await runInProcess(['agents', 'list', '--json'], { cwd: shared.dir })).json();
    expect(json.ok).toBe(true);
    expect(json.agents.find((a: { id: string }) => a.id === 'verifier')).toMatchObject({
      name: 'Verifier',
      rulesHash: 'VERIFIER@1.0',
      phases: 6,
      dir: '.sentinel/agents/verifier',
    });
  });

  it('says how to get a roster when there is none', async () => {
    const r = makeTempRepo({ 'README.md': '# empty\n' });
    try {
      const res = await runInProcess(['agents', 'list'], { cwd: r.dir });
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('sentinel init');
    } finally {
      r.cleanup();
    }
  });

  it('shows one agent with its phases and bullets', async () => {
    const res = await runInProcess(['agents', 'show', 'backender'], { cwd: shared.dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Backender (backender)  BACKENDER@1.0');
    expect(res.stdout).toMatch(/owns:\s+server\/src\/\*\*, db\/migrations\/\*\*, \*\*\/migrations\/\*\*, ops\/backend\/\*\*/);
    expect(res.stdout).toMatch(/5\) VERIFY\n {2}- Run `pnpm lint`, `pnpm typecheck`, and build\./);
    expect(res.stdout).toContain('Local manual checks: 2–3 representative requests');
    expect(res.stdout).toMatch(/7\) HANDOFF\n {2}- Tag Verifier/);
    const json = (await runInProcess(['agents', 'show', 'BACKENDER', '--json'], { cwd: shared.dir })).json();
    expect(json.agent.phases.map((p: { name: string }) => p.name)).toEqual(['ORIENT', 'PLAN', 'DESIGN', 'IMPLEMENT', 'VERIFY', 'PACKAGE', 'HANDOFF']);
    const [enumerate, endpoints] = json.agent.phases[1].bullets;
    expect(enumerate.text).toBe('Enumerate:');
    expect(endpoints.text).toBe('Endpoints or CLI commands');
    expect(endpoints.depth).toBeGreaterThan(enumerate.depth);
  });

  it('rejects an unknown agent with exit 2 and lists the known ones', async () => {
    const res = await runInProcess(['agents', 'show', 'wizard'], { cwd: shared.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Unknown agent "wizard"');
    expect(res.stderr).toContain('backender');
  });
});

describe('sentinel agents check', () => {
  it('passes on the shipped roster', async () => {
    const res = await runInProcess(['agents', 'check'], { cwd: shared.dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('14 agents checked: 0 errors, 0 warnings');
  });

  it('reports drift, refuses to record it until rulesHash is bumped, then records it', async () => {
    const r = await initialised();
    try {
      const dir = path.join(r.dir, '.sentinel/agents/backender');
      writeFileSync(path.join(dir, 'PLAYBOOK.md'), `${readFileSync(path.join(dir, 'PLAYBOOK.md'), 'utf8')}- Prefer boring technology.\n`);
      const drift = await runInProcess(['agents', 'check'], { cwd: r.dir });
      expect(drift.code).toBe(1);
      expect(drift.stdout).toMatch(/\.sentinel\/agents\/backender\/agent\.json:4\s+error\s+AGENT_RULES_DRIFT/);
      expect(drift.stdout).toContain('fix: bump rulesHash (e.g. BACKENDER@1.1) and run `sentinel agents check --update`');

      const manifestFile = path.join(dir, 'agent.json');
      const before = readFileSync(manifestFile, 'utf8');
      const refused = await runInProcess(['agents', 'check', '--update', '--json'], { cwd: r.dir });
      expect(refused.code).toBe(1);
      expect(refused.json()).toMatchObject({ ok: false, updated: [] });
      expect(readFileSync(manifestFile, 'utf8')).toBe(before);

      writeFileSync(manifestFile, before.replace('"BACKENDER@1.0"', '"BACKENDER@1.1"'));
      const bumped = await runInProcess(['agents', 'check', '--json'], { cwd: r.dir });
      expect(bumped.code).toBe(0);
      expect(bumped.json().diagnostics).toMatchObject([{ severity: 'info', code: 'AGENT_RULES_BUMPED' }]);

      const update = await runInProcess(['agents', 'check', '--update'], { cwd: r.dir });
      expect(update.code).toBe(0);
      expect(update.stdout).toContain('Recorded rules_sha256 for: backender');
      const after = readFileSync(manifestFile, 'utf8');
      const manifest = JSON.parse(after);
      expect(after).toBe(`${JSON.stringify(manifest, null, 2)}\n`);
      expect(manifest).toMatchObject({ rulesHash: 'BACKENDER@1.1', rules_version: 'BACKENDER@1.1' });
      expect(manifest.rules_sha256).not.toBe(JSON.parse(before).rules_sha256);
      const clean = await runInProcess(['agents', 'check', '--json'], { cwd: r.dir });
      expect(clean.json()).toMatchObject({ ok: true, diagnostics: [] });
    } finally {
      r.cleanup();
    }
  });

  it('reports schema errors, missing prompt files, playbooks without HANDOFF and unknown handoffs', async () => {
    const r = await initialised();
    try {
      const agents = path.join(r.dir, '.sentinel/agents');
      const scribe = JSON.parse(readFileSync(path.join(agents, 'scribe/agent.json'), 'utf8'));
      delete scribe.summary;
      writeFileSync(path.join(agents, 'scribe/agent.json'), JSON.stringify(scribe, null, 2));
      rmSync(path.join(agents, 'designer/ROLE.md'));
      writeFileSync(path.join(agents, 'router/PLAYBOOK.md'), '# Router - PLAYBOOK\n\n1) ORIENT\n   - Read the capsule.\n');
      const releaser = JSON.parse(readFileSync(path.join(agents, 'releaser/agent.json'), 'utf8'));
      releaser.handoffs.push('qa-team');
      writeFileSync(path.join(agents, 'releaser/agent.json'), JSON.stringify(releaser, null, 2));

      const res = await runInProcess(['agents', 'check', '--json'], { cwd: r.dir });
      expect(res.code).toBe(1);
      const found = res.json().diagnostics.map((d: { severity: string; code: string; path: string }) => `${d.severity} ${d.code} ${d.path}`);
      expect(found).toEqual(
        expect.arrayContaining([
          'error AGENT_JSON_SCHEMA .sentinel/agents/scribe/agent.json',
          'error AGENT_FILE_MISSING .sentinel/agents/designer/ROLE.md',
          'error AGENT_PLAYBOOK_NO_HANDOFF .sentinel/agents/router/PLAYBOOK.md',
          'warning AGENT_HANDOFF_UNKNOWN .sentinel/agents/releaser/agent.json',
        ]),
      );
      const text = await runInProcess(['agents', 'check'], { cwd: r.dir });
      expect(text.stdout).toMatch(/missing required key "summary"/);
      expect(text.stdout).toMatch(/fix: Add a final phase "2\) HANDOFF"/);
    } finally {
      r.cleanup();
    }
  });
});

describe('sentinel config', () => {
  const withConfig = (text: string) => makeTempRepo({ '.sentinel/config.json': text });

  it('prints the resolved config of a valid workspace', async () => {
    const r = withConfig(JSON.stringify({ version: 1, gates: { commands: { test: 'npm test' } } }));
    try {
      const res = await runInProcess(['config', '--json'], { cwd: r.dir });
      expect(res.code).toBe(0);
      expect(res.json()).toMatchObject({ ok: true, config: { agentsDir: '.sentinel/agents', gates: { commands: { test: { run: 'npm test' } } } } });
    } finally {
      r.cleanup();
    }
  });

  it('names an unknown key, its line, and the closest valid key', async () => {
    const r = withConfig('{\n  "version": 1,\n  "gates": {\n    "comands": {}\n  }\n}\n');
    try {
      const res = await runInProcess(['config'], { cwd: r.dir });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('.sentinel/config.json:4');
      expect(res.stderr).toContain('unknown key "comands"');
      expect(res.stderr).toContain('fix: Remove or rename "comands" (did you mean "commands"?)');
    } finally {
      r.cleanup();
    }
  });

  it('names a value of the wrong type with its line', async () => {
    const r = withConfig('{\n  "version": 1,\n  "router": {\n    "minScore": "high"\n  }\n}\n');
    try {
      const res = await runInProcess(['config', '--json'], { cwd: r.dir });
      expect(res.code).toBe(2);
      expect(res.json()).toMatchObject({
        ok: false,
        error: { kind: 'config', code: 'CONFIG_INVALID', path: '.sentinel/config.json', line: 4, fix: expect.stringContaining('/router/minScore') },
      });
      expect(res.json().error.message).toContain('/router/minScore: must be number');
    } finally {
      r.cleanup();
    }
  });

  it('points invalid JSON at its line and column', async () => {
    const r = withConfig('{\n  "version": 1,\n  "router": { "minScore": 3, }\n}\n');
    try {
      const res = await runInProcess(['config'], { cwd: r.dir });
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/\.sentinel\/config\.json:3:\d+:/);
      expect(res.stderr).toContain('fix: Fix the JSON syntax');
      // Every command that needs the config fails the same way.
      expect((await runInProcess(['agents', 'list'], { cwd: r.dir })).code).toBe(2);
    } finally {
      r.cleanup();
    }
  });

  it('--schema prints the JSON Schema', async () => {
    const res = await runInProcess(['config', '--schema'], { cwd: shared.dir });
    expect(res.code).toBe(0);
    const schema = res.json();
    expect(schema.$id).toMatch(/config\.schema\.json$/);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['gates', 'agentsDir', 'capsules']));
  });
});
