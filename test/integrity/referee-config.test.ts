import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HONEST_GUIDE, arena, doneCli, type Arena } from './workspace.js';

/** Issue 11 item 3: the working-tree config cannot switch the referee off. */
let a: Arena;
beforeAll(async () => {
  a = await arena();
});
beforeEach(() => a.reset());
afterAll(() => a.repo.cleanup());

function editJson(relative: string, change: (value: any) => void): void {
  const file = path.join(a.repo.dir, relative);
  const value = JSON.parse(readFileSync(file, 'utf8'));
  change(value);
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

describe('referee settings are read at the base', () => {
  it('disabling gates and allowing every path in the working tree changes nothing: done still fails, and says why', async () => {
    editJson('.sentinel/config.json', (c) => {
      c.gates.disabled = ['scope', 'secrets', 'tamper'];
      c.scope = { alwaysAllowed: ['**'] };
    });
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE, 'src/backdoor.js': 'export const open = true;\n' });
    a.repo.commit('switch the referee off');
    const result = await doneCli(a);
    expect(result.code).toBe(1);
    expect(result.failed).toContain('scope');
    expect(result.codes).toEqual(expect.arrayContaining(['SCOPE_OUT_OF_SCOPE', 'REFEREE_SETTINGS_CHANGED']));
    const evidence = JSON.parse(readFileSync(path.join(a.repo.dir, a.state().evidenceFile), 'utf8'));
    expect(evidence.refereeConfig).toMatchObject({ source: 'base' });
    expect(evidence.gates.map((g: any) => g.gate)).toContain('secrets');
  });

  it('raising the context budgets is a finding for any lead but the Context Warden', async () => {
    const limits =
      JSON.parse(readFileSync(path.join(a.repo.dir, '.sentinel/config.json'), 'utf8')).contextLimits ?? '.sentinel/context/limits/context-limits.json';
    editJson(limits, (l) => {
      l.defaultMaxLines = 100_000;
    });
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });
    const check = await a.run('check', '--only', 'scope', '--json');
    expect(check.code).toBe(1);
    const finding = check.json().gates[0].diagnostics.find((d: any) => d.code === 'REFEREE_SETTINGS_CHANGED');
    expect(finding).toMatchObject({ path: limits });
    expect(finding.fix).toContain('contextwarden');
  });

  it('a hand-edited state naming the owner as lead excuses nothing', async () => {
    const limits =
      JSON.parse(readFileSync(path.join(a.repo.dir, '.sentinel/config.json'), 'utf8')).contextLimits ?? '.sentinel/context/limits/context-limits.json';
    editJson(limits, (l) => {
      l.defaultMaxLines = 100_000;
    });
    editJson('.sentinel/state/docs-guide.json', (s) => {
      s.lead = 'contextwarden';
    });
    const check = await a.run('check', '--only', 'scope', '--json');
    expect(check.code).toBe(1);
    expect(check.json().gates[0].diagnostics.map((d: any) => d.code)).toContain('REFEREE_SETTINGS_CHANGED');
  });
});
