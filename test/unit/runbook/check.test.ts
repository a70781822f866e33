import { describe, expect, it } from 'vitest';
import { evaluateRunbook } from '../../../src/core/runbook/check.js';
import type { EnvRead } from '../../../src/core/runbook/env-reads.js';
import { ROLE_RUNBOOKS } from '../../../src/core/workspace/config-types.js';

const requirement = ROLE_RUNBOOKS.backender!;
const read = (name: string, path = 'src/a.ts', line = 1): EnvRead => ({ name, path, line, column: 1 });

const complete = (rows: string[]) =>
  [
    '# Backend runbook',
    '## Startup',
    'npm start',
    '## Environment Variables',
    '| Variable | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r}\` | yes | | it |`),
    '## Migrations',
    'npm run migrate; rollback: write a new migration',
    '## Common queries',
    'curl localhost:3000/health',
    '## Risks',
    'none',
    '',
  ].join('\n');

const evaluate = (text: string | undefined, reads: EnvRead[] = [], sourceCount = 1, required = true) =>
  evaluateRunbook({ agent: 'backender', requirement, text, reads, sourceCount, required });

describe('evaluateRunbook', () => {
  it('passes a complete runbook documenting every variable read', () => {
    const report = evaluate(complete(['PORT', 'DATABASE_URL']), [read('PORT'), read('DATABASE_URL')]);
    expect(report.diagnostics).toEqual([]);
    expect(report.envVarsDocumented).toEqual(['DATABASE_URL', 'PORT']);
  });

  it('fails on a missing or empty required section (case-insensitive, comments count as empty)', () => {
    const text = complete([]).replace('## Risks\nnone', '## Risks\n<!-- later -->').replace('## Common queries\ncurl localhost:3000/health\n', '');
    const codes = evaluate(text).diagnostics.map((d) => [d.code, d.message]);
    expect(codes).toEqual([
      ['RUNBOOK_SECTION_MISSING', 'Required section "## Common queries" is missing'],
      ['RUNBOOK_SECTION_EMPTY', 'Section "## Risks" is empty'],
    ]);
  });

  it('does not take a heading inside a code fence for a section', () => {
    const text = complete([]).replace('## Risks\nnone', '```\n## Risks\n```');
    expect(evaluate(text).diagnostics.map((d) => d.code)).toContain('RUNBOOK_SECTION_MISSING');
  });

  it('points an undocumented variable at the code that reads it, once per file', () => {
    const diagnostics = evaluate(complete(['PORT']), [read('PORT'), read('SECRET_KEY', 'src/b.ts', 7), read('SECRET_KEY', 'src/b.ts', 9)]).diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RUNBOOK_ENV_UNDOCUMENTED', severity: 'error', path: 'src/b.ts', line: 7 });
    expect(diagnostics[0]!.fix).toContain('sentinel runbook append --file ops/backend/runbook.md --section "Environment Variables"');
  });

  it('warns about rows no code reads', () => {
    const diagnostics = evaluate(complete(['PORT', 'LEGACY_FLAG']), [read('PORT')]).diagnostics;
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'RUNBOOK_ENV_UNUSED', severity: 'warning', path: 'ops/backend/runbook.md', line: 8 })]);
  });

  it('fails when the environment section has no table but the code reads variables', () => {
    const text = complete([]).replace(/\| Variable.*\n\| ---.*\n/, 'PORT is used\n');
    expect(evaluate(text, [read('PORT')]).diagnostics.map((d) => [d.code, d.severity])).toEqual([['RUNBOOK_ENV_TABLE_MISSING', 'error']]);
    expect(evaluate(text, []).diagnostics.map((d) => [d.code, d.severity])).toEqual([['RUNBOOK_ENV_TABLE_MISSING', 'warning']]);
  });

  it('fails on a missing runbook only when there is code it covers and its role leads the work', () => {
    const missing = evaluate(undefined, [], 3).diagnostics;
    expect(missing).toEqual([expect.objectContaining({ code: 'RUNBOOK_MISSING', severity: 'error', path: 'ops/backend/runbook.md' })]);
    expect(missing[0]!.fix).toContain('sentinel runbook set --file ops/backend/runbook.md');
    expect(evaluate(undefined, [], 0).diagnostics).toEqual([]);
    const notYet = evaluate(undefined, [], 3, false).diagnostics;
    expect(notYet).toEqual([expect.objectContaining({ code: 'RUNBOOK_MISSING', severity: 'info' })]);
    expect(notYet[0]!.message).toContain('required once a capsule led by backender is under way');
  });
});
