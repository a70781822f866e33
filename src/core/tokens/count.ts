/**
 * The one token counter: gpt-tokenizer (o200k_base), imported only when a command actually
 * counts. BPE costs grow with the square of a run without separators (200 KB of letters took 79 s),
 * so text is counted in bounded pieces: runs of non-space characters longer than LONG_RUN are cut
 * into LONG_RUN-sized pieces (each cut may add a token: an estimate within a few percent, and never
 * below one token per 4 bytes of such a run), and the rest in chunks cut at a word boundary, where
 * the count is exact. Any input costs linear time and bounded stack.
 */
export type TokenCounter = (text: string) => number;

/** Longest run of non-space characters handed to the tokenizer at once. */
export const LONG_RUN = 256;
/** Size of the chunks of ordinary text. */
const CHUNK = 8192;

let counter: Promise<TokenCounter> | undefined;

export function loadTokenCounter(): Promise<TokenCounter> {
  return (counter ??= import('gpt-tokenizer').then((m) => {
    // Text that merely mentions `<|endoftext|>` is counted as text, not rejected as a special token.
    const options = { disallowedSpecial: new Set<string>() };
    return chunkedCounter((text) => m.countTokens(text, options));
  }));
}

const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);

/** Where to end a chunk of ordinary text at or before `end`: before a single space that starts a word. */
function chunkEnd(text: string, start: number, end: number): number {
  for (let i = end; i > start + CHUNK / 2; i--) {
    if (text.charCodeAt(i) === 32 && !isSpace(text.charCodeAt(i - 1)) && !isSpace(text.charCodeAt(i + 1))) return i;
  }
  return end;
}

/** Wrap an exact counter so that it only ever sees bounded pieces of text. */
export function chunkedCounter(exact: TokenCounter): TokenCounter {
  return (text) => {
    if (text.length <= LONG_RUN) return exact(text);
    let total = 0;
    const countOrdinary = (from: number, to: number): void => {
      let start = from;
      while (start < to) {
        const end = to - start <= CHUNK ? to : chunkEnd(text, start, start + CHUNK);
        total += exact(text.slice(start, end));
        start = end;
      }
    };
    // One pass over the text (no regex: a 10 MB run overflows the regex engine's stack).
    let from = 0;
    let runStart = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && !isSpace(text.charCodeAt(i))) continue;
      if (i - runStart > LONG_RUN) {
        countOrdinary(from, runStart);
        for (let p = runStart; p < i; p += LONG_RUN) total += exact(text.slice(p, Math.min(p + LONG_RUN, i)));
        from = i;
      }
      runStart = i + 1;
    }
    countOrdinary(from, text.length);
    return total;
  };
}
