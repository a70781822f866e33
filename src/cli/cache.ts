import { homedir } from 'node:os';
import path from 'node:path';
import { loadCacheSecret } from '../core/cache/secret.js';
import { openCache, type Cache } from '../core/cache/store.js';
import type { SentinelConfig } from '../core/workspace/config-types.js';
import { layoutOf } from '../core/workspace/layout.js';
import { VERSION } from './version.js';

/**
 * The workspace's cache (docs/cache.md), read from the environment here at the edge:
 * SENTINEL_NO_CACHE=1 turns it off; the signing key lives in $SENTINEL_CACHE_KEY_DIR, else
 * $XDG_CACHE_HOME/sentinel, else ~/.cache/sentinel — never in the workspace.
 */
export async function workspaceCache(root: string, config: SentinelConfig, env: NodeJS.ProcessEnv = process.env): Promise<Cache | undefined> {
  if (env.SENTINEL_NO_CACHE && env.SENTINEL_NO_CACHE !== '0') return undefined;
  const keyDir = env.SENTINEL_CACHE_KEY_DIR || path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'sentinel');
  const secret = loadCacheSecret(keyDir);
  if (!secret) return undefined;
  return openCache({ dir: path.join(root, ...layoutOf(config).cacheDir.split('/')), version: VERSION, secret });
}
