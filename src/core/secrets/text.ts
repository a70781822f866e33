/** Small pure helpers the secret scanner and the log redaction check share. */

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Never print a secret: eight asterisks (whatever the length, so the length does not leak either)
 * then its last four characters; short values are masked completely.
 */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  return chars.length >= 12 ? `********${chars.slice(-4).join('')}` : '********';
}

const PLACEHOLDER_WORDS = /example|placeholder|changeme|change_me|change-me|your[_-]|redacted|dummy|sample|fake|xxxx|\*\*\*|todo|replace|[_-]here$/i;

/** Values that stand for a secret instead of being one: `${DB_PASSWORD}`, `<token>`, `changeme`, `xxxxxxxx`. */
export function looksLikePlaceholder(value: string): boolean {
  if (/^[$%{<[(]/.test(value)) return true;
  // References to where the secret lives (`process.env.X`, `var.db_password`) and SOPS ciphertext.
  if (/^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env\.|vars?\.|local\.|secrets\.|settings\.|config\.|self\.|this\.|ENC\[)/.test(value)) return true;
  if (/\$\{|\{\{|%\(|<[A-Za-z_-]+>/.test(value)) return true;
  if (/^(.)\1+$/.test(value)) return true;
  if (PLACEHOLDER_WORDS.test(value)) return true;
  // Plain words (`my-secret-name`, `postgres`) are names, not credentials.
  return /^[a-z]+(?:[_.-][a-z]+)*$/.test(value);
}

/** Values a log may hold at a must-be-masked key. */
export function isMaskedValue(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === 'boolean') return true;
  if (typeof value === 'string') {
    const v = value.trim();
    return v === '' || /^\*+$/.test(v) || /^[[<(]?\s*(redacted|filtered|masked|hidden|removed)\s*[\]>)]?$/i.test(v);
  }
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** Binary files (a NUL byte near the start) are not scanned. */
export function isBinary(content: Uint8Array): boolean {
  const limit = Math.min(content.length, 8000);
  for (let i = 0; i < limit; i++) if (content[i] === 0) return true;
  return false;
}
