import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALNUM, B64URL, HEX, UPPER_NUM, drawFrom, password, pemBlock, rng } from '../corpora/secrets/synthetic.js';
import { SENTINEL_BIN, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';

/**
 * Issue 11 item 6: a project command, a sentinel test, a log and a source file all print or hold
 * secrets of nine kinds (one of them only the value of a secret-looking environment variable);
 * every output Sentinel prints or writes — text, --json, SARIF, JUnit, Markdown, evidence, state,
 * MCP results, prompt --pack — is grepped for each of them.
 */
const draw = drawFrom(rng('integrity-redaction'));
const pem = pemBlock(draw, 'RSA PRIVATE KEY', 6);
const SECRETS: Record<string, string> = {
  github: `ghp_${draw(ALNUM, 36)}`,
  aws: `AKIA${draw(UPPER_NUM, 16)}`,
  stripe: `sk_live_${draw(ALNUM, 24)}`,
  slack: `xoxb-${draw('0123456789', 12)}-${draw('0123456789', 13)}-${draw(ALNUM, 24)}`,
  npm: `npm_${draw(ALNUM, 36)}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJ${draw(B64URL, 40)}.${draw(B64URL, 43)}`,
  urlPassword: password(draw),
  pemBody: pem.split('\n')[3]!,
  envOnly: `${draw(HEX, 12)}${draw(ALNUM, 12)}`,
};
const leakLines = [
  `GITHUB_TOKEN=${SECRETS.github}`,
  `aws key ${SECRETS.aws}`,
  `using ${SECRETS.stripe}`,
  `slack ${SECRETS.slack}`,
  `//registry.npmjs.org/:_authToken=${SECRETS.npm}`,
  `Authorization: Bearer ${SECRETS.jwt}`,
  `connecting to postgres://app:${SECRETS.urlPassword}@db.internal:5432/app`,
  pem,
];

let repo: TempRepo;
const env = { ACME_SERVICE_TOKEN: SECRETS.envOnly };
const run = (...args: string[]) => runSentinel(args, { cwd: repo.dir, env });
const outputs: Record<string, string> = {};

function assertClean(where: string, text: string): void {
  for (const [kind, secret] of Object.entries(SECRETS)) {
    const at = text.indexOf(secret);
    expect(at < 0, `${where} holds the ${kind} secret: …${text.slice(Math.max(0, at - 300), at + 80)}…`).toBe(true);
  }
}

beforeAll(async () => {
  repo = makeTempRepo({ 'README.md': '# Demo\n' });
  expect((await run('init')).code).toBe(0);
  const lines = JSON.stringify([...leakLines, 'env: %ENV%']);
  repo.write({
    'scripts/leak.mjs': `for (const line of ${lines}) console.log(line.replace('%ENV%', process.env.ACME_SERVICE_TOKEN ?? ''));\nprocess.exit(1);\n`,
    '.sentinel/tests/sentinels/leak.test.mjs': `import test from 'node:test';\nimport assert from 'node:assert';\ntest('client', () => { assert.strictEqual(${JSON.stringify(leakLines.join('\n'))} + process.env.ACME_SERVICE_TOKEN, 'ok'); });\n`,
    'notes/setup.md': `# Setup\n\n${leakLines.map((l) => `    ${l.replace(/\n/g, '\n    ')}`).join('\n')}\n`,
  });
  const configFile = path.join(repo.dir, '.sentinel/config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.gates.commands = { test: { run: 'node scripts/leak.mjs' } };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const created = await run(
    'capsule',
    'new',
    'leaky',
    '--goal',
    'Fix the leaky client.',
    '--output',
    'src/client.ts',
    '--accept',
    '`node --test` passes',
    '--context',
    'notes/setup.md',
    '--lead',
    'backender',
  );
  expect(created.code, created.stderr + created.stdout).toBe(0);
  repo.commit('setup');
  expect((await run('route', 'leaky')).code).toBe(0);
  // The work under review: a source file and a log holding the same secrets.
  repo.write({
    'src/client.ts': leakLines.map((l, i) => `export const v${i} = ${JSON.stringify(l)};`).join('\n') + '\n',
    'logs/app.jsonl':
      leakLines
        .slice(0, 7)
        .map((l) => JSON.stringify({ level: 'debug', msg: l }))
        .join('\n') + '\n',
  });

  const json = await run('check', '--skip', 'mcp', '--json', '--sarif', 'out/check.sarif', '--junit', 'out/check.xml', '--markdown', 'out/check.md');
  expect(json.code).toBe(1);
  outputs['check --json'] = json.stdout + json.stderr;
  const text = await run('check', '--skip', 'mcp');
  outputs['check (text)'] = text.stdout + text.stderr;
  for (const f of ['check.sarif', 'check.xml', 'check.md']) outputs[`out/${f}`] = readFileSync(path.join(repo.dir, 'out', f), 'utf8');
  const commands = await run('commands', 'run');
  outputs['commands run'] = commands.stdout + commands.stderr;
  const commandsJson = await run('commands', 'run', '--json');
  outputs['commands run --json'] = commandsJson.stdout + commandsJson.stderr;
  const sentinels = await run('sentinels', 'run');
  outputs['sentinels run'] = sentinels.stdout + sentinels.stderr;
  expect((await run('capsule', 'phase', 'leaky', 'VERIFY')).code).toBe(0);
  const done = await run('capsule', 'done', 'leaky', '--json');
  outputs['capsule done --json'] = done.stdout + done.stderr;
  expect(done.code, done.stdout + done.stderr).toBe(1);
  const evidenceDir = path.join(repo.dir, '.sentinel/evidence/leaky');
  for (const f of readdirSync(evidenceDir)) outputs[`evidence ${f}`] = readFileSync(path.join(evidenceDir, f), 'utf8');
  outputs['state'] = readFileSync(path.join(repo.dir, '.sentinel/state/leaky.json'), 'utf8');
  const pack = await run('prompt', 'leaky', '--pack', '--budget', '20000');
  outputs['prompt --pack'] = pack.stdout + pack.stderr;
  const packJson = await run('prompt', 'leaky', '--pack', '--budget', '20000', '--json');
  outputs['prompt --pack --json'] = packJson.stdout + packJson.stderr;

  const client = new Client({ name: 'redaction-test', version: '1' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [SENTINEL_BIN, 'mcp', '--root', repo.dir],
      env: { ...(process.env as Record<string, string>), ...env },
      stderr: 'pipe',
    }),
  );
  try {
    for (const [name, args] of [
      ['sentinel_check', { skip: ['mcp'] }],
      ['sentinel_run', { commands: ['test'] }],
      ['sentinel_run', {}],
      ['sentinel_prompt', { capsule: 'leaky', pack: true, budget: 20000 }],
    ] as const) {
      const result = await client.callTool({ name, arguments: args });
      outputs[`mcp ${name} ${JSON.stringify(args)}`] = JSON.stringify(result);
    }
  } finally {
    await client.close();
  }
}, 240_000);
afterAll(() => repo.cleanup());

describe('no output holds a secret (issue 11 item 6)', () => {
  it('the leaks really happened: the command ran, the test failed, the gates saw the files', () => {
    expect(outputs['commands run']).toContain('GITHUB_TOKEN=********');
    expect(outputs['check --json']).toMatch(/SECRET_GITHUB_TOKEN/);
    expect(outputs['prompt --pack']).toContain('notes/setup.md');
    expect(outputs['mcp sentinel_check {"skip":["mcp"]}']).toContain('COMMAND_FAILED');
    expect(Object.keys(outputs).length).toBeGreaterThanOrEqual(15);
  });

  it('masks every kind of secret in every output', () => {
    for (const [where, text] of Object.entries(outputs)) assertClean(where, text);
  });

  it('masks the value of a secret-looking environment variable that matches no rule', () => {
    expect(outputs['commands run']).toContain(`env: ********${SECRETS.envOnly.slice(-4)}`);
  });
});
