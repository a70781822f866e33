/**
 * Binary files for the secrets corpus, generated at load time (nothing binary is committed): tokens
 * hidden in a binary-looking file (after a PNG or gzip header, in NUL padding), and real binary
 * files (a noise PNG, gzip of source text, an executable's string table) that must stay quiet.
 */
import { gzipSync, deflateSync } from 'node:zlib';
import type { CorpusFile } from './credentials.js';
import { ALNUM, UPPER_NUM, drawFrom, pemBlock, rng } from './synthetic.js';

const bytes = (...parts: (string | Uint8Array | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** Bytes of a seeded generator: the look of compressed or packed data. */
function noise(seed: string, length: number): Uint8Array {
  const random = rng(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Uint8Array {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = bytes(type, data);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return bytes(length, body, crc);
}

/** A valid 32×32 RGB PNG of noise, with a tEXt chunk as image editors write them. */
function noisePng(seed: string): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(32, 0);
  header.writeUInt32BE(32, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = bytes(...Array.from({ length: 32 }, (_, y) => bytes([0], noise(`${seed}#${y}`, 96))));
  return bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], chunk('IHDR', header), chunk('tEXt', bytes('Software\0GIMP 2.10.34 (GNU Image Manipulation Program)')), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array()));
}

const SOURCE = `export function retry(fn, attempts = 3) {\n  for (let i = 0; i < attempts; i++) {\n    try {\n      return fn();\n    } catch (err) {\n      if (i === attempts - 1) throw err;\n    }\n  }\n}\n`.repeat(40);

export function binaryLookalikeFiles(): CorpusFile[] {
  const elfStrings = [
    '/lib64/ld-linux-x86-64.so.2',
    '__libc_start_main',
    '__cxa_finalize@GLIBC_2.2.5',
    '_ITM_deregisterTMCloneTable',
    'GCC: (Ubuntu 13.2.0-23ubuntu4) 13.2.0',
    'secret_token_length_mismatch',
    'sk_live_mode_not_configured_for_account',
    'AKIA_PREFIX_IS_CHECKED_ELSEWHERE',
  ];
  const elf = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], noise('elf', 400), ...elfStrings.flatMap((s) => [s, [0]]), noise('elf-tail', 400));
  return [
    { file: 'lookalike/binary/logo.png', text: noisePng('logo'), label: 'lookalike', kind: 'png' },
    { file: 'lookalike/binary/bundle.js.gz', text: gzipSync(SOURCE), label: 'lookalike', kind: 'gzip' },
    { file: 'lookalike/binary/tool.elf', text: elf, label: 'lookalike', kind: 'elf' },
    // A PE version resource: UTF-16LE strings that must stay quiet.
    {
      file: 'lookalike/binary/setup.exe',
      text: bytes('MZ', noise('pe', 500), Buffer.from('\0VS_VERSION_INFO\0CompanyName\0Contoso Ltd.\0ProductName\0Contoso Token Service\0OriginalFilename\0tokensvc.exe\0', 'utf16le'), noise('pe-tail', 500)),
      label: 'lookalike',
      kind: 'pe-utf16',
    },
    { file: 'lookalike/binary/state.db', text: bytes('SQLite format 3\0', noise('sqlite', 2000), 'CREATE TABLE tokens (id INTEGER PRIMARY KEY, token TEXT NOT NULL)', noise('sqlite-tail', 2000)), label: 'lookalike', kind: 'sqlite' },
  ];
}

export function binarySecretFiles(): CorpusFile[] {
  const draw = drawFrom(rng('binary'));
  const github = `ghp_${draw(ALNUM, 36)}`;
  const aws = `AKIA${draw(UPPER_NUM, 16)}`;
  const slack = `xoxb-${draw('0123456789', 12)}-${draw('0123456789', 13)}-${draw(ALNUM, 24)}`;
  const github2 = `ghp_${draw(ALNUM, 36)}`;
  const aws2 = `AKIA${draw(UPPER_NUM, 16)}`;
  const pem = pemBlock(draw, 'RSA PRIVATE KEY');
  const pemCrlf = pemBlock(draw, 'PRIVATE KEY', 16).replace(/\n/g, '\r\n');
  const pemSecret = (block: string) => block.split(/\r?\n/)[1]!;
  return [
    // The brief's case: a PNG header, then the token.
    { file: 'secret/binary/0/assets/pixel.png', text: bytes(noisePng('pixel').subarray(0, 60), `\n${github}\n`), label: 'secret', kind: 'binary-github-token', secret: github },
    { file: 'secret/binary/1/backup/dump.gz', text: bytes([0x1f, 0x8b, 8, 0], noise('gz', 300), `AWS_ACCESS_KEY_ID=${aws}`, noise('gz-tail', 300)), label: 'secret', kind: 'binary-aws-key', secret: aws },
    // Heavy NUL padding: a tenth of the sample or more makes a file binary.
    { file: 'secret/binary/2/config/settings.dat', text: bytes(new Uint8Array(4000), `slack_token=${slack}`, new Uint8Array(4000)), label: 'secret', kind: 'binary-slack-token', secret: slack },
    // UTF-16: a Windows .reg export (LE with its BOM) and a BE string table after noise, at an odd offset.
    { file: 'secret/binary/3/setup/keys.reg', text: bytes([0xff, 0xfe], Buffer.from(`Windows Registry Editor Version 5.00\r\n\r\n"GithubToken"="${github2}"\r\n`, 'utf16le')), label: 'secret', kind: 'binary-utf16-github-token', secret: github2 },
    { file: 'secret/binary/4/res/strings.bin', text: bytes(noise('utf16be', 301), Buffer.from(`AWS_ACCESS_KEY_ID=${aws2}`, 'utf16le').swap16(), noise('utf16be-tail', 300)), label: 'secret', kind: 'binary-utf16-aws-key', secret: aws2 },
    // UTF-16 private keys (a Windows key store, an installer resource): LF and CRLF line ends.
    { file: 'secret/binary/5/certs/store.bin', text: bytes(noise('utf16-pem', 400), Buffer.from(`${pem}\n`, 'utf16le'), noise('utf16-pem-tail', 400)), label: 'secret', kind: 'binary-utf16-private-key', secret: pemSecret(pem) },
    { file: 'secret/binary/6/setup/keys.res', text: bytes([0xff, 0xfe], Buffer.from(`Key=\r\n${pemCrlf}\r\n`, 'utf16le'), new Uint8Array(600)), label: 'secret', kind: 'binary-utf16-private-key', secret: pemSecret(pemCrlf) },
  ];
}
