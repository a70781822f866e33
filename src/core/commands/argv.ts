/**
 * Turn a command string from the config into an argv array, honouring quotes, so it can run
 * without a shell. Strings that need a shell (pipes, redirections, `&&`, substitutions,
 * variables) are flagged instead: the caller then hands the config string, unchanged, to `sh -c`.
 */
type ParsedCommand =
  { ok: true; mode: 'argv'; argv: string[] } | { ok: true; mode: 'shell'; script: string; operators: string[] } | { ok: false; error: string };

/** Characters that mean something to a POSIX shell when unquoted. */
const OPERATOR_CHARS = new Set(['|', '&', ';', '<', '>', '`', '(', ')']);

export function parseCommand(command: string): ParsedCommand {
  const argv: string[] = [];
  const operators = new Set<string>();
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) current += command[++i];
      else {
        // Inside double quotes a shell still expands $VAR, $(…) and backticks.
        if (ch === '`') operators.add('`');
        if (ch === '$' && /[A-Za-z_({]/.test(command[i + 1] ?? '')) operators.add(command[i + 1] === '(' ? '$(' : '$');
        current += ch;
      }
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
      continue;
    }
    if (ch === '\\') {
      if (i + 1 < command.length) current += command[++i];
      inWord = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) argv.push(current);
      current = '';
      inWord = false;
      continue;
    }
    if (OPERATOR_CHARS.has(ch)) {
      const two = command.slice(i, i + 2);
      operators.add(two === '&&' || two === '||' || two === '>>' ? two : ch);
    } else if (ch === '$' && /[A-Za-z_({0-9?@*#!$-]/.test(command[i + 1] ?? '')) {
      operators.add(command[i + 1] === '(' ? '$(' : '$');
    } else if (ch === '#' && !inWord) {
      operators.add('#');
    } else if (ch === '~' && !inWord) {
      operators.add('~');
    }
    current += ch;
    inWord = true;
  }
  if (quote) return { ok: false, error: `unterminated ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) argv.push(current);
  // `NAME=value cmd` sets an environment variable: only a shell understands that.
  if (argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0]!)) operators.add('VAR=');
  if (operators.size > 0) return { ok: true, mode: 'shell', script: command, operators: [...operators].sort() };
  if (argv.length === 0) return { ok: false, error: 'empty command' };
  return { ok: true, mode: 'argv', argv };
}

/** The argv that actually runs: the parsed words, or the platform shell with the config string. */
export function commandArgv(parsed: Extract<ParsedCommand, { ok: true }>, platform: NodeJS.Platform = process.platform): string[] {
  if (parsed.mode === 'argv') return parsed.argv;
  return platform === 'win32' ? ['cmd.exe', '/d', '/s', '/c', parsed.script] : ['sh', '-c', parsed.script];
}

/** Quote one word for a POSIX shell (used only for paths Sentinel itself generates). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
