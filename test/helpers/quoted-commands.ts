import { Command, CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/program.js';

/** A `sentinel …` command line quoted in a document, and where. */
export interface QuotedCommand {
  file: string;
  line: number;
  text: string;
}

const LAUNCHER = String.raw`(?:npx (?:-y -p sentinelkit )?)?`;
// Inline code: `sentinel check --only scope` (not `.sentinel/…`, not `sentinel_check`).
const INLINE = new RegExp(String.raw`\x60(${LAUNCHER}sentinel [^\x60\n]+)\x60`, 'g');
// A command line in a code block or a workflow step: "$ sentinel …", "run: npx sentinel …".
const LINE = new RegExp(String.raw`^\s*(?:[$>]\s+|-\s+run:\s+|run:\s+)?(${LAUNCHER}sentinel (?:[a-z-]+|--[a-z-]+)(?: .*)?)$`);

/** Every quoted `sentinel …` command of a text file (Markdown, YAML, JSON strings). */
export function quotedCommands(file: string, text: string): QuotedCommand[] {
  const found: QuotedCommand[] = [];
  let fenced = false;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let raw = lines[index]!;
    const line = index + 1;
    // A command continued with a trailing backslash is one line (reported at its first line).
    while (raw.endsWith('\\') && index + 1 < lines.length) raw = `${raw.slice(0, -1)} ${lines[++index]!.trim()}`;
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    const match = fenced || /\.ya?ml$/.test(file) ? LINE.exec(raw) : null;
    if (match) found.push({ file, line, text: match[1]!.replace(/\s+#.*$/, '').trim() });
    else for (const m of raw.matchAll(INLINE)) found.push({ file, line, text: m[1]! });
  }
  return found;
}

const SHELL_PIPES = /^(head|tail|jq|grep|tee|less|sort|wc|xargs|cat)$/;
const SHELL_STOP = new Set(['&&', '||', ';', '>', '>>', '2>', '#']);

/** Split a shell-ish line into words, keeping quoted strings whole (a quoted "|" is text, not a pipe). */
function words(text: string): { word: string; quoted: boolean }[] {
  const out: { word: string; quoted: boolean }[] = [];
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push({ word: m[1] ?? m[2] ?? m[3]!, quoted: m[3] === undefined });
  return out;
}

/**
 * The argv each quoted line stands for. Synopsis notation is read as a person would: `<x>` and
 * `{{x}}` are values, `[…]` is optional (its content is checked), `(a | b)` takes the first,
 * `a | b` lists alternatives of the last subcommand, `names…` is a repeatable argument (left out),
 * `D-…` is an example value. Returns [] for a line that is output, not a command
 * ("`sentinel check failed: 1 ok…`").
 */
export function argvsOf(quoted: string): string[][] {
  const body = quoted
    .replace(new RegExp(`^${LAUNCHER}sentinel `), '')
    .replace(/\{\{[^}]*\}\}/g, 'x')
    .replace(/<[^>]*>/g, 'x')
    .replace(/\(([^()|]*)\|[^()]*\)/g, '$1')
    .replace(/[[\]]/g, ' ');
  const groups: string[][] = [[]];
  for (const { word, quoted: isQuoted } of words(body)) {
    if (!isQuoted && SHELL_STOP.has(word)) break;
    if (!isQuoted && word === '|') {
      groups.push([]);
      continue;
    }
    if (!isQuoted && /^(…|\.\.\.)$|^[a-z]+(…|\.\.\.)$/.test(word)) continue;
    // A shell variable (`$COMMENT` in a workflow) stands for flags set elsewhere.
    if (!isQuoted && /^\$[A-Z_]+$/.test(word)) continue;
    groups.at(-1)!.push(isQuoted ? word : word.replace(/…|\.\.\./g, '0001').replace(/^([^|]+)\|.*$/, '$1'));
  }
  const pipe = groups.findIndex((g, i) => i > 0 && SHELL_PIPES.test(g[0] ?? ''));
  const [head, ...alternatives] = pipe === -1 ? groups : groups.slice(0, pipe);
  const pathEnd = head!.findIndex((w) => w.startsWith('-') || w === 'x');
  const commandPath = head!.slice(0, pathEnd === -1 ? head!.length : pathEnd);
  if (commandPath.some((w) => !/^[a-z][a-z-]*$/.test(w))) return [];
  // "decisions list | show x | validate": each alternative replaces the last subcommand word.
  const parent = commandPath.slice(0, -1);
  return [head!, ...alternatives.map((alt) => [...parent, ...alt])];
}

function quiet(command: Command): void {
  command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  // Only the definition is asked: no action runs.
  if ((command as unknown as { _actionHandler?: unknown })._actionHandler) command.action(() => {});
  command.commands.forEach(quiet);
}

/** What the real CLI definition says of an argv: undefined when it parses, else commander's complaint. */
export async function parseWithCli(argv: string[]): Promise<string | undefined> {
  const program = buildProgram();
  quiet(program);
  let complaint: string | undefined;
  program.configureOutput({
    writeOut: () => {},
    writeErr: (text) => (complaint = (complaint ?? '') + text),
    outputError: (text) => (complaint = (complaint ?? '') + text),
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return undefined;
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    // Naming a command without its arguments ("`sentinel route` picks one") is a real reference.
    if (
      [
        'commander.missingArgument',
        'commander.optionMissingArgument',
        'commander.missingMandatoryOptionValue',
        'commander.help',
        'commander.helpDisplayed',
        'commander.version',
      ].includes(err.code)
    )
      return undefined;
    return `${err.code}: ${(complaint ?? err.message).trim().split('\n')[0]}`;
  }
}
