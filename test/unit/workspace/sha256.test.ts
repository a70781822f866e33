import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Small } from '../../../src/core/workspace/sha256.js';

const native = (text: string) => createHash('sha256').update(text).digest('hex');

/** A fixed pseudo-random sequence (xorshift32), so every run checks the same inputs. */
function* seeded(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield (x >>> 0) / 0x100000000;
  }
}

describe('sha256Small', () => {
  it('equals node:crypto on the standard vectors', () => {
    expect(sha256Small('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Small('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Small('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(native('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'));
  });

  it('equals node:crypto at every length around the block and padding edges, in UTF-8', () => {
    for (let length = 0; length <= 200; length++) {
      expect(sha256Small('a'.repeat(length)), `length ${length}`).toBe(native('a'.repeat(length)));
      // Two- and four-byte characters move the byte length off the string length.
      expect(sha256Small('é'.repeat(length))).toBe(native('é'.repeat(length)));
      expect(sha256Small('😀'.repeat(length))).toBe(native('😀'.repeat(length)));
    }
  });

  it('equals node:crypto on 500 seeded random texts up to 5,000 characters', () => {
    const random = seeded(0x5e71);
    const next = () => random.next().value as number;
    for (let n = 0; n < 500; n++) {
      const length = Math.floor(next() * 5000);
      let text = '';
      for (let i = 0; i < length; i++) text += String.fromCharCode(next() < 0.9 ? 32 + Math.floor(next() * 95) : 160 + Math.floor(next() * 0xd000));
      expect(sha256Small(text)).toBe(native(text));
    }
  });
});
