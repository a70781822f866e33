import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HONEST_GUIDE, arena, done, doneCli, type Arena } from './workspace.js';

/**
 * Issue 11 item 3 (rest): the roster, the context limits and the secrets allowlist are read as
 * committed at the recorded base, like the config: loosening them in the working tree changes
 * nothing for `capsule done` (and the change itself is a REFEREE_SETTINGS_CHANGED finding).
 */
const LIMITS = '.sentinel/context/limits/context-limits.json';
const TOKEN = 'gh' + 'p_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2';

let a: Arena;
beforeAll(async () => {
  a = await arena({
    // Still in WRITE: the playbook's VERIFY phase was never entered.
    phase: 'WRITE',
    files: { 'README.md': '# Demo\n\none\ntwo\nthree\nfour\n' },
    // The base's limits hold the README (Allowed Context) to 3 lines: it has 6.
    setup: (dir) => {
      const file = path.join(dir, LIMITS);
      const limits = JSON.parse(readFileSync(file, 'utf8'));
      limits.overrides = [...(limits.overrides ?? []), { pattern: 'README.md', maxLines: 3, reason: 'kept short on purpose' }];
      writeFileSync(file, `${JSON.stringify(limits, null, 2)}\n`);
    },
  });
});
beforeEach(() => a.reset());
afterAll(() => a.repo.cleanup());

function edit(relative: string, change: (text: string) => string): void {
  const file = path.join(a.repo.dir, relative);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

describe('roster, context limits and allowlist are read at the base', () => {
  it('dropping VERIFY from its own playbook does not let the lead skip it', async () => {
    edit('.sentinel/agents/scribe/PLAYBOOK.md', (text) => text.replace(/3\) VERIFY[\s\S]*?(?=4\) HANDOFF)/, ''));
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });
    const result = await done(a);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('never entered VERIFY');
  });

  it('raising the budget in the working-tree limits does not pass the context gate', async () => {
    edit(LIMITS, (text) => text.replace('"maxLines": 3,', '"maxLines": 300,'));
    a.repo.write({ 'docs/guide.md': HONEST_GUIDE });
    const result = await doneCli(a, '--skip-phases', 'attack test');
    expect(result.code).toBe(1);
    expect(result.failed).toContain('context');
    const context = result.report.gates.find((g: any) => g.gate === 'context');
    expect(context.diagnostics.some((d: any) => d.path === 'README.md' && d.severity === 'error')).toBe(true);
    expect(result.codes).toContain('REFEREE_SETTINGS_CHANGED');
  });

  it('allowlisting its own leaked token in the working tree does not silence the secrets gate', async () => {
    a.repo.write({ 'docs/guide.md': `${HONEST_GUIDE}\ntoken: ${TOKEN}\n` });
    const scan = await a.run('secrets', 'scan', 'docs/guide.md', '--json');
    const finding = scan.json().data.findings[0];
    expect(finding.rule).toBe('github-token');
    const config = JSON.parse(readFileSync(path.join(a.repo.dir, '.sentinel/config.json'), 'utf8'));
    const allowlist = config.secrets?.allowlist ?? '.sentinel/secrets-allowlist.json';
    a.repo.write({
      [allowlist]: `${JSON.stringify({ version: 1, allow: [{ rule: finding.rule, path: 'docs/guide.md', fingerprint: finding.fingerprint, reason: 'a fake' }] }, null, 2)}\n`,
    });
    const allowed = await a.run('secrets', 'scan', 'docs/guide.md', '--json');
    expect(allowed.json().data.allowed).toHaveLength(1);
    const result = await done(a, '--skip-phases', 'attack test');
    expect(result.code).toBe(1);
    expect(result.failed).toContain('secrets');
    expect(result.codes).toContain('SECRET_GITHUB_TOKEN');
    const evidence = JSON.parse(readFileSync(path.join(a.repo.dir, a.state().evidenceFile), 'utf8'));
    expect(evidence.refereeConfig.settings).toMatch(/^base [0-9a-f]{12}$/);
    expect(JSON.stringify(evidence)).not.toContain(TOKEN);
  });
});
