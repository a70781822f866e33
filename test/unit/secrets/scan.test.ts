import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedBy, parseAllowlist } from '../../../src/core/secrets/allowlist.js';
import { scanFiles } from '../../../src/core/secrets/files.js';
import { fingerprintOf, scanText } from '../../../src/core/secrets/scan.js';
import { isMaskedValue, maskSecret, printableRuns, shannonEntropy } from '../../../src/core/secrets/text.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { privateKeyBlock, SAMPLES as S } from './samples.js';

describe('masking and fingerprints', () => {
  it('shows only the last four characters, never the length', () => {
    expect(maskSecret(S.github)).toBe(`********${S.github.slice(-4)}`);
    expect(maskSecret('short-secret')).toBe('********cret');
    expect(maskSecret('tiny')).toBe('********');
  });

  it('findings carry the mask and a sha256 fingerprint of rule, file and secret, not the secret', () => {
    const [finding] = scanText(`x = "${S.github}"`, 'a.ts', { entropyThreshold: 3.5 });
    expect(finding).toEqual({
      rule: 'github-token',
      description: 'GitHub token',
      path: 'a.ts',
      line: 1,
      column: 6,
      masked: `********${S.github.slice(-4)}`,
      fingerprint: fingerprintOf('github-token', 'a.ts', S.github),
    });
    expect(JSON.stringify(finding)).not.toContain(S.github.slice(0, -4));
    expect(finding!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports line and column on later lines and CRLF files', () => {
    const [finding] = scanText(`a\r\nb\r\n  k = ${S.stripeLive}\r\n`, 'a.py', { entropyThreshold: 3.5 });
    expect(finding).toMatchObject({ line: 3, column: 7 });
  });

  it('keeps the specific rule when a generic one matches the same secret', () => {
    expect(scanText(`token = "${S.jwt}"`, 'a.ts', { entropyThreshold: 3.5 }).map((f) => f.rule)).toEqual(['jwt']);
  });

  it('applies the entropy threshold from config to generic assignments', () => {
    const text = `api_key = "${S.generic}"`;
    expect(scanText(text, 'a.ts', { entropyThreshold: 3.5 })).toHaveLength(1);
    expect(scanText(text, 'a.ts', { entropyThreshold: 5 })).toHaveLength(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('knows masked log values', () => {
    for (const v of ['[Redacted]', '[REDACTED]', '***', '<redacted>', '*', null, '', true]) expect(isMaskedValue(v), String(v)).toBe(true);
    for (const v of ['hunter2', 'Bearer abc', 123456, { a: 1 }, ['x']]) expect(isMaskedValue(v), JSON.stringify(v)).toBe(false);
  });
});

describe('allowlist', () => {
  const finding = scanText(`x = "${S.github}"`, 'src/a.ts', { entropyThreshold: 3.5 })[0]!;

  it('matches by rule, path glob and fingerprint (full or 12+ character prefix); all given fields must match', () => {
    const parse = (allow: unknown[]) => parseAllowlist(JSON.stringify({ allow }), 'allow.json');
    expect(allowedBy(finding, parse([{ rule: 'github-token', reason: 'test fixture' }]).entries)).toBeDefined();
    expect(allowedBy(finding, parse([{ path: 'src/**', reason: 'r' }]).entries)).toBeDefined();
    expect(allowedBy(finding, parse([{ fingerprint: finding.fingerprint.slice(0, 12), reason: 'r' }]).entries)).toBeDefined();
    expect(allowedBy(finding, parse([{ rule: 'github-token', path: 'test/**', reason: 'r' }]).entries)).toBeUndefined();
    expect(allowedBy(finding, parse([{ fingerprint: 'f'.repeat(64), reason: 'r' }]).entries)).toBeUndefined();
  });

  it('rejects entries without a reason or a matcher, and bad JSON, with diagnostics naming the file', () => {
    const bad = parseAllowlist(JSON.stringify({ allow: [{ rule: 'jwt' }, { reason: 'no matcher' }, { fingerprint: 'xyz', reason: 'r' }] }), 'allow.json');
    expect(bad.entries).toEqual([]);
    expect(bad.diagnostics.map((d) => [d.code, d.path])).toEqual(Array(3).fill(['SECRETS_ALLOWLIST_INVALID', 'allow.json']));
    expect(parseAllowlist('{', 'allow.json').diagnostics[0]).toMatchObject({ code: 'SECRETS_ALLOWLIST_INVALID', line: 1 });
  });
});

describe('scanFiles', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('binary files: only printable runs of 16+ characters are scanned, with the provider rules', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sentinel-secrets-'));
    const nul = Buffer.alloc(2000);
    // A generic `password=` assignment is not reported in a binary (no provider prefix), a short run is not read.
    writeFileSync(path.join(dir, 'a.dat'), Buffer.concat([nul, Buffer.from(`password=Zq8Lm2Xv9Rt4Wk7P\0${S.github}`), nul]));
    writeFileSync(path.join(dir, 'b.dat'), Buffer.concat([nul, Buffer.from(S.github.slice(0, 15)), Buffer.from([0]), Buffer.from(S.github.slice(15)), nul]));
    const result = await scanFiles(dir, structuredClone(DEFAULT_CONFIG), ['a.dat', 'b.dat']);
    expect(result.findings.map((f) => [f.path, f.rule])).toEqual([['a.dat', 'github-token']]);
  });

  it('binary files: a token stored as UTF-16 (LE or BE, at an odd offset too) is found at its line; a binary without findings stays skipped', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sentinel-secrets-'));
    const nul = Buffer.alloc(2001);
    const le = Buffer.from(`token: ${S.github}\n`, 'utf16le');
    const be = Buffer.from(le).swap16();
    writeFileSync(path.join(dir, 'le.reg'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('\n\0', 'latin1'), le]));
    writeFileSync(path.join(dir, 'be.dat'), Buffer.concat([nul, be, nul]));
    writeFileSync(path.join(dir, 'odd.dat'), Buffer.concat([nul, Buffer.from([0x41]), le, nul]));
    writeFileSync(path.join(dir, 'quiet.dat'), Buffer.concat([nul, Buffer.from('ProductName Microsoft Corporation', 'utf16le'), nul]));
    const result = await scanFiles(dir, structuredClone(DEFAULT_CONFIG), ['be.dat', 'le.reg', 'odd.dat', 'quiet.dat']);
    expect(result.findings.map((f) => [f.path, f.rule, f.line])).toEqual([
      ['be.dat', 'github-token', 1],
      ['le.reg', 'github-token', 2],
      ['odd.dat', 'github-token', 1],
    ]);
    expect(result.skipped).toEqual([{ path: 'quiet.dat', reason: 'binary' }]);
    expect(JSON.stringify(result)).not.toContain(S.github);
  });

  it('printableRuns keeps one text per place: UTF-16 runs do not garble the ASCII runs beside them', () => {
    const ascii = `${S.github} plain`;
    const content = Buffer.concat([Buffer.from(ascii), Buffer.alloc(8), Buffer.from(`${S.github}`, 'utf16le'), Buffer.alloc(8)]);
    const text = printableRuns(content);
    expect(text.length).toBe(content.length);
    expect(text.startsWith(ascii)).toBe(true);
    expect(text.slice(ascii.length + 8)).toContain(S.github);
  });

  it('binary files: a UTF-16 private key (LF or CRLF) is found at the lines it has as a text file, a token after it too', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sentinel-secrets-'));
    const nul = Buffer.alloc(2000);
    for (const [name, eol] of [
      ['lf', '\n'],
      ['crlf', '\r\n'],
    ] as const) {
      const text = `${privateKeyBlock('RSA PRIVATE KEY', eol)}${eol}token: ${S.github}${eol}`;
      writeFileSync(path.join(dir, `${name}.bin`), Buffer.concat([nul, Buffer.from(text, 'utf16le'), nul]));
      writeFileSync(path.join(dir, `${name}.txt`), text);
    }
    const result = await scanFiles(dir, structuredClone(DEFAULT_CONFIG), ['crlf.bin', 'crlf.txt', 'lf.bin', 'lf.txt']);
    const found = (file: string) => result.findings.filter((f) => f.path === file).map((f) => [f.rule, f.line]);
    for (const name of ['lf', 'crlf']) {
      expect(
        found(`${name}.txt`).map(([rule]) => rule),
        name,
      ).toEqual(['private-key', 'github-token']);
      expect(found(`${name}.bin`), name).toEqual(found(`${name}.txt`));
    }
  });

  it('binary files: a private key with CRLF line ends inside a binary is found', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sentinel-secrets-'));
    const nul = Buffer.alloc(2000);
    writeFileSync(path.join(dir, 'bundle.tar'), Buffer.concat([nul, Buffer.from(privateKeyBlock('RSA PRIVATE KEY', '\r\n')), nul]));
    const result = await scanFiles(dir, structuredClone(DEFAULT_CONFIG), ['bundle.tar']);
    expect(result.findings.map((f) => f.path)).toEqual(['bundle.tar']);
  });

  it('skips binary and excluded files, applies the allowlist, and never puts the secret in diagnostics', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sentinel-secrets-'));
    mkdirSync(path.join(dir, 'src'));
    mkdirSync(path.join(dir, '.sentinel'));
    writeFileSync(path.join(dir, 'src/a.ts'), `export const t = "${S.github}";\n`);
    writeFileSync(path.join(dir, 'src/b.ts'), `export const k = "${S.stripeLive}";\n`);
    // A binary (PNG magic): not read as text, but the token in its printable bytes is found.
    writeFileSync(
      path.join(dir, 'src/blob.bin'),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(S.github)]),
    );
    writeFileSync(path.join(dir, 'package-lock.json'), `{"x": "${S.github}"}`);
    const bFinding = scanText(`export const k = "${S.stripeLive}";\n`, 'src/b.ts', { entropyThreshold: 3.5 })[0]!;
    writeFileSync(path.join(dir, '.sentinel/secrets-allowlist.json'), JSON.stringify({ allow: [{ fingerprint: bFinding.fingerprint, reason: 'test key' }] }));
    const result = await scanFiles(dir, structuredClone(DEFAULT_CONFIG), ['src/a.ts', 'src/b.ts', 'src/blob.bin', 'package-lock.json']);
    expect(result.findings.map((f) => f.path)).toEqual(['src/a.ts', 'src/blob.bin']);
    expect(result.allowed.map((f) => [f.path, f.reason])).toEqual([['src/b.ts', 'test key']]);
    // The binary held a finding: it was scanned (its printable runs), not skipped.
    expect(result.skipped).toEqual([{ path: 'package-lock.json', reason: 'excluded' }]);
    expect(result.scanned).toEqual(['src/a.ts', 'src/b.ts', 'src/blob.bin']);
    const text = JSON.stringify(result);
    expect(text).not.toContain(S.github);
    expect(text).not.toContain(S.stripeLive);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'SECRET_GITHUB_TOKEN', path: 'src/a.ts', line: 1, column: 19 }),
      // Line and column of the bytes: the PNG magic holds two newlines (0x0a, at offsets 5 and 7).
      expect.objectContaining({ code: 'SECRET_GITHUB_TOKEN', path: 'src/blob.bin', line: 3, column: 5 }),
    ]);
    expect(result.diagnostics[0]!.fix).toContain(result.findings[0]!.fingerprint);
  });
});
