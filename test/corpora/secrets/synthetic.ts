/**
 * Deterministic synthetic credential values. Nothing here is, or was ever, a real credential: each
 * value is drawn from a seeded generator at load time, so the repository never holds a complete
 * token that a push-protection scanner would (rightly) refuse.
 */

/** mulberry32: a small seeded PRNG, good enough for test data. */
export function rng(seedText: string): () => number {
  let seed = 2166136261;
  for (const ch of seedText) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const HEX = '0123456789abcdef';
export const B64 = `${ALNUM}+/`;
export const B64URL = `${ALNUM}-_`;
export const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
export const LOWER_NUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export type Draw = (alphabet: string, length: number) => string;

export function drawFrom(random: () => number): Draw {
  return (alphabet, length) => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
    return out;
  };
}

/** A PEM private key block whose body is random base64 (it is not a valid key, only shaped like one). */
export function pemBlock(draw: Draw, label: string, lines = 12): string {
  const body = Array.from({ length: lines }, (_, i) => draw(B64, i === lines - 1 ? 44 : 64));
  return [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join('\n');
}

/** A mixed-character password a person might choose. */
export function password(draw: Draw): string {
  return `${draw(ALNUM, 6)}${draw('!#%&*+-=?@^_', 1)}${draw(ALNUM, 5)}${draw('0123456789', 2)}`;
}

export function base64Of(draw: Draw, bytes: number): string {
  const chars = Math.ceil((bytes * 4) / 3);
  const pad = (4 - (chars % 4)) % 4;
  return draw(B64, chars) + '='.repeat(pad);
}
