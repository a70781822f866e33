import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempBeside, tempPathFor } from './scratch.js';

/**
 * Write via a temp file and rename, so readers never see half a file. The temp lives in the
 * workspace's `.sentinel/tmp/` (scratch.ts says why), or beside the target when that is on another
 * device (a rename cannot cross one) or outside any workspace. The target keeps its mode: the temp
 * is chmod-ed before the rename, so a script never loses its exec bit, not even to a kill -9.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const unique = crypto().randomBytes(4).toString('hex');
  const mode = modeOf(file);
  const temp = tempPathFor(file, unique);
  try {
    writeAndRename(temp.path, file, content, mode);
  } catch (err) {
    if (temp.beside || (err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    writeAndRename(tempBeside(file, unique), file, content, mode);
  }
}

function modeOf(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

function writeAndRename(tmp: string, file: string, content: string | Uint8Array, mode: number | undefined): void {
  try {
    // Created with the target's mode (never wider for a moment), then chmod-ed past the umask.
    writeFileSync(tmp, content, mode !== undefined ? { mode } : {});
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function readTextIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    // A folder (or a symlink to one) holds no text either: callers treat it like a missing file.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw err;
  }
}

export function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

export function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Strip a UTF-8 BOM and turn CRLF/CR into LF: every text parser starts from this. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** node:crypto when first needed: it loads Node's stream modules, and a hook may never hash (see sha256.ts). */
const crypto = () => process.getBuiltinModule('node:crypto');

export function sha256(content: string | Uint8Array): string {
  return crypto().createHash('sha256').update(content).digest('hex');
}
