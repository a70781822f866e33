/** A token counter: gpt-tokenizer (o200k_base), imported only when a command actually counts. */
export type TokenCounter = (text: string) => number;

let counter: Promise<TokenCounter> | undefined;

export function loadTokenCounter(): Promise<TokenCounter> {
  return (counter ??= import('gpt-tokenizer').then((m) => {
    // Text that merely mentions `<|endoftext|>` is counted as text, not rejected as a special token.
    const options = { disallowedSpecial: new Set<string>() };
    return (text: string) => m.countTokens(text, options);
  }));
}
