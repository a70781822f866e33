/** The token from the URL `sentinel ui` printed; without it the board is read-only. */
export const token: string | null = new URLSearchParams(location.search).get('token');

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new ApiError(body.error?.message ?? `${path}: HTTP ${res.status}`, res.status, body.error?.code ?? 'HTTP');
  return body as T;
}

export const withToken = (path: string): string => (token ? `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : path);

/** POST an action and hand each JSON line of the streamed answer to `onEvent`. */
export async function streamAction<E>(path: string, onEvent: (event: E) => void): Promise<void> {
  const res = await fetch(withToken(path), { method: 'POST', headers: { accept: 'application/x-ndjson' } });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    throw new ApiError(body.error?.message ?? `HTTP ${res.status}`, res.status, body.error?.code ?? 'HTTP');
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) onEvent(JSON.parse(line) as E);
    }
    if (done) break;
  }
}
