/** Token counting with gpt-tokenizer (o200k_base), loaded only when some artifact sets maxTokens. */
let loaded: Promise<(text: string) => number> | undefined;

export function tokenCounter(): Promise<(text: string) => number> {
  loaded ??= import('gpt-tokenizer').then((m) => (text: string) => m.countTokens(text));
  return loaded;
}
