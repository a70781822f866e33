import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

// The Python predecessor (llampwall/sentinel-kit, MIT) as it is, read-only, beside the repository:
// `shared/` sits next to a CI clone; a git worktree under wt/<name>/ finds it one level further up.
const TARBALL = ['../shared/fixtures/sentinel-kit-7150014.tar.gz', '../../shared/fixtures/sentinel-kit-7150014.tar.gz']
  .map((rel) => path.resolve(REPO_ROOT, rel))
  .find((file) => existsSync(file));

interface Diag {
  code: string;
  severity: string;
  path?: string;
  message: string;
  fix?: string;
}

describe.skipIf(!TARBALL)(
  `sentinel-kit as it is${TARBALL ? '' : ' (skipped: ../shared/fixtures/sentinel-kit-7150014.tar.gz is absent)'}`,
  { timeout: 240_000 },
  () => {
    let repo: TempRepo;
    // In-process (runInProcess: same output, exit code and files); `init` and the route whose
    // stdout and stderr must stay apart spawn the built binary.
    const run = (...args: string[]) => runInProcess(args, { cwd: repo.dir });
    const spawned = (...args: string[]) => runSentinel(args, { cwd: repo.dir });

    beforeAll(() => {
      repo = makeTempRepo();
      execFileSync('tar', ['xzf', TARBALL!, '-C', repo.dir, '--strip-components=1']);
      repo.commit('sentinel-kit 7150014');
    });
    afterAll(() => repo?.cleanup());

    it('reads all 13 roles with their numbered phases, prompt_files being paths from the root', async () => {
      const res = await run('--json', 'agents', 'list');
      expect(res.code).toBe(0);
      const agents = res.json().agents as { id: string; phases: unknown[] | number }[];
      expect(agents).toHaveLength(13);
      for (const a of agents) expect(Array.isArray(a.phases) ? a.phases.length : a.phases, a.id).toBeGreaterThan(0);
      const check = await run('--json', 'agents', 'check');
      const codes = (check.json().diagnostics as Diag[]).map((d) => d.code);
      expect(codes).not.toContain('AGENT_FILE_MISSING');
      const show = await run('agents', 'show', 'backender');
      expect(show.stdout).toMatch(/ORIENT[\s\S]*VERIFY[\s\S]*HANDOFF/);
    });

    it('init keeps its files; check reports only what is true of the repository', async () => {
      const init = await spawned('init');
      expect(init.code).toBe(0);
      expect(init.stdout).toContain('kept');
      repo.commit('sentinel init');
      const res = await run('--json', 'check', '--only', 'capsules,context,sentinels,ledger,provenance,secrets,tamper,contracts');
      const report = res.json();
      const all = (report.gates as { gate: string; diagnostics: Diag[] }[]).flatMap((g) => g.diagnostics.map((d) => ({ ...d, gate: g.gate })));
      // The three Allowed Context files its own decision removed: real findings, reported once each.
      const missing = all.filter((d) => /scripts\/(capsule-create|lib\/allowed-context|md-surgeon)\.mjs" does not exist/.test(d.message));
      expect(missing.map((d) => `${d.gate} ${d.code}`)).toEqual([
        'capsules CAPSULE_CONTEXT_MISSING',
        'capsules CAPSULE_CONTEXT_MISSING',
        'capsules CAPSULE_CONTEXT_MISSING',
      ]);
      // Outputs that name a backticked path in prose are concrete.
      expect(all.filter((d) => d.code === 'CAPSULE_OUTPUT_VAGUE')).toEqual([]);
      // Its vitest sentinels cannot load here (vitest is not installed): setup errors, not regressions.
      const sentinels = all.filter((d) => d.gate === 'sentinels');
      expect(sentinels.length).toBeGreaterThanOrEqual(3);
      for (const d of sentinels) {
        expect(d.code).toMatch(/^SENTINELS_(RUNNER_MISSING|TEST_UNLOADABLE)$/);
        expect(d.fix).not.toContain('The regression this sentinel guards has come back');
      }
      expect(sentinels.map((d) => d.path)).toEqual(expect.arrayContaining(['.sentinel/tests/sentinels/sentinel_capsule_context.test.ts']));
      // Placeholders are not secrets; prose Outputs are not paths.
      expect(all.filter((d) => d.gate === 'secrets' && d.severity === 'error')).toEqual([]);
      expect(JSON.stringify(all)).not.toMatch(/README (router section|docs)/);
    });

    it('decisions validate warns about the gap at D-0017 and the repeated "Adopt Eta prompt renderer"', async () => {
      const res = await run('--json', 'decisions', 'validate');
      expect(res.code).toBe(0);
      const diags = res.json().diagnostics as Diag[];
      expect(diags.map((d) => d.code).sort()).toEqual(['LEDGER_DUPLICATE_TITLE', 'LEDGER_DUPLICATE_TITLE', 'LEDGER_DUPLICATE_TITLE', 'LEDGER_ID_GAP']);
      expect(diags.find((d) => d.code === 'LEDGER_ID_GAP')!.message).toContain('D-0017 is missing');
    });

    it('runs the loop on its capsule: route, prompt, every phase, done, handoff --suggest', async () => {
      const route = await run('--json', 'route', '005-capsule-gen');
      expect(route.code).toBe(0);
      const lead = route.json().decision.leadAgent as string;
      const prompt = await run('prompt', '005-capsule-gen');
      expect(prompt.code).toBe(0);
      expect(prompt.stdout).not.toMatch(/\(ROLE\.md is empty\)|\(PLAYBOOK\.md is empty\)|no numbered phases/);
      const shown = await run('--json', 'agents', 'show', lead);
      const phases = (shown.json().agent?.phases ?? shown.json().phases) as ({ name: string } | string)[];
      const names = phases.map((p) => (typeof p === 'string' ? p : p.name));
      expect(names.at(-1)).toBe('HANDOFF');
      for (const phase of names) {
        const res = await run('capsule', 'phase', '005-capsule-gen', phase);
        expect(res.code, `${phase}: ${res.stderr}`).toBe(0);
      }
      // Its Required Outputs (.sentinel/scripts/capsule-create.mjs…) are not in this snapshot: done refuses.
      const done = await run('--json', 'capsule', 'done', '005-capsule-gen');
      expect(done.code).toBe(1);
      expect(done.stdout).toContain('capsule-create.mjs');
      const state = await run('--json', 'status');
      expect(JSON.stringify(state.json())).toContain('005-capsule-gen');
      const handoff = await run('handoff', '005-capsule-gen', '--suggest');
      expect(handoff.code).toBe(0);
      expect(handoff.stdout).toMatch(/HANDOFF phase tags/);
    });

    it('a role file that is not there is reported as not found at the paths tried, and prompt refuses', async () => {
      execFileSync('git', ['rm', '-q', '.sentinel/agents/capsuleauthor/ROLE.md'], { cwd: repo.dir });
      const check = await run('--json', 'agents', 'check');
      const missing = (check.json().diagnostics as Diag[]).find((d) => d.code === 'AGENT_FILE_MISSING')!;
      expect(missing.message).toContain('was not found (tried .sentinel/agents/capsuleauthor/ROLE.md');
      const prompt = await run('prompt', '005-capsule-gen', '--agent', 'capsuleauthor');
      expect(prompt.code).toBe(2);
      expect(prompt.stdout + prompt.stderr).not.toContain('(ROLE.md is empty)');
      expect(prompt.stderr).toContain('prompt file not found');
      // The roster's problem is not the route's answer: stderr, never ahead of (or inside) stdout.
      const route = await spawned('route', '005-capsule-gen', '--no-log');
      expect(route.stdout.trimStart()).toMatch(/^(Routed|Refused)|^\S+\.md:\d+/);
      expect(route.stdout).not.toContain('AGENT_FILE_MISSING');
      expect(route.stderr).toContain('AGENT_FILE_MISSING');
      const json = await run('--json', 'route', '005-capsule-gen', '--no-log');
      expect(JSON.stringify(json.json().diagnostics)).not.toContain('AGENT_FILE_MISSING');
      expect(json.stderr).toContain('AGENT_FILE_MISSING');
    });
  },
);
