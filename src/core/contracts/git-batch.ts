import { spawn } from 'node:child_process';
import { EMPTY_TREE } from '../git/git.js';

/**
 * Read many files at one ref through a single `git cat-file --batch`: version discipline reads
 * every contract and fixture at base, and one process per file would dominate the run time.
 */
export function readFilesAt(root: string, ref: string, files: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ref === EMPTY_TREE || files.length === 0) return Promise.resolve(out);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.quotepath=off', 'cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      const data = Buffer.concat(chunks);
      let offset = 0;
      for (const file of files) {
        const newline = data.indexOf(10, offset);
        if (newline < 0) break;
        const header = data.subarray(offset, newline).toString('utf8');
        offset = newline + 1;
        const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
        if (!match) continue; // `<ref>:<path> missing`
        const size = Number(match[2]);
        if (match[1] === 'blob') out.set(file, data.subarray(offset, offset + size).toString('utf8'));
        offset += size + 1;
      }
      resolve(out);
    });
    // `./`: paths are relative to the workspace root, which may be a subfolder of the repository.
    child.stdin.end(files.map((f) => `${ref}:./${f}\n`).join(''));
  });
}
