import path from 'node:path';

/** How a header line is written: `//`, a one-line block comment, `#`, `<!-- -->` or `--`. */
export type CommentFamily = 'line' | 'block' | 'hash' | 'html' | 'sql';

/** Languages whose files need something kept before the header (see preamble.ts). */
export type PreambleKind = 'plain' | 'js' | 'python' | 'ruby' | 'go' | 'php' | 'css' | 'xml' | 'html' | 'markdown' | 'mdx' | 'yaml' | 'dockerfile' | 'sql';

export interface FileSyntax {
  family: CommentFamily;
  preamble: PreambleKind;
}

type SyntaxLookup = { ok: true; syntax: FileSyntax } | { ok: false; code: 'PROVENANCE_JSON' | 'PROVENANCE_BINARY' | 'PROVENANCE_NO_SYNTAX'; reason: string };

const BY_EXTENSION: Record<string, FileSyntax> = {};
const add = (family: CommentFamily, preamble: PreambleKind, extensions: string) => {
  for (const ext of extensions.split(' ')) BY_EXTENSION[ext] = { family, preamble };
};
add('line', 'js', 'js jsx mjs cjs ts tsx mts cts');
add('line', 'go', 'go');
add('line', 'php', 'php');
add('line', 'plain', 'rs java c h cc cpp cxx hpp hh hxx swift kt kts cs scala sc dart groovy gradle proto zig');
add('block', 'css', 'css scss less');
add('hash', 'python', 'py pyw pyi');
add('hash', 'ruby', 'rb rake gemspec');
add('hash', 'yaml', 'yaml yml');
add('hash', 'dockerfile', 'dockerfile');
add('hash', 'plain', 'sh bash zsh ksh fish toml r pl pm env mk tf hcl cmake nix ps1');
add('html', 'markdown', 'md markdown');
// MDX 2+ has no HTML comments: the header goes into the front matter as a YAML comment.
add('hash', 'mdx', 'mdx');
add('html', 'html', 'html htm xhtml');
add('html', 'xml', 'xml svg xsd xsl xslt plist');
add('html', 'plain', 'vue svelte');
add('sql', 'sql', 'sql');
add('sql', 'plain', 'lua hs');

const BY_BASENAME: Record<string, FileSyntax> = {
  dockerfile: { family: 'hash', preamble: 'dockerfile' },
  containerfile: { family: 'hash', preamble: 'dockerfile' },
  makefile: { family: 'hash', preamble: 'plain' },
  gnumakefile: { family: 'hash', preamble: 'plain' },
  rakefile: { family: 'hash', preamble: 'ruby' },
  gemfile: { family: 'hash', preamble: 'ruby' },
  '.env': { family: 'hash', preamble: 'plain' },
};

const JSON_EXTENSIONS = new Set(['json', 'jsonl', 'ndjson', 'geojson', 'ipynb', 'map', 'webmanifest']);
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif webp bmp ico icns tif tiff avif heic psd pdf zip gz tgz bz2 xz 7z rar tar zst jar war ' +
    'woff woff2 ttf otf eot mp3 mp4 m4a mov avi mkv wav flac ogg webm exe dll so dylib a o obj lib class wasm ' +
    'pyc pyo sqlite sqlite3 db bin dat node keystore p12 pfx der'
  ).split(' '),
);

const JSON_REASON = "JSON cannot hold comments: its provenance is recorded in the ledger instead — list the file in the decision's Outputs";
export const BINARY_REASON = "binary files cannot hold a header: list the file in the decision's Outputs instead";

/** The comment syntax for a path, or why the file cannot carry a header. */
export function syntaxFor(file: string): SyntaxLookup {
  const base = path.posix.basename(file.replace(/\\/g, '/')).toLowerCase();
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  if (JSON_EXTENSIONS.has(ext)) return { ok: false, code: 'PROVENANCE_JSON', reason: JSON_REASON };
  if (BINARY_EXTENSIONS.has(ext)) return { ok: false, code: 'PROVENANCE_BINARY', reason: BINARY_REASON };
  const named = BY_BASENAME[base];
  if (named) return { ok: true, syntax: named };
  if (base.startsWith('.env.')) return { ok: true, syntax: { family: 'hash', preamble: 'plain' } };
  if (base.startsWith('dockerfile.')) return { ok: true, syntax: { family: 'hash', preamble: 'dockerfile' } };
  if (base.startsWith('makefile.')) return { ok: true, syntax: { family: 'hash', preamble: 'plain' } };
  const byExt = ext ? BY_EXTENSION[ext] : undefined;
  if (byExt) return { ok: true, syntax: byExt };
  return {
    ok: false,
    code: 'PROVENANCE_NO_SYNTAX',
    reason: `no known comment syntax for ${ext ? `.${ext}` : `"${base}"`} files: list the file in the decision's Outputs instead`,
  };
}

/** NUL bytes in the first 8 KiB mean binary, whatever the extension says. */
export function looksBinary(content: Uint8Array): boolean {
  const end = Math.min(content.length, 8192);
  for (let i = 0; i < end; i++) if (content[i] === 0) return true;
  return false;
}
