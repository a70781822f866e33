import { PROVIDER_RULES } from './provider-rules.js';

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
  /** The secret must not continue a longer word on its left (checked by the scanner, cheaply). */
  wordStart?: boolean;
  /** Run only on the lines holding a keyword (for rules that never span lines): far faster on code. */
  lineScoped?: boolean;
}

const KEY_WORDS = 'secret|token|password|passwd|pwd|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|client[_-]?secret';
/** Names that hold a reference to a secret rather than the secret (SECRET_NAME, token_url…). */
const NOT_A_VALUE =
  '(?<![_.-]?(?:name|names|path|file|url|uri|env|var|id|ids|type|field|header|label|prefix|length|len|count|regex|pattern|format|hint|policy|expiry|ttl))';

/** Keyword-and-entropy rules for secrets assigned to secret-looking names, in any syntax. */
const GENERIC_RULES: readonly SecretRule[] = [
  {
    id: 'password-in-url',
    description: 'Password in a URL',
    // Starts at the `://` literal (the scheme is checked behind it) so the scan jumps from URL to URL.
    regex: '://(?<=[a-zA-Z0-9+.-]://)[^\\s:@/\'"`<>]{1,100}:([^\\s@/\'"`<>]{3,})@[A-Za-z0-9.-]+',
    secretGroup: 1,
    keywords: ['://'],
    skipPlaceholders: true,
  },
  {
    id: 'bearer-token',
    description: 'Bearer token in an Authorization header',
    regex: '\\bBearer[ \\t]+([A-Za-z0-9._~+/-]{20,}=*)(?![A-Za-z0-9._~+/=-])',
    secretGroup: 1,
    entropy: 'config',
    keywords: ['bearer'],
    skipPlaceholders: true,
  },
  {
    id: 'generic-secret-assignment',
    description: 'Secret assigned to a secret-looking name',
    // Starts at the keyword, wherever it sits in the name (`clientSecret`, `DB_PASSWORD`).
    regex: `(?:${KEY_WORDS})[A-Za-z0-9_]{0,40}${NOT_A_VALUE}["'\`]?(?:\\s*:\\s*[A-Za-z][A-Za-z0-9_<>\\[\\]| ]{0,60}?)?\\s*(?:=|:|:=|=>)\\s*(["'\`])([^"'\`\\s\\\\]{8,})\\1`,
    flags: 'i',
    secretGroup: 2,
    entropy: 'config',
    keywords: ['secret', 'token', 'passw', 'pwd', 'key'],
    skipPlaceholders: true,
    lineScoped: true,
  },
  {
    id: 'generic-secret-yaml',
    description: 'Secret in an unquoted YAML value',
    // A value ending in `;` or `,` is code (`token: Token;`), not YAML.
    regex: `^[ \\t]*(?:- )?(?=[A-Za-z0-9_.-]{1,80}:[ \\t])[A-Za-z0-9_.-]{0,40}(?:${KEY_WORDS})[A-Za-z0-9_]{0,40}${NOT_A_VALUE}:[ \\t]+([^\\s"'\`#&*!|>{[$%@][^\\s#]{6,}[^\\s#;,])[ \\t]*$`,
    flags: 'mi',
    secretGroup: 1,
    entropy: 'config',
    keywords: ['secret', 'token', 'passw', 'pwd', 'key'],
    skipPlaceholders: true,
    lineScoped: true,
  },
  {
    id: 'generic-secret-env',
    description: 'Secret in a dotenv, shell, INI or Dockerfile assignment',
    // Shell `export`, Dockerfile `ENV`/`ARG`; names ending in `_KEY` count too (`AZURE_STORAGE_KEY`).
    // The lookahead drops every line that is not `NAME=` before the keyword search starts.
    regex: `^[ \\t]*(?:(?:export|ENV|ARG)[ \\t]+)?(?=[A-Za-z0-9_.]{1,80}[ \\t]*=)[A-Z0-9_.]{0,40}(?:${KEY_WORDS.replace(/\[_-\]/g, '[_.]')}|_KEY)[A-Z0-9_]{0,40}${NOT_A_VALUE}[ \\t]*=[ \\t]*(["']?)([^\\s"'\`#$][^\\s"'\`#]{7,})\\1[ \\t]*$`,
    flags: 'mi',
    secretGroup: 2,
    entropy: 'config',
    keywords: ['secret', 'token', 'passw', 'pwd', 'key'],
    skipPlaceholders: true,
    lineScoped: true,
  },
];

/** Specific rules first: when two rules match the same text, the earlier one is reported. */
export const SECRET_RULES: readonly SecretRule[] = [...PROVIDER_RULES, ...GENERIC_RULES];
