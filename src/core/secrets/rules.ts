/**
 * Secret-detection rules, kept as data so they can be reviewed, documented and extended without
 * touching the scanner. `regex` is a JavaScript regular-expression source; `secretGroup` names
 * the capture group holding the secret itself (0 = the whole match).
 */
export interface SecretRule {
  id: string;
  description: string;
  regex: string;
  /** Extra flags besides `g` (e.g. `i`, `m`). */
  flags?: string;
  secretGroup?: number;
  /** Minimum Shannon entropy (bits per character) of the secret; `config` uses secrets.entropyThreshold. */
  entropy?: number | 'config';
  /** Cheap pre-filter: the rule only runs on text containing one of these (case-insensitive). */
  keywords?: string[];
  /** Skip values that look like placeholders (`${VAR}`, `<token>`, `changeme`, `xxxx`…). */
  skipPlaceholders?: boolean;
  /** Skip secrets matching this pattern (documented example values). */
  ignore?: string;
}

const KEY_WORDS = 'secret|token|password|passwd|pwd|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret';
/** Names that hold a reference to a secret rather than the secret (SECRET_NAME, token_url…). */
const NOT_A_VALUE = '(?<![_-](?:name|names|path|file|url|uri|env|var|id|ids|type|field|header|label|prefix|length|len|count|regex|pattern))';

export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id',
    regex: '\\b((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{16})\\b',
    secretGroup: 1,
    ignore: 'EXAMPLE$',
  },
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
  {
    id: 'github-token',
    description: 'GitHub token',
    regex: '\\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255})\\b',
    secretGroup: 1,
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  },
  {
    id: 'github-fine-grained-token',
    description: 'GitHub fine-grained personal access token',
    regex: '\\b(github_pat_[A-Za-z0-9_]{60,255})\\b',
    secretGroup: 1,
    keywords: ['github_pat_'],
  },
  {
    id: 'gitlab-token',
    description: 'GitLab personal access token',
    regex: '\\b(glpat-[A-Za-z0-9_-]{20,})',
    secretGroup: 1,
    keywords: ['glpat-'],
  },
  {
    id: 'slack-token',
    description: 'Slack token',
    regex: '\\b(xox[baprs]-[A-Za-z0-9]+-[A-Za-z0-9-]{8,})',
    secretGroup: 1,
    keywords: ['xox'],
  },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    regex: '(https://hooks\\.slack\\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]{16,})',
    secretGroup: 1,
    keywords: ['hooks.slack.com'],
  },
  {
    id: 'stripe-key',
    description: 'Stripe secret or restricted key',
    regex: '\\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})',
    secretGroup: 1,
    keywords: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_'],
  },
  {
    id: 'google-api-key',
    description: 'Google API key',
    regex: '\\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])',
    secretGroup: 1,
    keywords: ['AIza'],
  },
  {
    id: 'private-key',
    description: 'Private key block',
    regex: '-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:\\\\r|\\r)?(?:\\\\n|\\n)(?:[A-Za-z-]+:[^\\n]*(?:\\\\n|\\n)|(?:\\\\r|\\r)?(?:\\\\n|\\n))*([A-Za-z0-9+/=]{32,})',
    secretGroup: 1,
    keywords: ['PRIVATE KEY'],
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    regex: '\\b(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{10,})',
    secretGroup: 1,
    keywords: ['eyJ'],
  },
  {
    id: 'password-in-url',
    description: 'Password in a URL',
    regex: '\\b[a-zA-Z][a-zA-Z0-9+.-]{0,20}://[^\\s:@/\'"`<>]{1,100}:([^\\s@/\'"`<>]{3,})@[A-Za-z0-9.-]+',
    secretGroup: 1,
    keywords: ['://'],
    skipPlaceholders: true,
  },
  {
    id: 'generic-secret-assignment',
    description: 'Secret assigned to a secret-looking name',
    regex: `\\b[A-Za-z0-9_.-]{0,40}(?:${KEY_WORDS})[A-Za-z0-9_]{0,40}${NOT_A_VALUE}["'\`]?(?:\\s*:\\s*[A-Za-z][A-Za-z0-9_<>\\[\\]| ]{0,60}?)?\\s*(?:=|:|:=|=>)\\s*(["'\`])([^"'\`\\s\\\\]{8,})\\1`,
    flags: 'i',
    secretGroup: 2,
    entropy: 'config',
    keywords: ['secret', 'token', 'passw', 'pwd', 'key'],
    skipPlaceholders: true,
  },
  {
    id: 'generic-secret-env',
    description: 'Secret in a dotenv or shell assignment',
    regex: `^[ \\t]*(?:export[ \\t]+)?[A-Z0-9_]{0,40}(?:${KEY_WORDS.toUpperCase().replace(/\[_-\]/g, '_')})[A-Z0-9_]{0,40}${NOT_A_VALUE.toUpperCase()}[ \\t]*=[ \\t]*([^\\s"'\`#$][^\\s"'\`#]{7,})[ \\t]*$`,
    flags: 'm',
    secretGroup: 1,
    entropy: 'config',
    keywords: ['SECRET', 'TOKEN', 'PASSW', 'PWD', 'KEY'],
    skipPlaceholders: true,
  },
];
