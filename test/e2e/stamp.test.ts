import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { BACKENDER_ROSTER } from '../helpers/roster.js';

/*
 * Runs are in-process (runInProcess: same output, exit code and files) except the first, which
 * spawns the built binary so output and exit code are also proven as a shell sees them.
 */

const LEDGER = '.sentinel/DECISIONS.md';
const entry = (id: string, scope = 'orders') =>
  [`ID: ${id}`, 'Date: 2025-01-01', 'Author: backender', `Scope: ${scope}`, 'Decision: d', 'Rationale: r', 'Outputs: src/cli.js', 'Supersedes: -'].join('\n');
const ledger = (next: string, ...entries: string[]) => `# Ledger\n\n## NEXT_ID\n${next}\n\n${entries.join('\n\n')}\n`;
const AGENT = BACKENDER_ROSTER;
const SAMPLES = {
  'src/cli.js': '#!/usr/bin/env node\n"use strict";\nconsole.log(1);\n',
  'src/tool.py': '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(1)\n',
  'scripts/run.sh': '#!/usr/bin/env bash\necho hi\n',
  'config/app.yaml': '---\nport: 8080\n',
  'db/001_init.sql': 'CREATE TABLE t (id INTEGER);\n',
  'docs/page.md': '---\ntitle: T\n---\n# Page\n',
  'data/seed.json': '{"a":1}\n',
};

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());
const read = (file: string) => readFileSync(path.join(repo!.dir, file), 'utf8');

describe('sentinel stamp', () => {
  it('stamps each file in its syntax, keeps preambles, and the files still parse', async () => {
    repo = makeTempRepo({ ...AGENT, ...SAMPLES, [LEDGER]: ledger('D-0002', entry('D-0001')) });
    chmodSync(path.join(repo.dir, 'scripts/run.sh'), 0o755);
    const files = ['src/cli.js', 'src/tool.py', 'scripts/run.sh', 'config/app.yaml', 'db/001_init.sql', 'docs/page.md'];
    const res = await runSentinel(['stamp', ...files, '--decision', 'D-0001', '--agent', 'backender', '--json'], { cwd: repo.dir });
    expect(res.code).toBe(0);
    expect(res.json().files.map((f: { status: string }) => f.status)).toEqual(Array(6).fill('inserted'));
    const header = 'ProducedBy=BACKENDER RulesHash=BACKENDER@1.2 Decision=D-0001';
    expect(read('src/cli.js').split('\n').slice(0, 3)).toEqual(['#!/usr/bin/env node', '"use strict";', `// ${header}`]);
    expect(read('src/tool.py').split('\n')[2]).toBe(`# ${header}`);
    expect(read('db/001_init.sql').split('\n')[0]).toBe(`-- ${header}`);
    expect(read('docs/page.md').split('\n')[3]).toBe(`<!-- ${header} -->`);
    execFileSync(process.execPath, ['--check', path.join(repo.dir, 'src/cli.js')]);
    execFileSync('python3', ['-m', 'py_compile', path.join(repo.dir, 'src/tool.py')]);
    execFileSync('bash', ['-n', path.join(repo.dir, 'scripts/run.sh')]);
    expect(statSync(path.join(repo.dir, 'scripts/run.sh')).mode & 0o111).not.toBe(0);

    const before = files.map(read);
    const again = await runInProcess(['stamp', ...files, '--decision', 'D-0001', '--agent', 'backender', '--json'], { cwd: repo.dir });
    expect(again.json().files.map((f: { status: string }) => f.status)).toEqual(Array(6).fill('unchanged'));
    expect(files.map(read)).toEqual(before);
  });

  it('updates the header in place for a new decision', async () => {
    repo = makeTempRepo({ ...AGENT, ...SAMPLES, [LEDGER]: ledger('D-0003', entry('D-0001'), entry('D-0002')) });
    await runInProcess(['stamp', 'src/tool.py', '--decision', 'D-0001', '--agent', 'backender'], { cwd: repo.dir });
    const once = read('src/tool.py');
    const res = await runInProcess(['stamp', 'src/tool.py', '--decision', 'D-0002', '--agent', 'backender'], { cwd: repo.dir });
    expect(res.stdout).toMatch(/^updated/);
    expect(read('src/tool.py')).toBe(once.replace('Decision=D-0001', 'Decision=D-0002'));
  });

  it('refuses JSON and binary files with the reason and writes nothing', async () => {
    repo = makeTempRepo({ ...AGENT, ...SAMPLES, [LEDGER]: ledger('D-0002', entry('D-0001')) });
    writeFileSync(path.join(repo.dir, 'src/blob.ts'), Buffer.from([0x61, 0x00, 0x62]));
    const res = await runInProcess(['stamp', 'src/cli.js', 'data/seed.json', 'src/blob.ts', '--decision', 'D-0001', '--agent', 'backender'], { cwd: repo.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('data/seed.json: JSON cannot hold comments: its provenance is recorded in the ledger instead');
    expect(res.stderr).toContain('src/blob.ts: binary');
    expect(read('src/cli.js')).toBe(SAMPLES['src/cli.js']);
  });

  it('requires the decision to exist (exit 2)', async () => {
    repo = makeTempRepo({ ...AGENT, ...SAMPLES, [LEDGER]: ledger('D-0002', entry('D-0001')) });
    const res = await runInProcess(['stamp', 'src/cli.js', '--decision', 'D-0005', '--agent', 'backender'], { cwd: repo.dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('D-0005 is not in .sentinel/DECISIONS.md');
  });

  it('takes the agent and capsule from the active capsule, and needs an agent otherwise', async () => {
    repo = makeTempRepo({ ...AGENT, ...SAMPLES, [LEDGER]: ledger('D-0002', entry('D-0001')) });
    const noAgent = await runInProcess(['stamp', 'src/cli.js', '--decision', 'D-0001'], { cwd: repo.dir });
    expect(noAgent.code).toBe(2);
    expect(noAgent.stderr).toContain('--agent');
    repo.write({
      '.sentinel/capsules/orders-api/capsule.md': '# Capsule orders-api@12345678\n\n## Goal\nx\n',
      '.sentinel/state/orders-api.json': JSON.stringify({
        schema: 1,
        slug: 'orders-api',
        status: 'in_progress',
        lead: 'backender',
        history: [],
        handoffs: [],
        evidence: [],
        createdAt: '2025-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
      }),
    });
    const res = await runInProcess(['stamp', 'src/cli.js', '--decision', 'D-0001', '--dry-run'], { cwd: repo.dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('would insert');
    expect(res.stdout).toContain('// ProducedBy=BACKENDER RulesHash=BACKENDER@1.2 Decision=D-0001 Capsule=orders-api');
    expect(read('src/cli.js')).toBe(SAMPLES['src/cli.js']);
  });
});
