import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { npxHookLine, plainHookScript, planHuskyHook, planLefthook, planPlainHook } from '../../../src/core/init/git-hooks-plan.js';

const line = npxHookLine('', '"$1"');

describe('plain git hook', () => {
  it('creates the script, then recognises it as its own', () => {
    const script = plainHookScript('');
    expect(planPlainHook(undefined, script, '.git/hooks/commit-msg')).toEqual({ action: 'create', content: script });
    expect(planPlainHook(script, script, '.git/hooks/commit-msg').action).toBe('unchanged');
  });

  it("never replaces a user's hook and says what to add", () => {
    const plan = planPlainHook('#!/bin/sh\ncommitlint --edit "$1"\n', plainHookScript(''), '.git/hooks/commit-msg');
    expect(plan.action).toBe('conflict');
    expect(plan.content).toBeUndefined();
    expect(plan.reason).toContain('sentinel hook commit-msg "$1"');
  });

  it('passes --root when the workspace is a sub-folder of the work tree', () => {
    const script = plainHookScript('services/orders');
    expect(script).toContain(
      'if [ -x services/orders/node_modules/.bin/sentinel ]; then exec services/orders/node_modules/.bin/sentinel --root services/orders hook commit-msg "$1"; fi',
    );
    expect(planPlainHook(script, script, 'x').action).toBe('unchanged');
    expect(plainHookScript("it's here")).toContain(`--root 'it'\\''s here'`);
  });
});

describe('husky', () => {
  it('creates .husky/commit-msg or appends to the one there', () => {
    expect(planHuskyHook(undefined, line, '.husky/commit-msg')).toEqual({ action: 'create', content: `${line}\n` });
    const plan = planHuskyHook('npx --no -- commitlint --edit "$1"', line, '.husky/commit-msg');
    expect(plan).toEqual({ action: 'append', content: `npx --no -- commitlint --edit "$1"\n${line}\n` });
    expect(planHuskyHook(plan.content, line, '.husky/commit-msg').action).toBe('unchanged');
  });

  it('refuses a hook that ends with exec or exit, where an appended line would never run', () => {
    for (const text of ['exec commitlint --edit "$1"\n', '#!/bin/sh\ncommitlint --edit "$1"\nexit 0\n']) {
      const plan = planHuskyHook(text, line, '.husky/commit-msg');
      expect(plan.action).toBe('conflict');
      expect(plan.reason).toContain(line);
    }
  });
});

describe('lefthook', () => {
  const run = npxHookLine('', '{1}');

  it('adds commit-msg.commands.sentinel, keeping comments and the other hooks', () => {
    const text = '# our hooks\npre-commit:\n  commands:\n    lint:\n      run: npm run lint # fast\n';
    const plan = planLefthook(text, run, 'lefthook.yml');
    expect(plan.action).toBe('append');
    expect(plan.content).toContain('# our hooks');
    expect(plan.content).toContain('npm run lint # fast');
    expect(parse(plan.content!)).toEqual({ 'pre-commit': { commands: { lint: { run: 'npm run lint' } } }, 'commit-msg': { commands: { sentinel: { run } } } });
    expect(planLefthook(plan.content!, run, 'lefthook.yml').action).toBe('unchanged');
  });

  it('adds to an existing commit-msg hook, as a job when it uses the jobs list', () => {
    const commands = planLefthook('commit-msg:\n  commands:\n    commitlint:\n      run: npx commitlint --edit {1}\n', run, 'lefthook.yml');
    expect(parse(commands.content!)['commit-msg'].commands).toEqual({ commitlint: { run: 'npx commitlint --edit {1}' }, sentinel: { run } });
    const jobs = planLefthook('commit-msg:\n  jobs:\n    - run: npx commitlint --edit {1}\n', run, 'lefthook.yml');
    expect(parse(jobs.content!)['commit-msg'].jobs).toEqual([{ run: 'npx commitlint --edit {1}' }, { name: 'sentinel', run }]);
    expect(planLefthook(jobs.content!, run, 'lefthook.yml').action).toBe('unchanged');
  });

  it('leaves a broken or conflicting file alone', () => {
    expect(planLefthook('commit-msg: [\n', run, 'lefthook.yml').action).toBe('conflict');
    expect(planLefthook('commit-msg:\n  commands:\n    sentinel:\n      run: echo other\n', run, 'lefthook.yml').action).toBe('conflict');
  });
});
