import { describe, expect, it } from 'vitest';
import { scanText } from '../../../src/core/secrets/scan.js';
import { SAMPLES as S } from './samples.js';

// sentinel-kit's AGENTS.md documents an MCP env block with "<NAME>_HERE" placeholders.
const AGENTS_MD = `\`\`\`json
"env": {
  "ANTHROPIC_API_KEY": "ANTHROPIC_API_KEY_HERE",
  "PERPLEXITY_API_KEY": "PERPLEXITY_API_KEY_HERE",
  "MISTRAL_API_KEY": "MISTRAL_API_KEY_HERE",
  "AZURE_OPENAI_API_KEY": "AZURE_OPENAI_API_KEY_HERE"
}
\`\`\`
`;

describe('placeholders written as <NAME>_HERE', () => {
  it('are not secrets', () => {
    expect(scanText(AGENTS_MD, 'AGENTS.md', { entropyThreshold: 3.5 })).toEqual([]);
  });

  it('a real key in the same place still is', () => {
    expect(scanText(AGENTS_MD.replace('MISTRAL_API_KEY_HERE', S.github), 'AGENTS.md', { entropyThreshold: 3.5 }).length).toBe(1);
  });
});
