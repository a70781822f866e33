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
  if (/^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|env\.|vars?\.|local\.|secrets\.|settings\.|config\.|self\.|this\.|ENC\[)/.test(value))
    return true;
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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Leading bytes of binary formats a repository commonly holds (images, archives, executables). */
const MAGIC: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x50, 0x4b, 0x03, 0x04], // zip (jar, docx, xlsx, ...)
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64-bit
];

const startsWith = (content: Uint8Array, magic: readonly number[]) => content.length >= magic.length && magic.every((b, i) => content[i] === b);

/**
 * Binary files are not scanned: a known binary format (PNG/JPEG/GIF/zip/gzip/executables), or a
 * sample holding NUL bytes that is not UTF-8 or is at least a tenth NUL/control bytes (UTF-16,
 * packed numbers). A stray NUL in otherwise text does not make a file binary, so one planted NUL
 * cannot hide a token from the scan.
 */
export function isBinary(content: Uint8Array): boolean {
  if (MAGIC.some((magic) => startsWith(content, magic))) return true;
  const limit = Math.min(content.length, 8000);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < limit; i++) {
    const byte = content[i]!;
    if (byte === 0) nul++;
    else if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) control++;
  }
  if (nul === 0) return false;
  if ((nul + control) * 10 >= limit) return true;
  // Cut the sample back to a character boundary so a sequence split at the limit is not an error.
  let end = limit;
  if (end < content.length) while (end > 0 && end > limit - 4 && (content[end]! & 0xc0) === 0x80) end--;
  try {
    strictUtf8.decode(content.subarray(0, end));
    return false;
  } catch {
    return true;
  }
}

/** Shortest printable run of a binary file worth scanning: a provider token is longer still. */
const MIN_RUN = 16;

const isPrintable = (byte: number): boolean => (byte >= 0x20 && byte < 0x7f) || byte === 0x09;

/**
 * The printable ASCII runs (≥ 16 characters) of a binary file, like strings(1), joined into one
 * text that keeps each run's place: every other byte becomes a space, a line end (LF, CR) stays,
 * so a finding's line and column are those of the bytes. A token hidden after a PNG header or in
 * NUL padding is text again; the compressed or packed rest of the file is blank. Runs stored as
 * UTF-16 (LE or BE, like `strings -el`/`-eb`) are written out as ASCII at the start of their bytes.
 */
export function printableRuns(content: Uint8Array): string {
  const out = Buffer.alloc(content.length, 0x20);
  let runStart = -1;
  for (let i = 0; i <= content.length; i++) {
    const byte = i < content.length ? content[i]! : 0;
    // Line ends stay (a CRLF PEM block inside a tar still matches the private-key rule).
    if (byte === 0x0a || byte === 0x0d) out[i] = byte;
    if (isPrintable(byte)) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0 && i - runStart >= MIN_RUN) out.set(content.subarray(runStart, i), runStart);
    runStart = -1;
  }
  writeUtf16Runs(content, out);
  return out.toString('latin1');
}

/**
 * UTF-16 runs of 16+ printable ASCII characters or line ends: a printable byte beside a zero byte, in either
 * order, at either byte parity. A BE run seen from the other parity looks like an LE run one
 * character shorter, so the longest runs are written first and a run overlapping one already
 * written is dropped. No UTF-16 run overlaps an ASCII run (its every other byte is zero).
 */
function writeUtf16Runs(content: Uint8Array, out: Buffer): void {
  const runs: { start: number; end: number; text: number[]; bigEndian: boolean }[] = [];
  for (const bigEndian of [false, true]) {
    for (let parity = 0; parity < 2; parity++) {
      let start = -1;
      let text: number[] = [];
      for (let i = parity; i <= content.length; i += 2) {
        const low = i + 1 < content.length ? content[bigEndian ? i + 1 : i]! : 0;
        const high = i + 1 < content.length ? content[bigEndian ? i : i + 1]! : 1;
        // A line end inside the run stays in its text, so a PEM line ends where its characters do.
        if (high === 0 && (isPrintable(low) || low === 0x0a || low === 0x0d)) {
          if (start < 0) start = i;
          text.push(low);
          continue;
        }
        if (start >= 0 && text.length >= MIN_RUN) runs.push({ start, end: i, text, bigEndian });
        start = -1;
        text = [];
      }
    }
  }
  if (runs.length === 0) return;
  // Between zero bytes a run reads as both; LE (what Windows writes) wins the tie.
  runs.sort((a, b) => b.text.length - a.text.length || Number(a.bigEndian) - Number(b.bigEndian) || a.start - b.start);
  const written: { start: number; end: number }[] = [];
  for (const run of runs) {
    if (written.some((w) => run.start < w.end && w.start < run.end)) continue;
    written.push(run);
    out.set(run.text, run.start);
    // Its line ends moved to the text; the bytes after it are blank (same count of lines, so later lines keep their numbers).
    out.fill(0x20, run.start + run.text.length, run.end);
  }
}
