// A generated, seeded workspace for `sentinel check` at scale: capsules, contract fixtures and
// source files in one git commit. Shared by bench/check.mjs, bench/run.mjs and the sharding test.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The issue-14 sizes: capsules / fixtures / source files. */
export const SIZES = {
  small: { capsules: 100, contracts: 2, fixturesPerContract: 100, sources: 2_000 },
  medium: { capsules: 1_000, contracts: 20, fixturesPerContract: 100, sources: 20_000 },
  large: { capsules: 3_000, contracts: 60, fixturesPerContract: 100, sources: 60_000 },
};

/** Small deterministic PRNG (mulberry32), so a seed always generates the same workspace. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODULES = 200;
const pad = (n, width) => String(n).padStart(width, '0');
export const sourcePath = (i) => `src/mod${pad(i % MODULES, 3)}/file${pad(i, 5)}.ts`;

function writer(root) {
  const made = new Set();
  return (rel, content) => {
    const file = path.join(root, rel);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(file, content);
  };
}

/**
 * Write the workspace and commit it. `faults: true` plants findings in every sliced gate (over-budget
 * files, undocumented and unused env vars, fixtures that fail, a missing Allowed Context path), so
 * a sharded run has something to agree on.
 */
export function generateCheckWorkspace(root, size = SIZES.medium, { seed = 20_240_601, faults = false } = {}) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const hex8 = () =>
    Math.floor(random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  const write = writer(root);
  const uuid = () => {
    const s = `${hex8()}${hex8()}${hex8()}${hex8()}`;
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
  };
  const fault = (i, every) => faults && i % every === every - 1;

  write('.sentinel/config.json', JSON.stringify({ version: 1 }, null, 2));
  write(
    '.sentinel/DECISIONS.md',
    '# Decisions\n\n## NEXT_ID\nD-0002\n\nID: D-0001\nDate: 2024-05-01\nAuthor: BENCH\nScope: bench\nDecision: Generated workspace\nRationale: Benchmark\nOutputs: src/**\nSupersedes: none\n',
  );
  write(
    '.sentinel/context/limits/context-limits.json',
    JSON.stringify(
      {
        defaultMaxLines: 300,
        warningThreshold: 0.8,
        forbiddenPaths: ['.env'],
        artifacts: [
          { name: 'source', globs: ['src/**/*.ts'], maxLines: 400 },
          { name: 'capsules', globs: ['.specify/specs/*/capsule.md'], maxLines: 300 },
        ],
      },
      null,
      2,
    ),
  );
  const envRows = ['| PORT | listen port |', ...(faults ? ['| LEGACY_FLAG | nothing reads it |', '| RARE_FLAG | read by one file |'] : [])];
  write(
    'ops/backend/runbook.md',
    [
      '# Backend runbook',
      '',
      '## Startup',
      '`npm start`',
      '',
      '## Environment variables',
      '| name | purpose |',
      '| --- | --- |',
      ...envRows,
      '',
      '## Migrations',
      'Forward-only, `npm run migrate`.',
      '',
      '## Common queries',
      '`SELECT 1`',
      '',
      '## Risks',
      'None known.',
      '',
    ].join('\n'),
  );

  for (let i = 0; i < size.capsules; i++) {
    const slug = `capsule-${pad(i, 4)}`;
    const outputs = [sourcePath((i * 7) % size.sources), sourcePath((i * 7 + 1) % size.sources)];
    const context = [sourcePath((i * 13 + 2) % size.sources), `src/mod${pad(i % MODULES, 3)}/**`, ...(fault(i, 97) ? [`docs/missing-${i}.md`] : [])];
    const text = [
      `<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 Decision=D-0001 Capsule=${slug} -->`,
      `# Capsule ${slug}@${hex8()}`,
      '',
      '## Goal',
      `Implement ${pick(['orders', 'billing', 'users', 'inventory'])} step ${i}. It must be verifiable.`,
      '',
      '## Required Outputs',
      ...outputs.map((o) => `- \`${o}\``),
      '',
      '## Acceptance Criteria',
      fault(i, 89) ? '- It works well' : `- \`npm test -- ${slug}\` passes`,
      '- `sentinel contracts validate` passes',
      '',
      '## Allowed Context',
      ...context.map((c) => `- \`${c}\``),
      '',
      '## Router Notes',
      `- Lead: ${pick(['backender', 'builder', 'verifier'])}`,
      '',
    ].join('\n');
    write(`.specify/specs/${pad(i, 4)}-capsule/capsule.md`, text);
  }

  for (let c = 0; c < size.contracts; c++) {
    const id = `domain${pad(c, 2)}.v1`;
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['id', 'email', 'total', 'createdAt'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', format: 'uuid' },
        email: { type: 'string', format: 'email' },
        total: { type: 'number', minimum: 0 },
        createdAt: { type: 'string', format: 'date-time' },
        items: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } },
      },
    };
    write(`.sentinel/contracts/${id}.json`, JSON.stringify({ contract: id, schema }, null, 2));
    for (let n = 0; n < size.fixturesPerContract; n++) {
      const bad = n % 5 === 4;
      const good = {
        id: uuid(),
        email: `user${c * 1000 + n}@example.com`,
        total: Math.round(random() * 10_000) / 100,
        createdAt: '2024-05-01T10:00:00Z',
        items: [{ sku: `SKU-${n}` }],
      };
      // A planted fault: a "good" fixture the schema rejects.
      const value = bad
        ? pick([
            { ...good, email: 'not-an-email' },
            { ...good, total: -1 },
            { ...good, id: 'x' },
          ])
        : fault(c * 1000 + n, 211)
          ? { ...good, total: -5 }
          : good;
      write(`.sentinel/contracts/fixtures/${id}/${bad ? 'bad' : 'good'}/f${pad(n, 3)}.json`, JSON.stringify(value, null, 2));
    }
  }

  for (let i = 0; i < size.sources; i++) {
    const lines = [`// ProducedBy=BUILDER RulesHash=BUILDER@1.0 Decision=D-0001`, `export function f${i}(input: number): number {`];
    const body = fault(i, 1_999) ? 420 : 10 + Math.floor(random() * 40);
    for (let l = 0; l < body; l++) lines.push(`  input = (input * ${l + 3}) % ${1000 + i};`);
    if (i % 50 === 0) lines.push('  input += Number(process.env.PORT ?? 0);');
    if (fault(i, 3_001)) lines.push(`  input += Number(process.env.UNDOCUMENTED_${i % 3} ?? 0);`);
    if (faults && i === Math.floor(size.sources / 3)) lines.push('  input += Number(process.env.RARE_FLAG ?? 0);');
    lines.push('  return input;', '}', '');
    write(sourcePath(i), lines.join('\n'));
  }

  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.com');
  git('config', 'user.name', 'Sentinel Bench');
  git('config', 'commit.gpgsign', 'false');
  // No background gc after the big commit: it would race with deleting the folder.
  git('config', 'gc.auto', '0');
  git('add', '-A');
  git('commit', '-q', '-m', 'generated workspace');
}
