import path from 'node:path';
import { normalizeText, readTextIfExists } from '../workspace/fs.js';
import { assetsDir } from '../workspace/package-dir.js';
import { PROMPTS_DIR } from '../workspace/layout.js';

/** Users override a shipped template by placing a file of the same name here. */
const USER_PROMPTS_DIR = PROMPTS_DIR;

interface PromptTemplate {
  name: string;
  text: string;
  /** Where it was read from: workspace-relative for an override, `assets/prompts/<name>` for the shipped one. */
  source: string;
  overridden: boolean;
}

export function loadTemplate(root: string, name: string): PromptTemplate {
  const userFile = path.posix.join(USER_PROMPTS_DIR, name);
  const user = readTextIfExists(path.join(root, userFile));
  if (user !== undefined) return { name, text: normalizeText(user), source: userFile, overridden: true };
  const shipped = readTextIfExists(path.join(assetsDir(), 'prompts', name));
  if (shipped === undefined) throw new Error(`The shipped prompt template assets/prompts/${name} is missing from the package`);
  return { name, text: normalizeText(shipped), source: `assets/prompts/${name}`, overridden: false };
}

/**
 * Replace `{{name}}` placeholders in one pass (values are never re-scanned, so a capsule that
 * itself contains braces renders as written). Unknown placeholders stay and are reported.
 */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const filled = text.replace(/\{\{\s*([a-zA-Z_][\w]*)\s*\}\}/g, (whole, key: string) => {
    if (Object.prototype.hasOwnProperty.call(values, key)) return values[key]!;
    unknown.add(key);
    return whole;
  });
  return { text: filled, unknown: [...unknown].sort() };
}
