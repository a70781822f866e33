import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HONEST_GUIDE, arena, done, doneCli, mcp, type Arena } from './workspace.js';

/** Issue 11 item 1: committed (or hidden) work is judged from the base recorded at routing. */
let a: Arena;
beforeAll(async () => {
  a = await arena({ files: { 'lib/app.js': 'export const x = 1;\n', 'lib/lib.js': 'export const y = 1;\n' } });
});
beforeEach(() => a.reset());
afterAll(() => a.repo.cleanup());

const backdoor = { 'docs/guide.md': HONEST_GUIDE, 'src/backdoor.js': 'export const open = true;\n' };

describe('the recorded diff base', () => {
  it('routing records the base; an out-of-scope edit that is committed still fails scope in check and done', async () => {
    const recorded = a.state().base;
    expect(recorded).toMatchObject({ commit: a.repo.git('rev-parse', 'HEAD~1').trim(), when: 'routed' });
    a.repo.write(backdoor);
    a.repo.commit('work + backdoor');
    const check = await a.run('check', '--only', 'scope', '--json');
    expect(check.code).toBe(1);
    expect(check.json()).toMatchObject({ base: recorded.commit, baseReason: expect.stringContaining('recorded when docs-guide was routed') });
    const result = await done(a);
    expect(result.code).toBe(1);
    expect(result.codes).toContain('SCOPE_OUT_OF_SCOPE');
    expect(a.state().status).toBe('in_progress');
  });

  it('--base later than the recorded base is refused by done (CLI and MCP), and nothing is recorded', async () => {
    a.repo.write(backdoor);
    a.repo.commit('work + backdoor');
    const cli = await doneCli(a, '--base', 'HEAD');
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('BASE_AFTER_RECORDED');
    const session = await mcp(a);
    try {
      const viaMcp = await session.call('sentinel_capsule_done', { capsule: 'docs-guide', base: 'HEAD' });
      expect(viaMcp.isError).toBe(true);
      expect(JSON.stringify(viaMcp.content)).toContain('BASE_AFTER_RECORDED');
    } finally {
      await session.close();
    }
    expect(a.state().status).toBe('in_progress');
  });

  it('files hidden with assume-unchanged or skip-worktree are still judged', async () => {
    a.repo.git('update-index', '--assume-unchanged', 'lib/app.js');
    a.repo.git('update-index', '--skip-worktree', 'lib/lib.js');
    try {
      a.repo.write({ 'lib/app.js': 'export const x = 2;\n', 'lib/lib.js': 'export const y = 2;\n' });
      expect(a.repo.git('status', '--porcelain')).not.toContain('lib/');
      const scope = await a.run('scope', '--json');
      expect(scope.code).toBe(1);
      expect(
        scope
          .json()
          .data.outOfScope.map((f: any) => f.path)
          .sort(),
      ).toEqual(['lib/app.js', 'lib/lib.js']);
    } finally {
      a.repo.git('update-index', '--no-assume-unchanged', 'lib/app.js');
      a.repo.git('update-index', '--no-skip-worktree', 'lib/lib.js');
    }
  });

  it('honest committed work passes done from the recorded base, and an --base at it is kept in the evidence', async () => {
    const recorded = a.state().base.commit;
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });
    a.repo.commit('guide');
    const result = await done(a, '--base', recorded);
    expect(result.code, JSON.stringify(result.report.gates?.filter((g: any) => g.status === 'fail'))).toBe(0);
    const evidence = JSON.parse(readFileSync(`${a.repo.dir}/${a.state().evidenceFile}`, 'utf8'));
    expect(evidence.base).toBe(recorded);
    expect(evidence.baseChoice).toMatchObject({ source: 'explicit', override: recorded, recorded });
  });
});
