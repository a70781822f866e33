import type { PreambleKind } from './syntax.js';

type PreambleResult = { ok: true; keep: number } | { ok: false; reason: string };

const PYTHON_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/;
const DIRECTIVE = /^\s*(['"])use [\w ]+\1;?\s*(\/\/.*)?$/;
const DOCKER_DIRECTIVE = /^#\s*[a-zA-Z]+\s*=/;

/** Index after the line where `closing` first appears, searching from `start`. */
function through(lines: readonly string[], start: number, closing: (line: string) => boolean): number {
  for (let k = start; k < lines.length; k++) if (closing(lines[k]!)) return k + 1;
  return start;
}

function goConstraints(lines: readonly string[], from: number): number {
  let last = -1;
  for (let k = from; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (line === '' || (line.startsWith('//') && !line.startsWith('//go:build') && !line.startsWith('// +build'))) continue;
    if (line.startsWith('//go:build') || line.startsWith('// +build')) {
      last = k;
      continue;
    }
    break;
  }
  if (last < 0) return from;
  return lines[last + 1]?.trim() === '' ? last + 2 : last + 1;
}

function frontMatter(lines: readonly string[], from: number): number {
  const open = lines[from]?.trimEnd();
  if (open !== '---' && open !== '+++') return from;
  for (let k = from + 1; k < lines.length; k++) {
    const line = lines[k]!.trimEnd();
    if (line === open || (open === '---' && line === '...')) return k + 1;
  }
  return from;
}

function xmlProlog(lines: readonly string[], from: number): number {
  let i = from;
  if (lines[i]?.trimStart().startsWith('<?xml')) i = through(lines, i, (l) => l.includes('?>'));
  if (/^\s*<!DOCTYPE/i.test(lines[i] ?? '')) {
    const internalSubset = (lines[i] ?? '').includes('[');
    i = through(lines, i, (l) => (internalSubset ? /\]\s*>/.test(l) : l.includes('>')));
  }
  return i;
}

/**
 * How many leading lines must stay before the header so the file keeps working: a shebang, a
 * Python/Ruby encoding cookie (line 1 or 2), Dockerfile parser directives, `"use strict"`-style
 * directives, Go build constraints and the blank line after them, `<?php`, `@charset`, an XML
 * declaration and DOCTYPE, YAML directives and `---`, Markdown front matter.
 */
export function preambleLength(lines: readonly string[], kind: PreambleKind): PreambleResult {
  let i = lines[0]?.startsWith('#!') ? 1 : 0;
  switch (kind) {
    case 'python':
    case 'ruby':
      if (PYTHON_COOKIE.test(lines[1] ?? '')) i = 2;
      else if (i === 0 && PYTHON_COOKIE.test(lines[0] ?? '')) i = 1;
      break;
    case 'dockerfile':
      while (i < lines.length && DOCKER_DIRECTIVE.test(lines[i]!)) i++;
      break;
    case 'js':
      while (i < lines.length && DIRECTIVE.test(lines[i]!)) i++;
      break;
    case 'go':
      i = goConstraints(lines, i);
      break;
    case 'php': {
      const open = lines[i] ?? '';
      if (!open.trimStart().startsWith('<?php') || open.includes('?>')) {
        return {
          ok: false,
          reason:
            'the file does not start with a line holding only "<?php", so a // header would be output as text: list the file in the decision\'s Outputs instead',
        };
      }
      i++;
      break;
    }
    case 'css':
      if ((lines[i] ?? '').startsWith('@charset')) i++;
      break;
    case 'xml':
    case 'html':
      i = xmlProlog(lines, i);
      if (kind === 'html') i = frontMatter(lines, i);
      break;
    case 'markdown':
      i = frontMatter(lines, i);
      break;
    case 'mdx':
      if (lines[0]?.trimEnd() !== '---' || frontMatter(lines, 0) === 0) {
        return {
          ok: false,
          reason:
            "MDX has no comment a header can use outside front matter, and this file has none: add front matter (---) so the header can go in it as a YAML comment, or list the file in the decision's Outputs (the ledger) instead",
        };
      }
      i = 1;
      break;
    case 'sql':
      // Liquibase reads a formatted-SQL file only when this is its very first line.
      if (/^--\s*liquibase formatted sql/i.test(lines[0] ?? '')) i = 1;
      break;
    case 'yaml':
      while (i < lines.length && lines[i]!.startsWith('%')) i++;
      if (lines[i]?.trimEnd() === '---') i++;
      break;
    case 'plain':
      break;
  }
  return { ok: true, keep: i };
}
