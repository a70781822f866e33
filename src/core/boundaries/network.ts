/** One outbound network call found in source code. */
export interface NetworkCall {
  line: number;
  column: number;
  /** The module that does the I/O (`node:https`, `axios`, `requests`, `net/http`) or `global` for `fetch`. */
  module: string;
  /** The call as written, resolved through aliases: `https.request`, `fetch`, `import('undici')`. */
  callee: string;
}

/**
 * JS/TS modules whose members make outbound calls, and which members do ('*' = any call on the
 * module, its default export included). Server-side members (`createServer`, `STATUS_CODES`) are not listed.
 */
const JS_NETWORK_MODULES: Readonly<Record<string, readonly string[] | '*'>> = {
  http: ['request', 'get'],
  https: ['request', 'get'],
  http2: ['connect'],
  undici: ['request', 'fetch', 'stream', 'pipeline', 'connect', 'upgrade', 'Client', 'Pool', 'BalancedPool', 'ProxyAgent', 'EventSource', 'WebSocket'],
  axios: '*',
  got: '*',
  ky: '*',
  superagent: '*',
  'node-fetch': '*',
  'cross-fetch': '*',
  'isomorphic-fetch': '*',
  'make-fetch-happen': '*',
  ofetch: '*',
  needle: '*',
  request: '*',
  phin: '*',
};

/** Globals that reach the network when called (or constructed). */
export const JS_NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'] as const;

/** `node:https` → `https`; `undici/lib/x` stays unknown. */
export function jsModuleKey(specifier: string): string | undefined {
  const name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return Object.hasOwn(JS_NETWORK_MODULES, name) ? name : undefined;
}

export function jsMemberIsNetwork(key: string, member: string | undefined): boolean {
  const members = JS_NETWORK_MODULES[key];
  if (members === '*') return true;
  return member !== undefined && members !== undefined && members.includes(member);
}

/** Python callables (fully qualified) that make outbound calls; a trailing `.*` means any member. */
export const PY_NETWORK_CALLABLES: readonly string[] = [
  'requests.*',
  'httpx.*',
  'urllib.request.urlopen',
  'urllib.request.build_opener',
  'urllib.request.urlretrieve',
  'urllib3.*',
  'http.client.HTTPConnection',
  'http.client.HTTPSConnection',
  'aiohttp.ClientSession',
  'aiohttp.request',
];

/** Members of Go's net/http that build or make client requests. */
export const GO_NET_HTTP_MEMBERS = ['Get', 'Post', 'PostForm', 'Head', 'NewRequest', 'NewRequestWithContext', 'DefaultClient', 'DefaultTransport'] as const;
/** Types that are clients only when built as a composite literal (`http.Client{…}`). */
export const GO_NET_HTTP_LITERALS = ['Client', 'Transport'] as const;
