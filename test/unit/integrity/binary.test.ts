import { describe, expect, it } from 'vitest';
import { isBinary } from '../../../src/core/secrets/text.js';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];
const text = (s: string) => Buffer.from(s, 'utf8');

describe('isBinary', () => {
  it('real binaries are binary: PNG, JPEG and zip magic, random bytes, UTF-16', () => {
    expect(isBinary(Buffer.from(PNG))).toBe(true);
    expect(isBinary(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), text('JFIF token')]))).toBe(true);
    expect(isBinary(Buffer.concat([text('PK\u0003\u0004'), text('a.txt')]))).toBe(true);
    const random = Buffer.alloc(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
    random[7] = 0;
    expect(isBinary(random)).toBe(true);
    expect(isBinary(Buffer.from('token = abc\n', 'utf16le'))).toBe(true);
  });

  it('text is text, also with one stray NUL or a few control bytes, and a long file with a NUL', () => {
    expect(isBinary(text('plain text\n'))).toBe(false);
    expect(isBinary(text('token = abc\u0000def\n'))).toBe(false);
    expect(isBinary(text('\u0000PNG ghp_0123456789abcdefghijklmnopqrstuvwxyz\n'))).toBe(false);
    expect(isBinary(text(`${'line of text\n'.repeat(1000)}\u0000\u0001 ende\n`))).toBe(false);
    expect(isBinary(text('größe: ü\u0000\n'))).toBe(false);
  });

  it('a NUL in content that is not UTF-8 is binary', () => {
    expect(
      isBinary(Buffer.from([0x41, 0x00, 0xff, 0xfe, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x51])),
    ).toBe(true);
  });
});
