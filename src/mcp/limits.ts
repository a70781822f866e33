import path from 'node:path';
import { readTextIfExists } from '../core/workspace/fs.js';
import { DEFAULT_CONFIG } from '../core/workspace/config-types.js';
import { CONFIG_PATH } from '../core/workspace/layout.js';

/**
 * `mcp.maxInputBytes` read straight from .sentinel/config.json, for the transport's line limit at
 * start-up. Full validation (ajv) is left to the first request that loads the config: a server must
 * answer initialize quickly, and must start even when the config is broken (tools report that).
 * A value the schema would refuse (not an integer ≥ 1024) falls back to the default.
 */
export function startupMaxInputBytes(root: string, configPath = CONFIG_PATH): number {
  const fallback = DEFAULT_CONFIG.mcp.maxInputBytes;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readTextIfExists(path.join(root, configPath))?.replace(/^\uFEFF/, '') ?? 'null');
  } catch {
    return fallback;
  }
  const value = (parsed as { mcp?: { maxInputBytes?: unknown } } | null)?.mcp?.maxInputBytes;
  return Number.isSafeInteger(value) && (value as number) >= 1024 ? (value as number) : fallback;
}
