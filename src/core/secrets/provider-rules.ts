import type { SecretRule } from './rules.js';

/** A rule for a token whose prefix and shape identify the provider, so no keyword or entropy is needed. */
const token = (id: string, description: string, pattern: string, keywords: string[], extra: Partial<SecretRule> = {}): SecretRule => ({
  id,
  description,
  // The "not inside a longer word" check on the left is done by the scanner (wordStart): a leading
  // lookbehind would run at every position of every file, before the prefix literal.
  regex: `(${pattern})(?![A-Za-z0-9_])`,
  secretGroup: 1,
  wordStart: true,
  keywords,
  ...extra,
});

/**
 * Provider tokens with a recognisable prefix (the shapes follow the providers' own documentation
 * and gitleaks' rule set). Kept apart from the generic rules so each list stays readable.
 */
export const PROVIDER_RULES: readonly SecretRule[] = [
  token(
    'aws-access-key-id',
    'AWS access key id',
    '(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{16}',
    ['akia', 'asia', 'abia', 'acca', 'agpa', 'aida', 'aipa', 'aroa', 'anpa', 'anva', 'apka'],
    { ignore: 'EXAMPLE$' },
  ),
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    regex: 'aws[_-]?secret[_-]?(?:access[_-]?)?key["\']?\\s*(?:[:=]|:=|=>)\\s*["\']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])',
    flags: 'i',
    secretGroup: 1,
    entropy: 3.5,
    keywords: ['aws'],
    ignore: 'EXAMPLEKEY$',
  },
  token('github-token', 'GitHub token', '(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']),
  token('github-fine-grained-token', 'GitHub fine-grained personal access token', 'github_pat_[A-Za-z0-9_]{60,255}', ['github_pat_']),
  token('gitlab-token', 'GitLab token', 'gl(?:pat|dt|ptt|rt|soat|ffct)-[A-Za-z0-9_-]{20,}', ['glpat-', 'gldt-', 'glptt-', 'glrt-', 'glsoat-', 'glffct-']),
  token('slack-token', 'Slack token', 'xox[baprse]-[A-Za-z0-9]+-[A-Za-z0-9-]{8,}', ['xox']),
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    regex: '(https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Za-z0-9_]+/[A-Za-z0-9_]+/[A-Za-z0-9_]{16,})',
    secretGroup: 1,
    keywords: ['hooks.slack.com'],
  },
  token('stripe-key', 'Stripe secret or restricted key', '(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}', ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_']),
  token('google-api-key', 'Google API key', 'AIza[0-9A-Za-z_-]{35}', ['aiza']),
  {
    id: 'private-key',
    description: 'Private key block',
    // The body may be indented (YAML block scalars) or written with escaped `\n` (JSON strings).
    regex:
      '-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:\\\\r|\\r)?(?:\\\\n|\\n)(?:[ \\t]*[A-Za-z-]+:[^\\n]*(?:\\\\n|\\n)|[ \\t]*(?:\\\\r|\\r)?(?:\\\\n|\\n))*[ \\t]*([A-Za-z0-9+/=]{32,})',
    secretGroup: 1,
    keywords: ['private key'],
  },
  token('jwt', 'JSON Web Token', 'eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{10,}', ['eyj']),
  token('npm-token', 'npm access token', 'npm_[A-Za-z0-9]{36}', ['npm_']),
  token('sendgrid-key', 'SendGrid API key', 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', ['sg.']),
  {
    id: 'azure-storage-key',
    description: 'Azure storage account key',
    regex: '(?:AccountKey=|azure[_-]?storage[_-]?(?:account[_-]?)?(?:access[_-]?)?key["\']?\\s*[:=]\\s*["\']?)([A-Za-z0-9+/]{86}==)',
    flags: 'i',
    secretGroup: 1,
    keywords: ['accountkey', 'azure'],
  },
  token('huggingface-token', 'Hugging Face access token', 'hf_[A-Za-z]{34}', ['hf_']),
  token('vault-token', 'HashiCorp Vault token', 'hv[sb]\\.[A-Za-z0-9_-]{24,}', ['hvs.', 'hvb.']),
  token('openai-key', 'OpenAI API key', 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}', ['sk-', 't3blbkfj']),
  token('anthropic-key', 'Anthropic API key', 'sk-ant-(?:api|admin)\\d\\d-[A-Za-z0-9_-]{80,}', ['sk-ant-']),
  token('twilio-api-key', 'Twilio API key', 'SK[0-9a-fA-F]{32}', ['sk']),
  token('mailgun-key', 'Mailgun API key', 'key-[0-9a-f]{32}', ['key-']),
  token('discord-bot-token', 'Discord bot token', '[MNO][A-Za-z0-9]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}', ['.']),
  // Also inside API URLs, where the token follows `/bot`.
  {
    ...token('telegram-bot-token', 'Telegram bot token', '[0-9]{8,10}:AA[A-Za-z0-9_-]{33}', [':aa']),
    regex: '(?<![0-9])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])',
    wordStart: false,
  },
  token('shopify-token', 'Shopify access token', 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}', ['shpat_', 'shpca_', 'shppa_', 'shpss_']),
  token('digitalocean-token', 'DigitalOcean token', 'do[opr]_v1_[a-f0-9]{64}', ['_v1_']),
  token('pypi-token', 'PyPI upload token', 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}', ['pypi-ageichlwas5vcmc']),
  token('docker-hub-token', 'Docker Hub personal access token', 'dckr_pat_[A-Za-z0-9_-]{27,}', ['dckr_pat_']),
  token('databricks-token', 'Databricks token', 'dapi[a-f0-9]{32}(?:-\\d+)?', ['dapi']),
  token('sentry-token', 'Sentry auth token', 'sntry[su]_[A-Za-z0-9+/=_]{40,}', ['sntrys_', 'sntryu_']),
  token('linear-key', 'Linear API key', 'lin_(?:api|oauth)_[A-Za-z0-9]{40}', ['lin_api_', 'lin_oauth_']),
  token('grafana-token', 'Grafana service-account or cloud token', 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2}', ['glsa_', 'glc_']),
  token('age-secret-key', 'age secret key', 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', ['age-secret-key-1']),
  token('postman-key', 'Postman API key', 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}', ['pmak-']),
  token('atlassian-token', 'Atlassian API token', 'ATATT3[A-Za-z0-9_=-]{180,}', ['atatt3']),
  token('new-relic-key', 'New Relic user API key', 'NRAK-[A-Z0-9]{27}', ['nrak-']),
  token('square-token', 'Square access token', 'EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}', ['eaaa', 'sq0atp-', 'sq0csp-']),
];
