import { describe, expect, it } from 'vitest';
import { SECRET_RULES } from '../../../src/core/secrets/rules.js';
import { scanText } from '../../../src/core/secrets/scan.js';
import { credentialFiles } from '../../corpora/secrets/credentials.js';
import { privateKeyBlock, SAMPLES as S } from './samples.js';

const scan = (text: string, file = 'src/config.ts') => scanText(text, file, { entropyThreshold: 3.5 });
const rulesFound = (text: string, file?: string) => scan(text, file).map((f) => f.rule);

// Each rule: code that must be reported by that rule, and near-misses that must not be reported at all.
const CASES: { rule: string; positive: string[]; negative: string[]; file?: string }[] = [
  {
    rule: 'aws-access-key-id',
    positive: [`const id = "${S.awsKeyId}";`, `id=${S.awsKeyId.replace('AKIA', 'ASIA')}`],
    negative: [`const id = "${'AKIA' + 'IOSFODNN7' + 'EXAMPLE'}";`, `const id = "${S.awsKeyId.slice(0, 12)}";`],
  },
  {
    rule: 'aws-secret-access-key',
    positive: [`aws_secret_access_key = ${S.awsSecret}`, `AWS_SECRET_ACCESS_KEY: "${S.awsSecret}"`],
    negative: ['aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]', `aws_secret_access_key = ${'x'.repeat(40)}`],
  },
  {
    rule: 'github-token',
    positive: [`token: ${S.github}`, `GH=${S.githubOauth}`, `x = '${S.github.replace('ghp_', 'ghs_')}'`],
    negative: [`const t = "${'ghp_' + 'short123'}";`, `const t = "${S.github.replace('ghp_', 'ghx_')}";`],
  },
  { rule: 'github-fine-grained-token', positive: [`pat ${S.githubPat}`], negative: [`pat ${'github_pat_' + 'abc'}`] },
  { rule: 'gitlab-token', positive: [`GITLAB ${S.gitlab}`], negative: [`GITLAB ${'glpat-' + 'short'}`] },
  { rule: 'slack-token', positive: [`slack ${S.slack}`], negative: [`slack ${S.slack.replace('xoxb', 'xoxz')}`, `slack ${'xoxb-' + 'abc'}`] },
  {
    rule: 'slack-webhook',
    positive: [`hook = ${S.slackWebhook}`],
    negative: [`hook = ${'https://hooks.slack.com/services/' + 'T000/B000/XXX'}`],
  },
  {
    rule: 'stripe-key',
    positive: [`stripe ${S.stripeLive}`, `stripe ${S.stripeRestricted}`, `stripe ${S.stripeTest}`],
    negative: [`publishable ${S.stripeLive.replace('sk_', 'pk_')}`],
  },
  { rule: 'google-api-key', positive: [`key ${S.google}`], negative: [`key ${'AIza' + 'short'}`] },
  {
    rule: 'private-key',
    positive: [privateKeyBlock(), privateKeyBlock('PRIVATE KEY', '\\n'), privateKeyBlock('OPENSSH PRIVATE KEY', '\r\n')],
    negative: ['-----BEGIN ' + 'PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----', privateKeyBlock('PUBLIC KEY')],
  },
  { rule: 'jwt', positive: [`Authorization: Bearer ${S.jwt}`], negative: [`x ${'eyJ' + 'abc.eyJ' + 'def.ghi'}`] },
  {
    rule: 'password-in-url',
    positive: [`DATABASE_URL=postgres://app:${S.urlPassword}@db.internal:5432/app`, `"redis://:${S.urlPassword}@cache:6379"`.replace('://:', '://default:')],
    negative: [
      'postgres://app:${DB_PASSWORD}@db:5432/app',
      'postgres://postgres:postgres@localhost:5432/dev',
      'https://example.com/users/a@b',
      'git@github.com:org/repo.git',
    ],
  },
  {
    rule: 'generic-secret-assignment',
    positive: [`api_key = "${S.generic}"`, `const clientSecret: string = '${S.generic}';`, `{"password": "${S.generic}"}`],
    negative: [
      'password = "changeme"',
      'password = os.getenv("DB_PASSWORD")',
      'const token = process.env.API_TOKEN;',
      `secret_name = "${S.generic}"`,
      'api_key = "aaaaaaaabbbbbbbb"',
      `token = "\${TOKEN}"`,
    ],
  },
  {
    rule: 'bearer-token',
    positive: [`curl -H "Authorization: Bearer ${S.generic}${S.generic}"`],
    negative: ['Authorization: Bearer <token>', 'Authorization: Bearer $API_TOKEN', 'Authorization: Bearer YOUR_ACCESS_TOKEN_HERE'],
  },
  {
    rule: 'generic-secret-yaml',
    file: 'compose.yml',
    positive: [`    POSTGRES_PASSWORD: ${S.generic}`, `  - api_key: ${S.generic}`],
    negative: [
      '    POSTGRES_PASSWORD: postgres',
      '  token: ${TOKEN}',
      '  password: !vault |',
      '  token_expired: Your session token has expired',
      '  secret_name: stripe-live-key',
    ],
  },
  {
    rule: 'postman-key',
    positive: [`key ${['PMAK', '-', 'a1b2c3d4e5f6a7b8c9d0e1f2', '-', '0123456789abcdef0123456789abcdef01'].join('')}`],
    negative: ['PMAK-<key>'],
  },
  { rule: 'new-relic-key', positive: [`NEW_RELIC ${['NRAK', '-', 'Z7Q2M4K9P1X3W8R5T6Y7U8I9O0P'].join('')}`], negative: ['NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX'] },
  { rule: 'square-token', positive: [`sq ${['sq0atp', '-', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3L'].join('')}`], negative: ['sq0atp-…'] },
  { rule: 'atlassian-token', positive: [`jira ${['ATATT3', 'xFfGF0'.repeat(31)].join('')}`], negative: ['ATATT3xxxxxxxx'] },
  {
    rule: 'generic-secret-env',
    file: '.env',
    positive: [`API_TOKEN=${S.generic}`, `export DB_PASSWORD=${S.generic}`],
    negative: ['DB_PASSWORD=changeme', 'API_TOKEN=$API_TOKEN', 'SECRET_FILE=/run/secrets/db', 'LOG_LEVEL=info'],
  },
];

describe('secret rules', () => {
  it('covers every rule with samples here or in the secrets corpus', () => {
    const fromCorpus = credentialFiles().flatMap((f) => rulesFound(f.text, f.file));
    const covered = new Set([...CASES.map((c) => c.rule), ...fromCorpus]);
    expect(SECRET_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  for (const { rule, positive, negative, file } of CASES) {
    it(`${rule}: reports every positive sample`, () => {
      for (const sample of positive) expect(rulesFound(sample, file), sample).toEqual([rule]);
    });
    it(`${rule}: stays quiet on near-misses`, () => {
      for (const sample of negative) expect(rulesFound(sample, file), sample).toEqual([]);
    });
  }
});
