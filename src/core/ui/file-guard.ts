import { forbiddenBy } from '../context/allowed.js';
import { resolvedTarget } from '../workspace/resolved.js';

/**
 * Files the board's source view never shows, whatever the workspace's context limits say:
 * environment files, private keys and key stores, credential files, git internals. Templates meant
 * to be committed (`.env.example`) stay readable.
 */
const NEVER_SHOWN: readonly string[] = [
  '**/.env',
  '**/.env.*',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/*.jks',
  '**/*.keystore',
  '**/id_rsa',
  '**/id_dsa',
  '**/id_ecdsa',
  '**/id_ed25519',
  '**/.npmrc',
  '**/.pypirc',
  '**/.netrc',
  '**/.git',
  '**/.git/**',
];

const TEMPLATE = /(?:^|\/)\.env\.(?:example|sample|template|dist)$/;

/**
 * Why a workspace path must not be shown (the rule it falls under), or undefined. A symlink is
 * judged by its target too, so `docs/env.txt -> ../.env` is refused like `.env`. The caller has
 * already refused paths outside the root and symlinks that leave it (checkInside).
 */
export function sourceRefusal(root: string, relative: string, forbiddenPaths: readonly string[]): string | undefined {
  const rules = [...NEVER_SHOWN, ...forbiddenPaths];
  const judge = (p: string) => (TEMPLATE.test(p) && forbiddenBy(p, forbiddenPaths) === undefined ? undefined : forbiddenBy(p, rules));
  const own = judge(relative);
  if (own) return own;
  const target = resolvedTarget(root, relative);
  return target === undefined ? undefined : judge(target);
}
