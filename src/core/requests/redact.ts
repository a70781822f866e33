import { MAX_DOCUMENT_DEPTH } from '../schema/bounded.js';
import { SECRET_NAME } from '../secrets/redact.js';

/** Request-only names the secret-name rule does not cover: payment data, replay keys, a bare `key`. */
const PAYMENT_AND_REPLAY = /card_?number|cvv|cvc|idempotency_?key|^key$/;
/** `clientSecret`, `X-Api-Key`, `card_cvv` → `client_secret`, `x_api_key`, `card_cvv`: words kept apart, so `needs_notification` never reads as `dsn`. */
const words = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('_');
/** One rule for secret-looking names, shared with the redactor of everything Sentinel prints. */
const isSensitiveKey = (key: string): boolean => SECRET_NAME.test(words(key)) || PAYMENT_AND_REPLAY.test(words(key));

const MAX_BODY = 2048;

/** What stands for a part nested too deep to walk: never the part itself, which could hold a secret under any key. */
export const TOO_DEEP = `[REDACTED: nested deeper than ${MAX_DOCUMENT_DEPTH} levels]`;

/** Recursion bounded by MAX_DOCUMENT_DEPTH, so a hostile 10,000-deep body cannot overflow the stack. */
function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DOCUMENT_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSensitiveKey(k) ? '[REDACTED]' : redactValue(v, depth + 1)]));
}

/** A response body for the evidence: JSON with sensitive keys masked, at most 2 KiB. */
export function redactBody(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(redactValue(body));
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length} chars)` : text;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, isSensitiveKey(k) ? '[REDACTED]' : v]));
}
