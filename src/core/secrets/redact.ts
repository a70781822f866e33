import { findSecretSpans } from './scan.js';
import { maskSecret } from './text.js';

/**
 * The one redactor everything Sentinel prints or writes passes through: the secret rules, plus the
 * values of environment variables whose names look secret (given by the caller, since core never
 * reads the environment). A secret becomes its mask (`********` + last four characters).
 */
export interface Redactor {
  text(text: string): string;
  /** A deep copy with every string redacted (keys stay as they are). */
  value<T>(value: T): T;
}

/** Names that hold a secret: environment variables here, JSON keys and headers in request evidence. `auth`, `authorization`, but not `author`. */
export const SECRET_NAME =
  /secret|token|passw|pwd|api_?key|access_?key|private_?key|credential|auth(?!or(?!i[sz]))|session|cookie|signing|webhook|dsn|conn(?:ection)?_?str/i;
const NOT_SECRET_NAME = /^(?:npm_config_|npm_package_|npm_lifecycle_)|_(?:file|path|dir|url|uri|host|port|user|username|name|type|id)$/i;
/** Too short or too plain to be worth masking everywhere it appears (`true`, `8080`, `en_US`). */
const TOO_PLAIN = /^(?:true|false|yes|no|on|off|null|none|undefined|\d+)$/i;

/** Values of environment variables whose names look secret (`GITHUB_TOKEN`, `DB_PASSWORD`…). */
export function secretEnvValues(env: Readonly<Record<string, string | undefined>>): string[] {
  const out = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !SECRET_NAME.test(name) || NOT_SECRET_NAME.test(name)) continue;
    const v = value.trim();
    if (v.length >= 8 && !TOO_PLAIN.test(v)) out.add(v);
  }
  // Longest first, so a value that contains another is masked whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * A private key block is masked whole, from BEGIN through END (or to the end when the output was
 * cut), whatever sits between: test runners print it as `'…\\n' +` string pieces, logs indent it.
 */
const PEM_BLOCK = /(-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----)[\s\S]*?(?:(-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----)|$)/g;
const MIGHT_HOLD_SECRET = /[A-Za-z0-9]{8}/;

/** Characters of redacted strings a long-lived redactor keeps (`keep`), over which it starts again. */
const KEPT_CHARS = 16 * 1024 * 1024;

/**
 * `keep`: remember each string's redaction (a warm MCP server masks the same capsule rows call after
 * call; the masking is a function of the string alone for one redactor).
 */
export function createRedactor(options: { envValues?: readonly string[]; entropyThreshold?: number; keep?: boolean } = {}): Redactor {
  const envValues = options.envValues ?? [];
  const entropyThreshold = options.entropyThreshold ?? 3.5;
  const mask = (input: string): string => {
    if (input.length < 8) return input;
    let out = input;
    for (const value of envValues) if (out.includes(value)) out = out.split(value).join(maskSecret(value));
    if (!MIGHT_HOLD_SECRET.test(out)) return out;
    if (out.includes('PRIVATE KEY')) out = out.replace(PEM_BLOCK, (_all, begin: string, end?: string) => `${begin}********${end ?? ''}`);
    const spans = findSecretSpans(out, { entropyThreshold });
    for (let i = spans.length - 1; i >= 0; i--) {
      const span = spans[i]!;
      out = out.slice(0, span.start) + maskSecret(span.secret) + out.slice(span.end);
    }
    return out;
  };
  const kept = new Map<string, string>();
  let keptChars = 0;
  const text = !options.keep
    ? mask
    : (input: string): string => {
        if (input.length < 8) return input;
        let out = kept.get(input);
        if (out === undefined) {
          out = mask(input);
          if (keptChars + input.length > KEPT_CHARS) {
            kept.clear();
            keptChars = 0;
          }
          kept.set(input, out);
          keptChars += input.length;
        }
        return out;
      };
  const value = <T>(input: T): T => redactDeep(input, text) as T;
  return { text, value };
}

/** Deeper than any document Sentinel writes; what lies below is replaced, never shown unredacted. */
const MAX_DEPTH = 100;
const TOO_DEEP = `[REDACTED: nested deeper than ${MAX_DEPTH} levels]`;

function redactDeep(input: unknown, text: (s: string) => string, depth = 0): unknown {
  if (typeof input === 'string') return text(input);
  if (!input || typeof input !== 'object') return input;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(input)) return input.map((item) => redactDeep(item, text, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(input)) out[key] = redactDeep(item, text, depth + 1);
  return out;
}
