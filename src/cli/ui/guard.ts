import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh secret per `sentinel ui` start; only the printed URL carries it. */
export const newToken = (): string => randomBytes(24).toString('base64url');

/** Host names a page served by us may be reached under; anything else is DNS rebinding. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  if (host.includes(':') && !host.startsWith('[')) names.add(`[${host}]`);
  return new Set([...names].map((name) => `${name}:${port}`.toLowerCase()));
}

export function hostAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  return hosts.has(String(req.headers.host ?? '').toLowerCase());
}

function sameToken(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

type Refusal = { status: 403; code: string; message: string };

/**
 * The one action that changes anything (running gates) needs the start-up token and a request
 * from our own page: the browser's Origin must be ours and Sec-Fetch-Site, when sent, same-origin.
 * Another local user's page, or a page on the web, has neither.
 */
export function actionRefusal(req: IncomingMessage, url: URL, token: string, hosts: Set<string>): Refusal | undefined {
  if (!sameToken(url.searchParams.get('token'), token)) {
    return { status: 403, code: 'UI_TOKEN', message: 'Missing or wrong token: open the board with the URL `sentinel ui` printed' };
  }
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return { status: 403, code: 'UI_ORIGIN', message: 'Cross-origin or non-browser request refused (no Origin header)' };
  let originHost: string;
  try {
    const parsed = new URL(origin);
    originHost = parsed.protocol === 'http:' ? parsed.host.toLowerCase() : '';
  } catch {
    originHost = '';
  }
  if (!hosts.has(originHost)) return { status: 403, code: 'UI_ORIGIN', message: `Cross-origin request refused (Origin ${origin})` };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin')
    return { status: 403, code: 'UI_ORIGIN', message: `Cross-site request refused (Sec-Fetch-Site ${String(site)})` };
  return undefined;
}
