import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

interface LineStreams {
  input: NodeJS.ReadableStream;
  /** Writes one line of protocol; returns false when the stream wants a 'drain'. */
  write(line: string): boolean;
  onceDrain(resolve: () => void): void;
}

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

/** The id of a message we refuse, when it can be read cheaply from its first bytes. */
function leadingId(prefix: string): string | number | null {
  const match = /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(prefix);
  if (!match) return null;
  try {
    return JSON.parse(match[1]!) as string | number;
  } catch {
    return null;
  }
}

/**
 * Newline-delimited JSON-RPC over stdio, stricter than the SDK's: a line that is not JSON gets a
 * -32700 error, one that is not JSON-RPC a -32600 error, and a line over `maxLineBytes` is
 * dropped (never buffered whole) and answered with -32600; in every case the server keeps serving.
 */
export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private oversized: { prefix: string } | undefined;
  private closed = false;

  constructor(
    private readonly streams: LineStreams,
    private readonly maxLineBytes: number,
  ) {}

  async start(): Promise<void> {
    this.streams.input.on('data', this.onData);
    this.streams.input.on('end', this.onEnd);
    this.streams.input.on('error', this.onInputError);
  }

  private onData = (chunk: Buffer | string): void => {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let newline = buffer.indexOf(10); newline !== -1; newline = buffer.indexOf(10)) {
      this.take(buffer.subarray(0, newline));
      this.finishLine();
      buffer = buffer.subarray(newline + 1);
    }
    if (buffer.length) this.take(buffer);
  };

  private take(part: Buffer): void {
    if (this.oversized) return;
    this.pending.push(part);
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxLineBytes) {
      this.oversized = { prefix: Buffer.concat(this.pending).subarray(0, 200).toString('utf8') };
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  private finishLine(): void {
    if (this.oversized) {
      const id = leadingId(this.oversized.prefix);
      this.oversized = undefined;
      void this.reply(id, INVALID_REQUEST, `Message refused: larger than ${this.maxLineBytes} bytes (mcp.maxInputBytes)`);
      return;
    }
    const line = Buffer.concat(this.pending).toString('utf8').replace(/\r$/, '');
    this.pending = [];
    this.pendingBytes = 0;
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (err) {
      void this.reply(null, PARSE_ERROR, `Parse error: ${(err as Error).message}`);
      return;
    }
    const checked = JSONRPCMessageSchema.safeParse(parsed);
    if (!checked.success) {
      const raw = parsed as { id?: unknown };
      const id = raw && typeof raw === 'object' && (typeof raw.id === 'string' || typeof raw.id === 'number') ? raw.id : null;
      void this.reply(id, INVALID_REQUEST, 'Invalid request: not a JSON-RPC 2.0 message');
      return;
    }
    this.onmessage?.(checked.data);
  }

  private reply(id: string | number | null, code: number, message: string): Promise<void> {
    return this.writeLine(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }));
  }

  private onEnd = (): void => void this.close();
  private onInputError = (err: Error): void => this.onerror?.(err);

  private writeLine(json: string): Promise<void> {
    return new Promise((resolve) => {
      if (this.streams.write(`${json}\n`)) resolve();
      else this.streams.onceDrain(resolve);
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.writeLine(JSON.stringify(message));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.streams.input.off('data', this.onData);
    this.streams.input.off('end', this.onEnd);
    this.streams.input.off('error', this.onInputError);
    this.onclose?.();
  }
}
