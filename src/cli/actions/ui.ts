import { spawn } from 'node:child_process';
import { isIP } from 'node:net';
import { usageError } from '../../core/errors.js';
import type { ActionBody } from '../action.js';

/** `--port`: a whole number from 0 (any free port) to 65535. */
export function parsePort(value: unknown): number {
  const text = String(value ?? '');
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535))
    throw usageError('UI_PORT', `--port "${text}" is not a port number`, { fix: 'Pass a number from 1 to 65535, or 0 for any free port' });
  return port;
}

const LOOPBACK = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/** Open the URL in the desktop's browser; failure to do so is only a hint, the URL is printed anyway. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`sentinel ui: could not open a browser (${command}); open the URL above yourself\n`));
    child.unref();
  } catch {
    /* the URL is printed */
  }
}

/** `sentinel ui`: serve the board until interrupted. */
export const ui: ActionBody = async (ctx, _args, opts) => {
  const port = parsePort(opts.port);
  const host = String(opts.host ?? '127.0.0.1');
  if (host !== 'localhost' && isIP(host) === 0)
    throw usageError('UI_HOST', `--host "${host}" is not an IP address`, { fix: 'Pass a local address such as 127.0.0.1' });
  const config = await ctx.config();
  const [{ startUiServer }, { newToken }] = await Promise.all([import('../ui/server.js'), import('../ui/guard.js')]);
  const server = await startUiServer({ root: ctx.root, config, host, port, token: newToken(), redact: ctx.redact });
  // Written past the redactor on purpose: the token is ours, made for this user to open the board
  // with, and looks random enough to be masked as a secret.
  if (ctx.json) process.stdout.write(`${JSON.stringify({ url: server.url, openUrl: server.openUrl, port: server.port, root: ctx.root }, null, 2)}\n`);
  else {
    process.stdout.write(`Sentinel board for ${ctx.root}\n  ${server.openUrl}\nRead-only, except "run check" (needs the token in this URL). Ctrl-C to stop.\n`);
    if (!LOOPBACK(host)) ctx.err(`sentinel ui: warning: listening on ${host}, reachable from other machines; the board shows workspace files`);
  }
  if (opts.open) openBrowser(server.openUrl);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
};
