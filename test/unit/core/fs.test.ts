import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeText, readTextIfExists, writeFileAtomic } from '../../../src/core/workspace/fs.js';
import { makeTempDir } from '../../helpers/cli.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('workspace fs helpers', () => {
  it('readTextIfExists: text for files, undefined for missing paths, folders and links to folders', () => {
    const dir = makeTempDir({ 'a.txt': 'hello' });
    cleanup = dir.cleanup;
    mkdirSync(path.join(dir.dir, 'folder'));
    symlinkSync(path.join(dir.dir, 'folder'), path.join(dir.dir, 'link'));
    expect(readTextIfExists(path.join(dir.dir, 'a.txt'))).toBe('hello');
    expect(readTextIfExists(path.join(dir.dir, 'missing.txt'))).toBeUndefined();
    expect(readTextIfExists(path.join(dir.dir, 'a.txt', 'under-a-file'))).toBeUndefined();
    expect(readTextIfExists(path.join(dir.dir, 'folder'))).toBeUndefined();
    expect(readTextIfExists(path.join(dir.dir, 'link'))).toBeUndefined();
  });

  it('writeFileAtomic creates folders and leaves no temp file behind', () => {
    const dir = makeTempDir({});
    cleanup = dir.cleanup;
    const file = path.join(dir.dir, 'deep', 'x.json');
    writeFileAtomic(file, '{}\n');
    writeFileAtomic(file, '{"a":1}\n');
    expect(readTextIfExists(file)).toBe('{"a":1}\n');
    expect(readdirSync(path.dirname(file))).toEqual(['x.json']);
  });

  it('normalizeText strips a BOM and turns CRLF and CR into LF', () => {
    expect(normalizeText('\uFEFFa\r\nb\rc')).toBe('a\nb\nc');
  });
});
