import { execFile } from 'node:child_process';
import { EMPTY_TREE, git } from './git.js';

/**
 * Every file under `paths` (files or folders, relative to root) as committed at `ref`, read with
 * one `git ls-tree` and one `git cat-file --batch`: the referee's settings as they were at a base.
 * Keys are root-relative POSIX paths; text is decoded as UTF-8.
 */
export async function readTreeFiles(root: string, ref: string, paths: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ref === EMPTY_TREE || paths.length === 0) return out;
  const listed = await git(root, ['ls-tree', '-r', '-z', ref, '--', ...paths.map((p) => `./${p}`)]);
  if (listed.code !== 0) return out;
  const blobs: { path: string; id: string }[] = [];
  for (const line of listed.stdout.split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(line);
    if (match) blobs.push({ id: match[1]!, path: match[2]! });
  }
  if (blobs.length === 0) return out;
  const batch = await catFileBatch(
    root,
    blobs.map((b) => b.id),
  );
  blobs.forEach((b, i) => {
    const content = batch[i];
    if (content !== undefined) out.set(b.path, content.toString('utf8'));
  });
  return out;
}

/** Contents of blob ids, in order; undefined for an id git does not have. */
function catFileBatch(root: string, ids: readonly string[]): Promise<(Buffer | undefined)[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', ['cat-file', '--batch'], { cwd: root, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const found: (Buffer | undefined)[] = [];
      let at = 0;
      for (let i = 0; i < ids.length; i++) {
        const eol = stdout.indexOf(0x0a, at);
        if (eol < 0) break;
        const header = stdout.subarray(at, eol).toString('utf8');
        const size = /^[0-9a-f]+ blob (\d+)$/.exec(header);
        if (!size) {
          found.push(undefined); // "<id> missing"
          at = eol + 1;
          continue;
        }
        const length = Number(size[1]);
        found.push(stdout.subarray(eol + 1, eol + 1 + length));
        at = eol + 1 + length + 1;
      }
      resolve(found);
    });
    child.stdin?.end(`${ids.join('\n')}\n`);
  });
}
