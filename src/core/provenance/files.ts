import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { git } from '../git/git.js';
import { normalizeText } from '../workspace/fs.js';
import { GIT_EXCLUDE_ARGS, walkWorkspace } from '../workspace/ignore.js';
import { findHeader, HEADER_SEARCH_LINES, type ParsedHeader } from './header.js';
import { looksBinary, syntaxFor, type FileSyntax } from './syntax.js';

/** Headers sit in the first lines, so the check reads only the head of each file. */
const HEAD_BYTES = 8 * 1024;
/** One buffer reused for every head: checking 20,000 files should not allocate 20,000 buffers. */
const shared = Buffer.alloc(HEAD_BYTES);

/** The first bytes of a file. The result is a view of a shared buffer: use it before the next call. */
function readHead(absolute: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(absolute, 'r');
  } catch {
    return undefined;
  }
  try {
    const read = readSync(fd, shared, 0, HEAD_BYTES, 0);
    return shared.subarray(0, read);
  } catch {
    return undefined; // a directory or unreadable: not a file that can carry a header
  } finally {
    closeSync(fd);
  }
}

type FileHeaderState =
  | { kind: 'unreadable' }
  | { kind: 'refused'; code: string; reason: string }
  | { kind: 'missing'; syntax: FileSyntax; wrongSyntaxLine?: number }
  | { kind: 'found'; syntax: FileSyntax; line: number; header: ParsedHeader };

/** What a file's head says about provenance: header, none, or why it cannot have one. */
export function inspectFile(root: string, relative: string): FileHeaderState {
  const lookup = syntaxFor(relative);
  if (!lookup.ok) return { kind: 'refused', code: lookup.code, reason: lookup.reason };
  const head = readHead(path.join(root, relative));
  if (head === undefined) return { kind: 'unreadable' };
  if (looksBinary(head)) return { kind: 'refused', code: 'PROVENANCE_BINARY', reason: 'binary content (NUL bytes) cannot hold a header' };
  const lines = normalizeText(head.toString('utf8')).split('\n', HEADER_SEARCH_LINES);
  const { found, wrongSyntax } = findHeader(lines, lookup.syntax.family);
  if (found) return { kind: 'found', syntax: lookup.syntax, line: found.index + 1, header: found.header };
  return wrongSyntax === undefined ? { kind: 'missing', syntax: lookup.syntax } : { kind: 'missing', syntax: lookup.syntax, wrongSyntaxLine: wrongSyntax + 1 };
}

/** The config's include/exclude globs as one predicate over workspace-relative paths. */
export function provenanceFilter(include: string[], exclude: string[]): (file: string) => boolean {
  const included = picomatch(include, { dot: true });
  const excluded = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
  return (file) => included(file) && !excluded(file);
}

export function excludedBy(exclude: string[]): (file: string) => boolean {
  return exclude.length ? picomatch(exclude, { dot: true }) : () => false;
}

/** Every file in the workspace: git's tracked + untracked-not-ignored, or a walk outside git. */
export async function listWorkspaceFiles(root: string, gitRepo: boolean): Promise<string[]> {
  if (gitRepo) {
    const result = await git(root, ['ls-files', '--cached', '--others', '--exclude-standard', ...GIT_EXCLUDE_ARGS, '-z']);
    if (result.code === 0) return [...new Set(result.stdout.split('\0').filter(Boolean))].sort();
  }
  return walkWorkspace(root);
}
