import { lineColumnAt } from '../schema/json-text.js';
import { normalizeText } from '../workspace/fs.js';

/** One place in the code that reads an environment variable by a literal name. */
export interface EnvRead {
  name: string;
  path: string;
  line: number;
  column: number;
}

type Language = 'js' | 'python' | 'go';

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const QUOTED = `(['"\`])(${NAME})\\1`;

/** Each pattern captures the variable name in the group named by `group`. */
const PATTERNS: Record<Language, { regex: RegExp; group: number }[]> = {
  js: [
    { regex: new RegExp(`\\bprocess\\.env(?:\\?\\.|\\.)(${NAME})`, 'g'), group: 1 },
    { regex: new RegExp(`\\bprocess\\.env(?:\\?\\.)?\\[\\s*${QUOTED}\\s*\\]`, 'g'), group: 2 },
    { regex: new RegExp(`\\bimport\\.meta\\.env(?:\\?\\.|\\.)(${NAME})`, 'g'), group: 1 },
    { regex: new RegExp(`\\bimport\\.meta\\.env(?:\\?\\.)?\\[\\s*${QUOTED}\\s*\\]`, 'g'), group: 2 },
    { regex: new RegExp(`\\bDeno\\.env\\.get\\(\\s*${QUOTED}`, 'g'), group: 2 },
  ],
  python: [
    { regex: new RegExp(`\\bos\\.environ\\s*\\[\\s*(['"])(${NAME})\\1\\s*\\]`, 'g'), group: 2 },
    { regex: new RegExp(`\\bos\\.environ\\.(?:get|setdefault|pop)\\(\\s*(['"])(${NAME})\\1`, 'g'), group: 2 },
    { regex: new RegExp(`\\bos\\.getenv\\(\\s*(['"])(${NAME})\\1`, 'g'), group: 2 },
  ],
  go: [{ regex: new RegExp(`\\bos\\.(?:Getenv|LookupEnv)\\(\\s*(["\`])(${NAME})\\1`, 'g'), group: 2 }],
};

/** Vite's built-in `import.meta.env` keys are set by the bundler, not by the environment. */
const BUNDLER_KEYS = new Set(['MODE', 'BASE_URL', 'PROD', 'DEV', 'SSR']);

export function languageOf(file: string): Language | undefined {
  if (/\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/i.test(file)) return 'js';
  if (/\.pyw?$/i.test(file)) return 'python';
  if (/\.go$/i.test(file)) return 'go';
  return undefined;
}

/** Lines that are only a comment: a mention there is not a read. */
function commentLines(text: string, language: Language): Set<number> {
  const marker = language === 'python' ? /^\s*#/ : /^\s*(?:\/\/|\/\*|\*)/;
  const out = new Set<number>();
  text.split('\n').forEach((line, index) => {
    if (marker.test(line)) out.add(index + 1);
  });
  return out;
}

/** `const { A, B: b, C = 'x', ...rest } = process.env` (also across lines). */
function destructuredReads(text: string): { name: string; offset: number }[] {
  const out: { name: string; offset: number }[] = [];
  const pattern = /\{([^{}]*)\}\s*(?::\s*[^=;]+)?=\s*(?:process\.env|import\.meta\.env|Deno\.env\.toObject\(\))\b/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const inner = match[1]!;
    const innerStart = match.index + 1;
    const member = new RegExp(`(^|,)\\s*(${NAME})\\s*(?=[:=,}]|$)`, 'g');
    for (let m = member.exec(inner); m; m = member.exec(inner)) {
      const name = m[2]!;
      out.push({ name, offset: innerStart + m.index + m[0].indexOf(name) });
    }
  }
  return out;
}

/** Every literal environment-variable read in one source file, in file order. */
export function findEnvReads(source: string, file: string): EnvRead[] {
  const language = languageOf(file);
  if (!language) return [];
  // Every pattern names `env` or `Env` literally; most files have neither and skip the regexes.
  if (!source.includes('env') && !source.includes('Env')) return [];
  const text = normalizeText(source);
  const comments = commentLines(text, language);
  const found: { name: string; offset: number; bundler: boolean }[] = [];
  for (const { regex, group } of PATTERNS[language]) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      const name = match[group]!;
      const offset = match.index + match[0].lastIndexOf(name);
      found.push({ name, offset, bundler: match[0].startsWith('import.meta') });
    }
  }
  if (language === 'js') for (const read of destructuredReads(text)) found.push({ ...read, bundler: false });
  const out: EnvRead[] = [];
  for (const read of found.sort((a, b) => a.offset - b.offset)) {
    if (read.bundler && BUNDLER_KEYS.has(read.name)) continue;
    const { line, column } = lineColumnAt(text, read.offset);
    if (comments.has(line)) continue;
    out.push({ name: read.name, path: file, line, column });
  }
  return out;
}
