import { SECRET_NAME } from '../secrets/redact.js';

/** Request-only keys the secret-name rule does not cover (payment data, replay keys); compared ignoring case, - and _. */
const PAYMENT_AND_REPLAY = ['cardnumber', 'cvv', 'cvc', 'idempotencykey'];
const squash = (key: string): string => key.toLowerCase().replace(/[-_]/g, '');
/** One rule for secret-looking names, shared with the redactor of everything Sentinel prints. */
const isSensitiveKey = (key: string): boolean => SECRET_NAME.test(squash(key)) || PAYMENT_AND_REPLAY.includes(squash(key));

const MAX_BODY = 2048;

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSensitiveKey(k) ? '[REDACTED]' : redactValue(v)]));
  return value;
}

/** A response body for the evidence: JSON with sensitive keys masked, at most 2 KiB. */
export function redactBody(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(redactValue(body));
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length} chars)` : text;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, isSensitiveKey(k) ? '[REDACTED]' : v]));
}
