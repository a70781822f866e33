declare const __SENTINEL_VERSION__: string;

/** Sentinel's version, baked in by the bundler (tsdown `define`); `0.0.0-dev` when run from source. Imports nothing. main.ts reads the constant itself (the entry imports no chunk before dispatch). */
export const VERSION = typeof __SENTINEL_VERSION__ === 'string' ? __SENTINEL_VERSION__ : '0.0.0-dev';
